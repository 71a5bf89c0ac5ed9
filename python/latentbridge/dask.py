"""latentbridge on Dask: apply a fitted RelativeProjection or Translator to data larger than one machine.

Every row-wise step of latentbridge (a relative projection against fixed anchors, a fitted translation) maps
row shards independently, so a ``dask.array`` is processed chunk by chunk with ``map_blocks``. The fitted model
(anchors, or the translator's map and scaling statistics) enters the task graph once, as one ``dask.delayed``
key that every chunk task depends on: the distributed scheduler ships it to each worker once, not with every
task.

    import latentbridge as lb, latentbridge.dask as lbd
    x = lbd.read_npy_shards("shards/")                 # lazy: one chunk per .npy file
    rel = lbd.apply(lb.RelativeProjection().fit(anchors), x)
    lbd.write_npy_shards(rel, "relative/")             # one .npy per chunk, written by the workers

See docs/python.md for a worked example and how the same code runs on a cluster.
"""

import glob
import os

import dask
import dask.array as da
import numpy as np

from . import _core
from .relative import RelativeProjection
from .translate import Translator


def _load(path):
    return np.load(path, mmap_mode="r")


def read_npy_shards(directory, pattern="*.npy"):
    """The .npy files of ``directory`` (sorted by name) as one lazy N x D dask array, one chunk per file. Only the
    headers are read now; each worker memory-maps its own shard when the chunk is computed."""
    files = sorted(glob.glob(os.path.join(os.fspath(directory), pattern)))
    if not files:
        raise FileNotFoundError(f"{directory}: no files match {pattern}")
    parts = []
    for f in files:
        head = np.load(f, mmap_mode="r")
        if head.ndim != 2:
            raise ValueError(f"{f}: shards must be 2-D (rows x D), got shape {head.shape}")
        parts.append(da.from_delayed(dask.delayed(_load)(f), shape=head.shape, dtype=head.dtype))
        del head
    widths = {p.shape[1] for p in parts}
    if len(widths) != 1:
        raise ValueError(f"{directory}: shards have different widths {sorted(widths)}")
    return da.concatenate(parts, axis=0)


def _apply_block(block, model):
    return model.transform(block)


def _out_cols(model):
    if isinstance(model, RelativeProjection):
        return model.n_features_out
    if isinstance(model, Translator):
        return model.target_dim
    raise TypeError(f"expected a fitted RelativeProjection or Translator, got {type(model).__name__}")


def apply(model, x, broadcast=None):
    """``model.transform`` over every row chunk of ``x`` (a dask array, or anything da.asarray accepts): a lazy
    N x K (relative) or N x D' (translation) float32 dask array with x's row chunks.

    The model is one graph key (``dask.delayed(model)``) shared by all chunk tasks. ``broadcast`` may be a
    ``distributed.Client``: the model is then scattered to every worker up front (``client.scatter(...,
    broadcast=True)``) and the tasks refer to that copy."""
    cols = _out_cols(model)
    x = da.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"x must be 2-D (N x D), got shape {x.shape}")
    x = x.rechunk({1: -1})  # whole rows per chunk: a row's features are never split across tasks
    shared = broadcast.scatter(model, broadcast=True) if broadcast is not None else dask.delayed(model, pure=True)
    return da.map_blocks(_apply_block, x, shared, dtype=np.float32, chunks=(x.chunks[0], (cols,)),
                         meta=np.empty((0, 0), dtype=np.float32))


def _save(path, block):
    _core.write_npy(path, np.asarray(block))
    return path


def write_npy_shards(x, directory, prefix="part", compute=True):
    """Writes each row chunk of the 2-D dask array ``x`` as ``directory/<prefix>-00000.npy``, ... (float32 C
    order, atomically, by whichever worker computed it). Returns the paths, or the delayed writes when
    ``compute=False``."""
    os.makedirs(directory, exist_ok=True)
    x = da.asarray(x).rechunk({1: -1})
    blocks = x.to_delayed().ravel()
    writes = [dask.delayed(_save)(os.path.join(os.fspath(directory), f"{prefix}-{i:05d}.npy"), b)
              for i, b in enumerate(blocks)]
    return list(dask.compute(*writes)) if compute else writes
