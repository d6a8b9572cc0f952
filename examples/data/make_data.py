"""Writes the small data sets bundled for the demo (npm start) and examples.

Run with /usr/bin/python3 (Debian python3-sklearn, python3-statsmodels). Sources:
- iris: Fisher (1936), as shipped by scikit-learn (sklearn.datasets.load_iris), 150 x 4.
- co2: Mauna Loa atmospheric CO2 (Keeling & Whorf 2004, public domain), weekly 1958-2001 as
  shipped by statsmodels (statsmodels.datasets.co2), averaged to 521 monthly means.
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

import statsmodels.api as sm  # noqa: E402

weekly = sm.datasets.co2.load_pandas().data
monthly = weekly.resample('MS').mean().dropna()
with open(os.path.join(here, 'co2.json'), 'w') as f:
    json.dump({
        'source': 'Mauna Loa CO2 (Keeling & Whorf 2004, public domain), statsmodels.datasets.co2, monthly means',
        'year': [round(t.year + (t.month - 0.5) / 12, 4) for t in monthly.index],
        'ppm': [round(float(v), 3) for v in monthly['co2']],
    }, f)
