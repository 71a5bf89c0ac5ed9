"""Latent translation X -> Y on parallel anchors (docs/methods.md §2), as ``latentbridge-cli translate``."""

import os

from . import _core


class Translator:
    """``Translator(method="procrustes").fit(src_anchors, tgt_anchors).transform(X)`` -> X in the target space.

    method: "procrustes" (default, orthogonal), "linear" (least squares), "linear-ortho", "affine".
    scaling: "standard" (default), "center", "none": each side's anchor statistics. l2: L2-normalize scaled rows
    (translations rescaled by the target anchors' mean norm). ridge: lambda for linear/linear-ortho/affine.

    A fit is saved with :meth:`save` and read back with :meth:`Translator.load`, in the file format of
    ``latentbridge-cli translate --save-fit`` (a .safetensors, see docs/python.md), so it can be fitted in one place
    and applied in another (``translate --fit FIT SOURCE``, or another machine). Translators pickle (Dask).
    """

    def __init__(self, method="procrustes", scaling="standard", l2=False, ridge=0.0):
        self.method, self.scaling, self.l2, self.ridge = method, scaling, bool(l2), float(ridge)
        self._fit = None

    def fit(self, source_anchors, target_anchors, progress=None):
        """source_anchors: K x D, target_anchors: K x D' (row k = the same sample in both spaces)."""
        self._fit = _core.fit_translator(source_anchors, target_anchors, self.method, self.scaling, self.l2,
                                         self.ridge, progress)
        return self

    def transform(self, X, progress=None):
        """X: N x D in source units -> N x D' float32 in target units."""
        return self._fitted().apply(X, progress)

    @property
    def report(self):
        """{rank, singular_values (first 10), orthogonality_error, anchor_mse}: the CLI's "fit" JSON."""
        return self._fitted().report

    @property
    def source_dim(self):
        return self._fitted().source_dim

    @property
    def target_dim(self):
        return self._fitted().target_dim

    def save(self, path):
        """Writes the fitted map (scaling statistics included) atomically."""
        self._fitted().save(os.fspath(path))

    @classmethod
    def load(cls, path):
        """A fitted Translator from a file written by :meth:`save` or ``translate --save-fit``."""
        return cls._from_core(_core.load_translator(os.fspath(path)))

    @classmethod
    def _from_core(cls, fitted):
        s = fitted.settings
        t = cls(s["method"], s["scaling"], s["l2"], s["ridge"])
        t._fit = fitted
        return t

    def _fitted(self):
        if self._fit is None:
            raise RuntimeError("Translator is not fitted: call fit(source_anchors, target_anchors) first")
        return self._fit

    def __getstate__(self):
        return {"settings": (self.method, self.scaling, self.l2, self.ridge),
                "fit": None if self._fit is None else self._fit.to_bytes()}

    def __setstate__(self, state):
        self.method, self.scaling, self.l2, self.ridge = state["settings"]
        self._fit = None if state["fit"] is None else _core.translator_from_bytes(state["fit"])

    def __repr__(self):
        fitted = "" if self._fit is None else f", {self.source_dim} -> {self.target_dim}"
        return f"Translator(method={self.method!r}, scaling={self.scaling!r}, l2={self.l2}{fitted})"
