#!/usr/bin/python3
"""Converts embeddings saved by other tools into latentbridge's .npz layout (see docs/formats.md):

    embeddings (N x D float), labels (N ints), keys (N strings), label_names (C strings), texts (N strings),
    images (N x h x w uint8) -- only `embeddings` is required.

Inputs (chosen by extension):
  .pt / .pth   torch.load of a tensor (the embeddings) or a dict of tensors, numpy arrays or Python lists;
               --key names the dict entry holding the embeddings. Loaded with weights_only where supported.
  .h5 / .hdf5  datasets named as above (python3-h5py); --dataset picks another embeddings dataset.
  .parquet     one row per sample: an `embedding` (or --column) list column plus optional label/key/text
               columns; needs pyarrow, which Debian 12 does not package (nor fastparquet).

Entry names are kept: latentbridge's .npz loader decides which array is what (core/io/npz_roles.cpp:
`features`, `feats`, `emb`, `x`, `arr_0`... are embeddings; `y`, `targets` labels; `ids` keys), so the
rule lives in one place. --key / --dataset / --column store the chosen entry as `embeddings`.

Usage: /usr/bin/python3 tools/convert_to_npz.py INPUT OUTPUT.npz [--key|--dataset|--column NAME] [--compress]
"""
import argparse
import os
import sys

import numpy as np

def as_numpy(value):
    if hasattr(value, "detach"):  # a torch tensor
        value = value.detach().cpu()
        if str(value.dtype) == "torch.bfloat16":
            value = value.float()
        return value.numpy()
    a = np.asarray(value)
    if a.dtype.kind in ("S", "O"):  # bytes or Python objects: the loader reads '<U' strings
        a = np.array([str(v.decode("utf-8") if isinstance(v, bytes) else v) for v in a.tolist()])
    return a


def normalise(arrays, embeddings_name):
    """Converts every entry to numpy; stores `embeddings_name` (when given) as `embeddings`."""
    if embeddings_name:
        if embeddings_name not in arrays:
            sys.exit(f"error: no entry '{embeddings_name}' (entries: {', '.join(sorted(arrays))})")
        arrays["embeddings"] = arrays.pop(embeddings_name)
    out = {name: as_numpy(value) for name, value in arrays.items()}
    if "embeddings" in out and out["embeddings"].ndim != 2:
        sys.exit(f"error: embeddings must be N x D, got shape {out['embeddings'].shape}")
    return out


def read_torch(path):
    import torch
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except TypeError:  # torch < 1.13 has no weights_only
        obj = torch.load(path, map_location="cpu")
    if isinstance(obj, dict):
        return obj
    return {"embeddings": obj}


def read_hdf5(path):
    try:
        import h5py
    except ImportError:
        sys.exit("error: reading HDF5 needs h5py: apt-get install python3-h5py")
    with h5py.File(path, "r") as f:
        arrays = {name: f[name][()] for name in f.keys() if isinstance(f[name], h5py.Dataset)}
    return arrays


def read_parquet(path, column):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        sys.exit("error: reading Parquet needs pyarrow, which Debian 12 does not package (python3-pyarrow does not\n"
                 "exist, nor python3-fastparquet). Export the columns to .npy or HDF5 on a machine that has it.")
    table = pq.read_table(path).to_pydict()
    column = column or next((c for c in ("embedding", "embeddings", "emb") if c in table), None)
    if column is None:
        sys.exit(f"error: no embedding column; name it with --column (columns: {', '.join(table)})")
    arrays = {column: np.array(table.pop(column), dtype=np.float32)}
    for name, values in table.items():
        arrays[name] = values
    return arrays


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--key", help="entry of a .pt dict holding the embeddings")
    ap.add_argument("--dataset", help="HDF5 dataset holding the embeddings")
    ap.add_argument("--column", help="Parquet column holding the embeddings")
    ap.add_argument("--compress", action="store_true", help="np.savez_compressed (smaller, not memory-mappable)")
    args = ap.parse_args()
    ext = os.path.splitext(args.input)[1].lower()
    if ext in (".pt", ".pth"):
        arrays = read_torch(args.input)
        chosen = args.key
    elif ext in (".h5", ".hdf5"):
        arrays = read_hdf5(args.input)
        chosen = args.dataset
    elif ext == ".parquet":
        arrays = read_parquet(args.input, args.column)
        chosen = args.column
    else:
        sys.exit(f"error: unknown input type '{ext}' (expected .pt, .pth, .h5, .hdf5 or .parquet)")
    arrays = normalise(arrays, chosen)
    (np.savez_compressed if args.compress else np.savez)(args.output, **arrays)
    print(f"wrote {args.output}, arrays: {', '.join(f'{k} {v.shape} {v.dtype}' for k, v in sorted(arrays.items()))}")
    print("check it with: latentbridge-cli info " + args.output)


if __name__ == "__main__":
    main()
