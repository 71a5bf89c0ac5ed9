"""NumPy in and out: float32 C arrays are used in place, others converted once; results are owned, not copied."""

import numpy as np
import pytest

import latentbridge as lb
from latentbridge import _core
from conftest import demo


def test_float32_c_array_is_used_in_place():
    X = np.random.default_rng(0).standard_normal((100, 16)).astype(np.float32)
    address, converted = _core._input_buffer(X)
    assert address == X.ctypes.data and not converted


@pytest.mark.parametrize("make", [
    lambda X: X.astype(np.float64),
    lambda X: np.asfortranarray(X),
    lambda X: X[:, ::2],
    lambda X: X.astype(np.int16),
])
def test_other_layouts_are_converted_once(make):
    X = np.random.default_rng(0).standard_normal((50, 8)).astype(np.float32)
    Y = make(X)
    address, converted = _core._input_buffer(Y)
    assert converted and address != Y.ctypes.data
    # Same numbers as the float32 C-order copy made by NumPy itself.
    a = lb.select_anchors(np.ascontiguousarray(Y, dtype=np.float32), 5, strategy="fps", seed=1)
    b = lb.select_anchors(Y, 5, strategy="fps", seed=1)
    assert a.tolist() == b.tolist()


def test_loaded_npy_is_memory_mapped_not_copied(tmp_path):
    X = np.random.default_rng(1).standard_normal((1000, 32)).astype(np.float32)
    path = tmp_path / "x.npy"
    np.save(path, X)
    s = lb.load(path)
    assert np.array_equal(s.embeddings, X)
    assert not s.embeddings.flags.writeable
    # The view's buffer is the one the core reads: passing it back makes no copy.
    address, converted = _core._input_buffer(s.embeddings)
    assert address == s.embeddings.ctypes.data and not converted


def test_space_keeps_the_callers_array():
    X = np.ones((4, 3), np.float32)
    assert lb.Space(X).embeddings is X


def test_results_are_owned_float32_c_arrays():
    X = np.random.default_rng(2).standard_normal((300, 24)).astype(np.float32)
    rp = lb.RelativeProjection().fit(X[:10])
    R = rp.transform(X)
    assert R.dtype == np.float32 and R.flags.c_contiguous and R.shape == (300, 10)
    assert not np.shares_memory(R, X)
    # Relative projections are written block by block into an array NumPy allocated and owns (no copy afterwards);
    # other results hand the core's buffer to NumPy (the base is a capsule owning it).
    assert R.flags.owndata
    T = lb.Translator().fit(X[:30], X[:30, :20]).transform(X)
    assert T.dtype == np.float32 and T.flags.c_contiguous and type(T.base).__name__ == "PyCapsule"
    # Independent check of the cosine against NumPy.
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    np.testing.assert_allclose(R, Xn @ Xn[:10].T, atol=2e-6)


def test_roundtrip_save_load(tmp_path):
    s = lb.load(demo("fmnist_cnn_s0.npz"))
    for ext in (".npy", ".npz", ".safetensors"):
        path = tmp_path / ("s" + ext)
        lb.save(path, s)
        t = lb.load(path)
        assert np.array_equal(t.embeddings, s.embeddings), ext
        assert np.array_equal(t.labels, s.labels), ext
        assert t.keys == s.keys and t.label_names == s.label_names, ext
    w = lb.load(demo("words_w2v.vec"))
    lb.save(tmp_path / "w.vec", w)
    assert np.array_equal(lb.load(tmp_path / "w.vec").embeddings, w.embeddings)


def test_translator_pickles_bit_for_bit():
    import pickle
    rng = np.random.default_rng(3)
    A, B = rng.standard_normal((64, 12)).astype(np.float32), rng.standard_normal((64, 9)).astype(np.float32)
    t = lb.Translator(method="linear").fit(A, B)
    u = pickle.loads(pickle.dumps(t))
    X = rng.standard_normal((100, 12)).astype(np.float32)
    assert np.array_equal(t.transform(X), u.transform(X))
    assert u.report == t.report
