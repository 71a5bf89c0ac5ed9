"""Writers for latentbridge's file formats (used by every recipe in this folder).

Spaces: .npz with `embeddings` (N x D), `labels` (N), `keys` (N str), `label_names` (C str) and
optional `texts` (N str) / `images` (N x H x W uint8). Linear heads: .npz with `weight` (C x D float32)
and `bias` (C float32), the layout of a PyTorch nn.Linear. Word vectors: word2vec text `.vec`.

`save_npz` writes exactly what np.savez_compressed writes (a zip of .npy members, deflated) but with a
fixed member timestamp, so that re-running a recipe reproduces the same bytes and the same sha256.
"""
import hashlib
import io
import json
import os
import zipfile

import numpy as np

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def save_npz(path, **arrays):
    """np.savez_compressed(path, **arrays) with deterministic bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, value in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(value), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


def save_space(path, embeddings, labels, keys, label_names, texts=None, images=None, dtype=np.float16):
    """One latent space: row i of every array describes the same sample."""
    arrays = {
        "embeddings": np.ascontiguousarray(embeddings, dtype=dtype),
        "labels": np.asarray(labels, dtype=np.int64),
        "keys": np.asarray(keys, dtype=str),
        "label_names": np.asarray(label_names, dtype=str),
    }
    if texts is not None:
        arrays["texts"] = np.asarray(texts, dtype=str)
    if images is not None:
        arrays["images"] = np.asarray(images, dtype=np.uint8)
    save_npz(path, **arrays)


def save_linear_head(path, weight, bias):
    """A linear classifier head: weight C x D, bias C (float32), as nn.Linear stores them."""
    save_npz(path, weight=np.asarray(weight, dtype=np.float32), bias=np.asarray(bias, dtype=np.float32))


def save_vec(path, words, vectors, digits=6):
    """word2vec text format: header 'N D', then one 'word v1 ... vD' line per word, in the given order."""
    fmt = "%." + str(digits) + "g"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("%d %d\n" % (len(words), vectors.shape[1]))
        for word, row in zip(words, vectors):
            f.write(word + " " + " ".join(fmt % float(v) for v in row) + "\n")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def update_manifest(out, section, entries):
    """Replace one section of OUT/MODELS.json (each recipe owns one section)."""
    path = os.path.join(out, "MODELS.json")
    manifest = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    manifest[section] = entries
    write_json(path, manifest)
