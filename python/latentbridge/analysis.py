"""compare / stitch / asif: the analyses of ``latentbridge-cli compare``, ``stitch`` and ``asif`` on in-memory
spaces, returning the dictionaries the CLI prints with ``--json``."""

import json
import os

from . import _core
from .space import as_space

# Keyword settings -> the CLI's flags (same names with "-" for "_"; docs in `latentbridge-cli compare --help`).
_VALUE_SETTINGS = {"k", "k_mrr", "queries", "rbf_rows", "linear_rows", "max_rows", "protocol", "similarity",
                   "transform", "post", "aggregate", "method", "scaling", "ridge", "head", "alpha", "lambda",
                   "lambda_", "test_fraction", "curve"}


def _flags(settings):
    flags = []
    for key, value in settings.items():
        if key == "l2":
            if value:
                flags.append("--l2")
            continue
        if key not in _VALUE_SETTINGS:
            raise TypeError(f"unknown setting '{key}' (settings: l2, {', '.join(sorted(_VALUE_SETTINGS))})")
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        flags.append(f"--{key.rstrip('_').replace('_', '-')}={value}")
    return flags


def _anchor_spec(anchors):
    if anchors is None or isinstance(anchors, (int, str, os.PathLike)):
        return anchors
    return [int(r) for r in anchors]


def _input(spaces, anchors, seed):
    spec = anchors if anchors is None or isinstance(anchors, (int, str)) else (
        os.fspath(anchors) if isinstance(anchors, os.PathLike) else "rows")
    return {"files": [s.path or s.name for s in spaces], "seed": seed, "anchors": spec}


def _column(table, space):
    c = table[space]
    return {"space": space, "n": table["evaluated"], "matched": table["matched"], "anchors": table["anchors"],
            "cka_linear": c["linear_cka"], "cka_rbf": c["rbf_cka"], "rbf_rows": table["rbf_rows"],
            "jaccard": c["jaccard"], "mrr": c["mrr"], "k": table["k_jaccard"], "k_mrr": table["k_mrr"],
            "n_queries": None if c["jaccard"] is None else table["queries"], "cosine": c["mean_cosine"],
            "random_pair_cosine": c["random_pair_cosine"], "mse": c["mse"], "top1": c["top1"], "top5": c["top5"],
            "why": table["why"][space], "settings": table["settings"], "input": table["input"]}


def compare(a, b, space="absolute", anchors=None, seed=0, progress=None, **settings):
    """Similarity of two spaces on their shared rows (matched by key, else by index), as
    ``latentbridge-cli compare A B --space S --anchors ANCHORS --seed S --json``.

    a, b: Space, path or array. space: "absolute" (default), "relative", "translated" or "all". anchors: a count K
    (random shared rows, seeded), an anchor file, or a sequence of row indices of ``a``; needed unless
    space="absolute". settings: the CLI's flags as keywords (k=10, k_mrr=5, queries=2000, rbf_rows=1000,
    linear_rows=0, max_rows=0, protocol="standard", similarity="cosine", transform, post, method, scaling, l2,
    ridge). Returns the CLI's JSON as a dict (one column's flat form, or the whole table with space="all").
    """
    if space not in ("absolute", "relative", "translated", "all"):
        raise ValueError(f"unknown space '{space}' (absolute, relative, translated or all)")
    if space != "absolute" and space != "all" and anchors is None:
        raise ValueError(f"space={space!r} needs anchors")
    sa, sb = as_space(a, "a"), as_space(b, "b")
    table = json.loads(_core.compare(sa, sb, space, _anchor_spec(anchors), int(seed), _flags(settings),
                                     progress))
    table["input"] = _input([sa, sb], anchors, seed)
    return table if space == "all" else _column(table, space)


def stitch(source, target, anchors, seed=0, head=None, progress=None, **settings):
    """Zero-shot stitching accuracies (docs/methods.md §5) of ``source`` fed to a classifier trained on
    ``target``, as ``latentbridge-cli stitch SOURCE TARGET --anchors ANCHORS --json``: keys native, absolute,
    relative, relative_native, translated {procrustes, linear, affine}, chance, n_test, n_train, k, num_classes,
    head, settings, input. head: "ridge" (default), "logistic", or a head file for the target (.npz/.safetensors
    with weight C x D and bias C). settings: test_fraction, max_rows, alpha, lambda_, similarity, transform,
    post, scaling, l2, ridge. Labels come from the target (or the source when only it has them)."""
    src, tgt = as_space(source, "source"), as_space(target, "target")
    head_file = ""
    if head is not None:
        if head in ("ridge", "logistic"):
            settings["head"] = head
        else:
            head_file = os.fspath(head)
    j = json.loads(_core.stitch(src, tgt, _anchor_spec(anchors), int(seed), _flags(settings), head_file,
                                progress))
    j["input"] = _input([src, tgt], anchors, seed)
    return j


def asif(queries, anchors_a, candidates, anchors_b, topk=800, p=8.0, top_n=5, progress=None):
    """ASIF (docs/methods.md §7): for each query (modality A) the indices of its ``top_n`` best candidates
    (modality B), best first. anchors_a (K x Da) and anchors_b (K x Db) are the same K samples in both
    modalities. Returns a Q x top_n int64 array."""
    return _core.asif_predict(queries, anchors_a, candidates, anchors_b, int(topk), float(p), int(top_n), progress)


def asif_encode(X, anchors, topk=800, p=8.0, progress=None):
    """The N x K ASIF encoding of X against its own modality's anchors (cosine, top-k, power p, L2)."""
    return _core.asif_encode(X, anchors, int(topk), float(p), progress)
