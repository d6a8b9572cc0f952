"""Writes the small data sets bundled for the demo (npm start) and examples.

Run with /usr/bin/python3 (Debian python3-sklearn). Sources:
- iris: Fisher (1936), as shipped by scikit-learn (sklearn.datasets.load_iris), 150 x 4.
"""
import json
import os

from sklearn.datasets import load_iris

here = os.path.dirname(os.path.abspath(__file__))

iris = load_iris()
with open(os.path.join(here, 'iris.json'), 'w') as f:
    json.dump({
        'source': 'Fisher (1936) iris data, via scikit-learn load_iris',
        'features': list(iris.feature_names),
        'species': list(iris.target_names),
        'data': iris.data.tolist(),
        'target': iris.target.tolist(),
    }, f)
