"""latentbridge.dask on a LocalCluster of 2 worker processes over 8 shards gives bit-for-bit the single-process
results, and the fitted model enters the graph once."""

import os

import numpy as np
import pytest

import latentbridge as lb

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
lbd = pytest.importorskip("latentbridge.dask")


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    d = tmp_path_factory.mktemp("shards")
    rng = np.random.default_rng(0)
    # Uneven shard sizes, multiples of the core's 256-row chunks (the last one any size), none a multiple of its
    # 4096-row blocks: then every row is computed exactly as in one call on the whole matrix (docs/python.md).
    sizes = [256 * 20, 256 * 13, 256 * 27, 256, 256 * 17, 256 * 23, 2048, 5999]
    parts = [rng.standard_normal((n, 48), dtype=np.float32) for n in sizes]
    for i, p in enumerate(parts):
        np.save(d / f"shard-{i:02d}.npy", p)
    return d, np.concatenate(parts)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_relative_and_translated_shards_equal_single_process(shards, client, tmp_path):
    directory, X = shards
    anchors = X[lb.select_anchors(X, 100, seed=0)]
    rp = lb.RelativeProjection(similarity=["cosine", "euclidean"], transform="center").fit(anchors)
    Y = X @ np.random.default_rng(1).standard_normal((48, 32)).astype(np.float32)
    t = lb.Translator(method="affine").fit(anchors, Y[lb.select_anchors(X, 100, seed=0)])

    x = lbd.read_npy_shards(directory)
    assert x.numblocks == (8, 1) and x.shape == X.shape
    rel = lbd.apply(rp, x)
    paths = lbd.write_npy_shards(rel, tmp_path / "relative")
    assert len(paths) == 8
    got = np.concatenate([np.load(p) for p in paths])
    assert np.array_equal(got, rp.transform(X))

    translated = lbd.apply(t, x, broadcast=client).compute()
    assert np.array_equal(translated, t.transform(X))
    # The work ran in the worker processes.
    assert len(client.scheduler_info()["workers"]) == 2


def test_any_shard_sizes_equal_per_shard_calls(client, tmp_path):
    # Shards of any size: each equals the single-process call on that shard bit for bit, and the whole matrix up to
    # float rounding (a row at another position in the BLAS row tiles may differ in the last bit).
    rng = np.random.default_rng(5)
    parts = [rng.standard_normal((n, 40), dtype=np.float32) for n in (1000, 333, 1, 2500, 777, 1200, 64, 999)]
    for i, p in enumerate(parts):
        np.save(tmp_path / f"s{i}.npy", p)
    X = np.concatenate(parts)
    rp = lb.RelativeProjection(post="l2").fit(X[:50])
    got = lbd.apply(rp, lbd.read_npy_shards(tmp_path)).compute()
    assert np.array_equal(got, np.concatenate([rp.transform(p) for p in parts]))
    np.testing.assert_allclose(got, rp.transform(X), rtol=0, atol=1e-6)


def test_model_is_one_graph_key(shards):
    directory, X = shards
    rp = lb.RelativeProjection().fit(X[:10])
    rel = lbd.apply(rp, lbd.read_npy_shards(directory))
    graph = dict(rel.__dask_graph__())
    holding = [k for k, v in graph.items() if isinstance(v, lb.RelativeProjection)]
    assert len(holding) == 1
