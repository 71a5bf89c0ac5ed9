"""NumPy twin of `latentbridge-cli pca SPACE --out OUT --json` (2 components): the D x D covariance (N - 1
denominator) of the centred rows, its top 2 eigenpairs, each component signed so that its largest-|value|
coordinate is positive, the N x 2 coordinates saved, explained variance and ratios reported.
Usage: pca_twin.py SPACE OUT"""
import sys

import numpy as np

from twin_common import report

src, dst = sys.argv[1], sys.argv[2]
components = 2
x = np.load(src)
mean = x.mean(axis=0, dtype=np.float64).astype(np.float32)
xc = x - mean
cov = (xc.T @ xc).astype(np.float64) / (len(x) - 1)
values, vectors = np.linalg.eigh(cov)  # ascending
top = vectors[:, ::-1][:, :components]
top *= np.sign(top[np.argmax(np.abs(top), axis=0), np.arange(components)])
np.save(dst, xc @ top.astype(np.float32))
total = float(np.trace(cov))
variance = values[::-1][:components]
report({"explained_variance": variance.tolist(), "explained_variance_ratio": (variance / total).tolist(),
        "total_variance": total})
