#!/usr/bin/env python3
"""The Python module against the CLI and NumPy, and Dask against one process (docs/python.md).

1. load + cosine relative projection on K random anchors + save, same N x D float32 .npy input, each in its own
   process, alternating, `repeats` rounds: `latentbridge-cli relative` vs `lb.RelativeProjection.transform` vs
   the NumPy equivalent (normalize, matmul). Wall time and peak RSS per run (os.wait4), and the projection call's
   own time in the Python processes; RATIOS min/median/max (goals: the transform() call <= 1.1 x the CLI's wall;
   the Python process <= 0.7 x the NumPy process's wall and <= 0.6 x its peak memory).
2. Dask: the same projection over 8 .npy shards on a LocalCluster of 2 worker processes (1 thread each) vs one
   process (OMP_NUM_THREADS=1 in both, so the comparison is of processes, not of OpenMP threads).

Usage: PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py build/latentbridge-cli [N D K repeats]
On a shared machine the numbers are indicative only.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

PY = sys.executable

PYTHON_RUN = """
import sys, time
import numpy as np
import latentbridge as lb
src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = lb.load(src).embeddings
rows = lb.select_anchors(x, k, seed=0)
t = time.perf_counter()
r = lb.RelativeProjection().fit(x[rows]).transform(x)
print(time.perf_counter() - t)
np.save(dst, r)  # as the NumPy script (lb.save is atomic: temporary file, fsync, rename; slower for 200 MB)
"""

NUMPY_RUN = """
import sys, time
import numpy as np
src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = np.load(src)
rows = np.random.default_rng(0).choice(x.shape[0], size=k, replace=False)
t = time.perf_counter()
a = x[rows]
a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
xn = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
r = (xn @ a.T).astype(np.float32)
print(time.perf_counter() - t)
np.save(dst, r)
"""


def measure(cmd, env=None):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024.0, out.decode().strip()


def summary(values):
    return f"min {min(values):.3f}  median {statistics.median(values):.3f}  max {max(values):.3f}"


def projection_bench(cli, work, n, d, k, repeats):
    x_path = os.path.join(work, "x.npy")
    rng = np.random.default_rng(0)
    x = np.lib.format.open_memmap(x_path, mode="w+", dtype=np.float32, shape=(n, d))
    for i in range(0, n, 10000):
        x[i:i + 10000] = rng.standard_normal((min(10000, n - i), d), dtype=np.float32)
    del x
    runs = {"cli": [], "python": [], "numpy": []}
    for _ in range(repeats):  # alternate so background load hits all three alike
        runs["cli"].append(measure([cli, "relative", x_path, "--anchors", str(k), "--seed", "0", "--out",
                                    os.path.join(work, "cli.npy"), "--quiet"]))
        runs["python"].append(measure([PY, "-c", PYTHON_RUN, x_path, os.path.join(work, "py.npy"), str(k)]))
        runs["numpy"].append(measure([PY, "-c", NUMPY_RUN, x_path, os.path.join(work, "np.npy"), str(k)]))
    print(f"relative projection, N={n} D={d} K={k}, {repeats} alternating rounds, {os.cpu_count()} cores")
    for name, r in runs.items():
        inner = f"  in-process projection {summary([float(v[2]) for v in r])} s" if name != "cli" else ""
        print(f"  {name:7s} wall {summary([v[0] for v in r])} s   peak RSS {summary([v[1] for v in r])} MB{inner}")
    py_cli = [p[0] / c[0] for p, c in zip(runs["python"], runs["cli"])]
    py_np = [p[0] / q[0] for p, q in zip(runs["python"], runs["numpy"])]
    mem = [p[1] / q[1] for p, q in zip(runs["python"], runs["numpy"])]
    print(f"RATIO wall python / cli    {summary(py_cli)}   (whole processes: import + load + project + save)")
    call_cli = [float(p[2]) / c[0] for p, c in zip(runs["python"], runs["cli"])]
    print(f"RATIO transform() / cli    {summary(call_cli)}   (goal <= 1.1: the call vs the whole CLI run)")
    print(f"RATIO wall python / numpy  {summary(py_np)}   (goal <= 0.7)")
    print(f"RATIO peak python / numpy  {summary(mem)}   (goal <= 0.6)")
    same = np.array_equal(np.load(os.path.join(work, "cli.npy")), np.load(os.path.join(work, "py.npy")))
    print(f"  python output equals the CLI's bit for bit: {same}")
    return x_path


DASK_RUN = """
import sys, time
import numpy as np
import latentbridge as lb, latentbridge.dask as lbd
shards, k, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
x = lbd.read_npy_shards(shards)
anchors = np.load(sorted(__import__('glob').glob(shards + '/*.npy'))[0])[:k]
rp = lb.RelativeProjection().fit(anchors)
if mode == 'dask':
    from distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None))
    lbd.apply(rp, x).sum().compute()  # warm-up: workers import latentbridge
    t = time.perf_counter()
    total = float(lbd.apply(rp, x).sum().compute())
else:
    t = time.perf_counter()
    total = float(sum(rp.transform(np.load(f)).sum(dtype=np.float64) for f in sorted(__import__('glob').glob(shards + '/*.npy'))))
print(time.perf_counter() - t, x.shape[0])
"""


def dask_bench(x_path, work, k, repeats):
    shards = os.path.join(work, "shards")
    os.makedirs(shards)
    x = np.load(x_path, mmap_mode="r")
    for i, part in enumerate(np.array_split(np.arange(x.shape[0]), 8)):
        np.save(os.path.join(shards, f"s{i}.npy"), np.asarray(x[part[0]:part[-1] + 1]))
    env = dict(os.environ, OMP_NUM_THREADS="1")
    rates = {"one": [], "dask": []}
    for _ in range(repeats):
        for mode in ("one", "dask"):
            seconds, rows = measure([PY, "-c", DASK_RUN, shards, str(k), mode], env)[2].split()
            rates[mode].append(float(rows) / float(seconds))
    print(f"dask: 8 shards, cosine K={k}, OMP_NUM_THREADS=1, {repeats} alternating rounds (rows/s)")
    print(f"  one process      {summary(rates['one'])}")
    print(f"  2 dask workers   {summary(rates['dask'])}")
    print(f"RATIO throughput dask(2) / one  {summary([a / b for a, b in zip(rates['dask'], rates['one'])])}")


def main():
    cli = os.path.abspath(sys.argv[1])
    n, d, k, repeats = (int(v) for v in (sys.argv[2:6] + ["100000", "768", "512", "3"][len(sys.argv[2:6]):]))
    with tempfile.TemporaryDirectory() as work:
        x_path = projection_bench(cli, work, n, d, k, repeats)
        dask_bench(x_path, work, k, repeats)


if __name__ == "__main__":
    main()
