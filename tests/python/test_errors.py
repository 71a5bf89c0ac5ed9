"""Bad input raises the right exception class, with the CLI's message naming the file."""

import subprocess

import numpy as np
import pytest

import latentbridge as lb


def test_missing_file_is_oserror_naming_it(tmp_path):
    path = tmp_path / "nope.npy"
    with pytest.raises(OSError) as e:
        lb.load(path)
    assert isinstance(e.value, lb.LatentbridgeError) and isinstance(e.value, lb.LatentbridgeIOError)
    assert str(path) in str(e.value) and e.value.path == str(path)


def test_malformed_file_is_valueerror_with_the_cli_message(tmp_path, cli):
    path = tmp_path / "bad.npy"
    path.write_bytes(b"\x93NUMPY\x01\x00garbage")
    with pytest.raises(ValueError) as e:
        lb.load(path)
    assert isinstance(e.value, lb.InvalidInputError) and str(path) in str(e.value)
    p = subprocess.run([cli, "info", str(path)], capture_output=True, text=True)
    assert p.returncode == 2
    assert p.stderr.strip() == "latentbridge-cli: error: " + str(e.value)


def test_nan_rows_are_refused_naming_the_file(tmp_path):
    X = np.ones((5, 3), np.float32)
    X[2, 1] = np.nan
    path = tmp_path / "nan.npy"
    np.save(path, X)
    with pytest.raises(ValueError, match="nan.npy.*1 row"):
        lb.load(path)
    assert lb.load(path, drop_nonfinite=True).n == 4


def test_impossible_requests_are_valueerrors():
    X = np.random.default_rng(0).standard_normal((20, 4)).astype(np.float32)
    with pytest.raises(ValueError, match="21"):
        lb.select_anchors(X, 21)
    with pytest.raises(ValueError, match="unknown strategy"):
        lb.select_anchors(X, 3, strategy="best")
    with pytest.raises(ValueError, match="labels"):
        lb.select_anchors(X, 3, strategy="per-class")
    with pytest.raises(ValueError, match="unknown similarity"):
        lb.RelativeProjection(similarity="cosin")
    with pytest.raises(ValueError, match="columns"):
        lb.RelativeProjection().fit(X[:3, :3]).transform(X)
    with pytest.raises(ValueError, match="2-D"):
        lb.select_anchors(np.zeros((2, 2, 2), np.float32), 1)
    bad = X.copy()
    bad[0, 0] = np.inf
    with pytest.raises(ValueError, match="NaN or Inf"):
        lb.RelativeProjection().fit(X[:3]).transform(bad)
    with pytest.raises(ValueError, match="unknown --method"):
        lb.compare(X, X, space="translated", anchors=5, method="nope")
    with pytest.raises(TypeError, match="unknown setting"):
        lb.compare(X, X, color="red")


def test_translator_file_errors_name_the_file(tmp_path):
    path = tmp_path / "fit.safetensors"
    with pytest.raises(OSError):
        lb.Translator.load(path)
    path.write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    with pytest.raises(ValueError, match="not a latentbridge translator") as e:
        lb.Translator.load(path)
    assert str(path) in str(e.value)
