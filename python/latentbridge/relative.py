"""Anchors and relative representations (docs/methods.md §1 and §3), as `latentbridge-cli anchors` / `relative`."""

import numpy as np

from . import _core


def select_anchors(X, k, strategy="random", labels=None, seed=0, iterations=30, progress=None):
    """K distinct row indices of X (N x D), deterministic for a seed: ``random`` (uniform without replacement),
    ``per-class`` (needs labels), ``fps`` (farthest-point on L2-normalized rows) or ``kmeans`` (k-means++ then
    Lloyd, the real row nearest each centroid). Same rows as ``latentbridge-cli anchors --strategy S --count K
    --seed S``. Returns an int64 array of K rows."""
    return _core.select_anchors(X, int(k), strategy, labels, int(seed), int(iterations), progress)


def _names(similarity):
    return [similarity] if isinstance(similarity, str) else list(similarity)


class RelativeProjection:
    """Each row encoded by its similarities to K anchors:
    ``RelativeProjection(similarity="cosine").fit(anchors).transform(X)`` -> N x K float32.

    similarity: "cosine" (default), "angular", "euclidean", "l1", "linf", or a list of them (a product of
    invariances: each block standardized over its K coordinates, then ``aggregate``d: "concat" -> N x mK, "sum").
    transform: "none" (default), "center", "standard": fitted on the anchors, applied to rows and anchors.
    post: "none" (default), "l2", "standardize": over each output row.
    The anchors array is kept by reference (not copied): do not modify it while the projection is used.
    """

    def __init__(self, similarity="cosine", transform="none", post="none", aggregate="concat"):
        self.similarity = _names(similarity)
        self.transform_name = transform
        self.post = post
        self.aggregate = aggregate
        self.anchors_ = None
        # Checks the names now rather than at the first transform.
        _core.check_relative_options(self.similarity, transform, post, aggregate)

    def fit(self, anchors):
        """Keeps the K x D anchors (their own space's encodings of the anchor samples)."""
        a = np.asarray(anchors)
        if a.ndim != 2:
            raise ValueError(f"anchors must be 2-D (K x D), got shape {a.shape}")
        self.anchors_ = a
        return self

    @property
    def n_features_out(self):
        self._check_fitted()
        return _core.relative_output_cols(self.similarity, self.aggregate, self.anchors_.shape[0])

    def transform(self, X, progress=None):
        """X: N x D (or one row of D) -> N x K float32 (N x mK for concatenated similarities)."""
        self._check_fitted()
        return _core.relative_projection(X, self.anchors_, self.similarity, self.transform_name, self.post,
                                         self.aggregate, progress)

    def fit_transform(self, anchors, X, progress=None):
        return self.fit(anchors).transform(X, progress)

    def _check_fitted(self):
        if self.anchors_ is None:
            raise RuntimeError("RelativeProjection is not fitted: call fit(anchors) first")

    def __repr__(self):
        k = None if self.anchors_ is None else self.anchors_.shape[0]
        return (f"RelativeProjection(similarity={self.similarity}, transform={self.transform_name!r}, "
                f"post={self.post!r}, aggregate={self.aggregate!r}, K={k})")
