"""The module's results equal latentbridge-cli's on the demo data (same seeds, same numbers, bit for bit where
the CLI writes arrays)."""

import numpy as np
import pytest

import latentbridge as lb
from conftest import demo

CNN0, CNN1, MLP = demo("fmnist_cnn_s0.npz"), demo("fmnist_cnn_s1.npz"), demo("fmnist_mlp.npz")


def test_version_matches_cli(cli):
    import subprocess
    out = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout
    assert lb.__version__ in out


@pytest.mark.parametrize("strategy", ["random", "fps", "kmeans", "per-class"])
def test_anchors_equal_cli(run_cli, strategy):
    j = run_cli("anchors", CNN0, "--count", 50, "--strategy", strategy, "--seed", 7)
    s = lb.load(CNN0)
    rows = lb.select_anchors(s.embeddings, 50, strategy=strategy, labels=s.labels, seed=7)
    assert rows.tolist() == j["rows"]


@pytest.mark.parametrize("opts", [
    dict(similarity="cosine", transform="none", post="none"),
    dict(similarity=["cosine", "euclidean"], transform="standard", post="l2"),
])
def test_relative_equals_cli(run_cli, tmp_path, opts):
    anchors = run_cli("anchors", CNN0, "--count", 64, "--seed", 3)["rows"]
    anchor_file = tmp_path / "anchors.txt"
    s = lb.load(CNN0)
    # The demo spaces have keys: the anchor file holds keys, as `anchors --out` writes them.
    anchor_file.write_text("\n".join(s.keys[r] for r in anchors) + "\n")
    out = tmp_path / "rel.npy"
    sim = opts["similarity"] if isinstance(opts["similarity"], str) else ",".join(opts["similarity"])
    j = run_cli("relative", CNN0, "--anchors", anchor_file, "--similarity", sim, "--transform", opts["transform"],
                "--post", opts["post"], "--out", out)
    rp = lb.RelativeProjection(**opts).fit(s.embeddings[anchors])
    r = rp.transform(s.embeddings)
    ref = np.load(out)
    assert r.shape == ref.shape == (s.n, j["cols"])
    assert np.array_equal(r, ref)
    assert r.dtype == np.float32 and r.flags.c_contiguous


def test_translate_equals_cli_and_fit_file_round_trips(run_cli, tmp_path):
    fit, out = tmp_path / "fit.safetensors", tmp_path / "t.npy"
    j = run_cli("translate", CNN0, MLP, "--anchors", 300, "--seed", 1, "--method", "linear", "--out", out,
                "--save-fit", fit)
    assert j["saved_fit"] == str(fit)
    loaded = lb.Translator.load(fit)
    assert loaded.method == "linear" and loaded.scaling == "standard"
    assert loaded.report["rank"] == j["fit"]["rank"]
    assert loaded.report["anchor_mse"] == pytest.approx(j["fit"]["anchor_mse"], rel=1e-12)
    src = lb.load(CNN0)
    ref = np.load(out)  # the demo spaces share every key in the same order: rows in SOURCE order
    assert np.array_equal(loaded.transform(src.embeddings), ref)
    # `translate --fit` applies the saved fit without the target.
    out2 = tmp_path / "t2.npy"
    j2 = run_cli("translate", "--fit", fit, CNN0, "--out", out2)
    assert j2["n"] == src.n and j2["d_target"] == ref.shape[1]
    assert np.array_equal(np.load(out2), ref)


def test_python_fit_equals_cli_fit(run_cli, tmp_path):
    a, b = lb.load(CNN0), lb.load(CNN1)
    rows = lb.select_anchors(a.embeddings, 200, seed=5)
    anchor_file = tmp_path / "anchors.txt"
    anchor_file.write_text("\n".join(a.keys[r] for r in rows) + "\n")
    out = tmp_path / "t.npy"
    run_cli("translate", CNN0, CNN1, "--anchors", anchor_file, "--out", out)
    t = lb.Translator().fit(a.embeddings[rows], b.embeddings[rows])
    assert np.array_equal(t.transform(a.embeddings), np.load(out))


def _without(d, *keys):
    return {k: v for k, v in d.items() if k not in keys}


@pytest.mark.parametrize("space", ["absolute", "relative", "translated", "all"])
def test_compare_equals_cli(run_cli, space):
    j = run_cli("compare", CNN0, MLP, "--space", space, "--anchors", 200, "--seed", 2, "--queries", 500)
    p = lb.compare(CNN0, MLP, space=space, anchors=200, seed=2, queries=500)
    assert _without(p, "input") == _without(j, "input")
    assert set(p) == set(j)


def test_stitch_equals_cli(run_cli):
    j = run_cli("stitch", CNN0, CNN1, "--anchors", 300, "--seed", 4, "--max-rows", 3000)
    p = lb.stitch(lb.load(CNN0), lb.load(CNN1), anchors=300, seed=4, max_rows=3000)
    assert _without(p, "input", "warnings") == _without(j, "input", "warnings")
    assert 0.0 < p["native"] <= 1.0
