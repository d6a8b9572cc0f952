"""Writes the small data sets bundled for the demo (npm start) and examples.

Run with /usr/bin/python3 (Debian python3-sklearn, python3-statsmodels). Sources:
- iris: Fisher (1936), as shipped by scikit-learn (sklearn.datasets.load_iris), 150 x 4.
- co2: Mauna Loa atmospheric CO2 (Keeling & Whorf 2004, public domain), weekly 1958-2001 as
  shipped by statsmodels (statsmodels.datasets.co2), averaged to 521 monthly means.
- diabetes: Efron, Hastie, Johnstone & Tibshirani (2004), 442 x 10, as shipped by
  scikit-learn (load_diabetes: columns centred and scaled to unit sum of squares).
- breast_cancer: Wisconsin diagnostic data (Street, Wolberg & Mangasarian 1993), 569 x 30, raw
  features as shipped by scikit-learn (load_breast_cancer); target 1 = benign.
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

from sklearn.datasets import load_breast_cancer, load_diabetes  # noqa: E402

diabetes = load_diabetes()
with open(os.path.join(here, 'diabetes.json'), 'w') as f:
    json.dump({
        'source': 'Efron et al. (2004) diabetes data, via scikit-learn load_diabetes (scaled)',
        'features': list(diabetes.feature_names),
        'data': [[round(v, 17) for v in row] for row in diabetes.data.tolist()],
        'target': diabetes.target.tolist(),
    }, f)

cancer = load_breast_cancer()
with open(os.path.join(here, 'breast_cancer.json'), 'w') as f:
    json.dump({
        'source': 'Wisconsin diagnostic breast cancer data, via scikit-learn load_breast_cancer',
        'features': list(cancer.feature_names),
        'classes': list(cancer.target_names),
        'data': cancer.data.tolist(),
        'target': cancer.target.tolist(),
    }, f)
