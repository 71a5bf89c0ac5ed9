"""lb.show writes a temporary session, starts the app on it detached, and the files go when the app closes."""

import json
import os
import stat
import sys
import time

import numpy as np

import latentbridge as lb


def fake_app(tmp_path):
    """A stand-in for the desktop app: records its session (and the spaces it names) and exits."""
    record = tmp_path / "record.json"
    app = tmp_path / "fake-latentbridge"
    app.write_text(f"""#!{sys.executable}
import json, sys, time
import numpy as np
session = json.load(open(sys.argv[1]))
spaces = [dict(e, shape=list(np.load(e["path"]).shape)) for e in session["spaces"]]
time.sleep(0.5)
json.dump({{"session": sys.argv[1], "spaces": spaces}}, open({str(record)!r}, "w"))
""")
    app.chmod(app.stat().st_mode | stat.S_IEXEC)
    return app, record


def test_show_returns_at_once_and_cleans_up(tmp_path):
    app, record = fake_app(tmp_path)
    X = np.random.default_rng(0).standard_normal((30, 4)).astype(np.float32)
    start = time.monotonic()
    proc = lb.show(X, X[:, :3] * 2, labels=np.arange(30) % 3, names=["a", "b"], app=str(app))
    assert time.monotonic() - start < 0.4  # the app sleeps 0.5 s: show() did not wait for it
    assert proc.wait(timeout=30) == 0
    r = json.loads(record.read_text())
    assert [s["name"] for s in r["spaces"]] == ["a", "b"]
    assert [s["shape"] for s in r["spaces"]] == [[30, 4], [30, 3]]
    assert not os.path.exists(os.path.dirname(r["session"]))


def test_show_files_are_what_latentbridge_loads(tmp_path):
    record = tmp_path / "record.json"
    app = tmp_path / "fake-latentbridge"
    app.write_text(f"""#!{sys.executable}
import json, sys
import latentbridge as lb
spaces = json.load(open(sys.argv[1]))["spaces"]
s = lb.load(spaces[0]["path"])
json.dump({{"labels": s.labels.tolist(), "n": s.n}}, open({str(record)!r}, "w"))
""")
    app.chmod(app.stat().st_mode | stat.S_IEXEC)
    X = np.random.default_rng(1).standard_normal((10, 2)).astype(np.float32)
    lb.show(X, labels=np.arange(10) % 2, app=str(app)).wait(timeout=30)
    r = json.loads(record.read_text())
    assert r == {"labels": [0, 1] * 5, "n": 10}
