"""Spaces: N x D embeddings with optional per-row metadata, loaded and saved in the formats the CLI reads."""

import json
import os
import struct

import numpy as np

from . import _core
from .errors import InvalidInputError


class Space:
    """One latent space: ``embeddings`` (N x D) plus optional ``labels`` (N ints), ``keys`` (N unique strings;
    rows are matched across spaces by key, else by index), ``label_names`` (C strings), ``texts`` (N strings) and
    ``images`` (N x h x w uint8).

    The embeddings array is kept as given (no copy). A space from :func:`load` views the file: a float32 .npy is
    memory-mapped and read-only (``np.array(space.embeddings)`` for a writable copy).
    """

    def __init__(self, embeddings, labels=None, keys=None, label_names=None, texts=None, images=None, name="",
                 path=""):
        self.embeddings = np.asarray(embeddings)
        self.labels = None if labels is None else np.asarray(labels)
        self.keys = None if keys is None else [str(k) for k in keys]
        self.label_names = None if label_names is None else [str(k) for k in label_names]
        self.texts = None if texts is None else [str(t) for t in texts]
        self.images = None if images is None else np.asarray(images)
        self.name = str(name)
        self.path = str(path)
        self.warnings = []

    @property
    def n(self):
        return self.embeddings.shape[0]

    @property
    def d(self):
        return self.embeddings.shape[1]

    def __len__(self):
        return self.n

    def __repr__(self):
        extra = [k for k in ("labels", "keys", "label_names", "texts", "images") if getattr(self, k) is not None]
        return f"Space({self.name!r}, {self.n} x {self.d}{', ' + ', '.join(extra) if extra else ''})"


def as_space(obj, name=""):
    """A Space for a Space (itself), a path (loaded) or an array (wrapped)."""
    if isinstance(obj, Space):
        return obj
    if isinstance(obj, (str, os.PathLike)):
        return load(obj)
    return Space(obj, name=name)


def load(path, drop_nonfinite=False, progress=None):
    """Opens an embeddings file as latentbridge-cli does: .npy (+ sidecar JSON), .npz, .safetensors, .vec/.txt,
    .bin (word2vec), .tsv (TensorBoard projector). Rows with NaN/Inf are refused (InvalidInputError naming the
    file) unless ``drop_nonfinite``. Load warnings are in ``space.warnings``."""
    d = _core.load(os.fspath(path), drop_nonfinite, progress)
    s = Space(d["embeddings"], d["labels"], d["keys"], d["label_names"], d["texts"], d["images"], d["name"],
              d["path"])
    s.warnings = list(d["warnings"])
    return s


def save(path, space):
    """Writes ``space`` (a Space or an array) in the format its extension names:

    - ``.npy``: float32 C-order embeddings (the writer ``latentbridge-cli ... --out`` uses) and, when the space has
      metadata, the sidecar ``<path>.json`` the loader reads (labels, keys, texts, label names inline; images in
      ``<stem>_images.npy``);
    - ``.npz``: members embeddings, labels, keys, label_names, texts, images (the layout the loader reads);
    - ``.safetensors``: tensors embeddings/labels/images, strings as JSON in ``__metadata__``;
    - ``.vec``: fastText text format (needs keys: the words).
    """
    path = os.fspath(path)
    space = as_space(space)
    ext = os.path.splitext(path)[1].lower()
    emb = space.embeddings
    if ext == ".npy":
        _core.write_npy(path, emb)
        side = {}
        if space.name:
            side["name"] = space.name
        if space.labels is not None:
            side["labels"] = [int(v) for v in np.asarray(space.labels).ravel()]
        for key in ("keys", "texts", "label_names"):
            if getattr(space, key) is not None:
                side[key] = list(getattr(space, key))
        if space.images is not None:
            images = os.path.splitext(path)[0] + "_images.npy"
            np.save(images, np.ascontiguousarray(space.images, dtype=np.uint8))
            side["images"] = os.path.basename(images)
        if set(side) - {"name"}:
            with open(path + ".json", "w", encoding="utf-8") as f:
                json.dump(side, f)
    elif ext == ".npz":
        members = {"embeddings": np.ascontiguousarray(emb, dtype=np.float32)}
        if space.labels is not None:
            members["labels"] = np.asarray(space.labels, dtype=np.int32)
        for key in ("keys", "texts", "label_names"):
            if getattr(space, key) is not None:
                members[key] = np.array(getattr(space, key), dtype=str)
        if space.images is not None:
            members["images"] = np.asarray(space.images, dtype=np.uint8)
        with open(path, "wb") as f:
            np.savez(f, **members)
    elif ext == ".safetensors":
        _write_safetensors(path, space)
    elif ext == ".vec":
        if space.keys is None:
            raise InvalidInputError(f"{path}: a .vec file needs keys (the words)")
        _core.write_vec(path, emb, space.keys)
    else:
        raise InvalidInputError(f"{path}: cannot save '{ext}' files (use .npy, .npz, .safetensors or .vec)")


def _write_safetensors(path, space):
    tensors = [("embeddings", "F32", np.ascontiguousarray(space.embeddings, dtype="<f4"))]
    if space.labels is not None:
        tensors.append(("labels", "I32", np.ascontiguousarray(space.labels, dtype="<i4")))
    if space.images is not None:
        tensors.append(("images", "U8", np.ascontiguousarray(space.images, dtype=np.uint8)))
    header, offset = {}, 0
    meta = {key: json.dumps(getattr(space, key)) for key in ("keys", "texts", "label_names")
            if getattr(space, key) is not None}
    if meta:
        header["__metadata__"] = meta
    for name, dtype, arr in tensors:
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + arr.nbytes]}
        offset += arr.nbytes
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for _, _, arr in tensors:
            f.write(arr.tobytes())
