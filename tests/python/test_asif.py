"""lb.asif / lb.asif_encode against an independent NumPy implementation of docs/methods.md §7."""

import numpy as np
import pytest

import latentbridge as lb


def numpy_encode(X, A, topk, p):
    Xn = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
    An = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    S = Xn.astype(np.float64) @ An.T.astype(np.float64)
    keep = np.argsort(-S, axis=1, kind="stable")[:, :topk]
    E = np.zeros_like(S)
    rows = np.arange(S.shape[0])[:, None]
    E[rows, keep] = np.maximum(S[rows, keep], 0.0)  # negative kept similarities carry no evidence
    E = E ** p
    return E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-30)


@pytest.mark.parametrize("topk,p", [(20, 8.0), (64, 2.0), (5, 1.0)])
def test_asif_matches_numpy(topk, p):
    rng = np.random.default_rng(9)
    Aa = rng.standard_normal((64, 16)).astype(np.float32)
    Ab = (Aa @ rng.standard_normal((16, 24)) + 0.3 * rng.standard_normal((64, 24))).astype(np.float32)
    latent = rng.standard_normal((40, 16)).astype(np.float32)
    Q = latent + 0.05 * rng.standard_normal((40, 16)).astype(np.float32)
    C = (latent @ rng.standard_normal((16, 24))).astype(np.float32)
    E = lb.asif_encode(Q, Aa, topk=topk, p=p)
    np.testing.assert_allclose(E, numpy_encode(Q, Aa, topk, p), atol=2e-5)
    top = lb.asif(Q, Aa, C, Ab, topk=topk, p=p, top_n=3)
    assert top.shape == (40, 3) and top.dtype == np.int64
    scores = numpy_encode(Q, Aa, topk, p) @ numpy_encode(C, Ab, topk, p).T
    ref = np.argsort(-scores, axis=1, kind="stable")[:, :3]
    # Equal except where two candidates score within float32 rounding of each other.
    gaps = np.sort(-scores, axis=1)[:, 1:3] - np.sort(-scores, axis=1)[:, 0:2]
    clear = (np.abs(gaps) > 1e-5).all(axis=1)
    assert clear.sum() > 30
    assert np.array_equal(top[clear], ref[clear])


def test_asif_refuses_mismatched_anchor_counts():
    X = np.ones((3, 4), np.float32)
    with pytest.raises(ValueError):
        lb.asif(X, X, X, np.ones((2, 4), np.float32))
