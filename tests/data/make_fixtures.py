#!/usr/bin/python3
"""Writes the binary-format test fixtures into tests/data/binary/ and their expected values into
tests/data/binary/expected.json. Run with Debian's interpreter: /usr/bin/python3 tests/data/make_fixtures.py

Every good file is written by NumPy itself (np.save, np.lib.format.write_array, np.savez,
np.savez_compressed). The malformed files are derived from good ones by truncation or corruption.
There is no safetensors package in Debian, so .safetensors files are written here by hand following the
format specification (8-byte little-endian header length, JSON header, raw little-endian data) with json
and numpy. The output is deterministic: fixed seeds, and zip timestamps pinned to 1980-01-01.
"""
import io
import json
import os
import struct
import sys
import time as _time
import types
import zipfile

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "binary")
EXPECTED = {}

# np.savez stamps members with the current time; pin it so the archives are byte-identical run to run.
_EPOCH = 315532800  # 1980-01-01, the earliest zip date
zipfile.time = types.SimpleNamespace(time=lambda: float(_EPOCH), localtime=lambda t=None: _time.gmtime(_EPOCH),
                                     mktime=_time.mktime, gmtime=_time.gmtime)


def path(name):
    return os.path.join(OUT, name)


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def npy_bytes(arr, version=None, allow_pickle=False):
    buf = io.BytesIO()
    if version is None:
        np.save(buf, arr, allow_pickle=allow_pickle)
    else:
        np.lib.format.write_array(buf, arr, version=version, allow_pickle=allow_pickle)
    return buf.getvalue()


def json_float(v):
    """JSON has no NaN/Inf: NaN -> null, +-Inf -> "inf"/"-inf"."""
    if np.isnan(v):
        return None
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(v)


def summary(x):
    """Values the C++ tests compare to: shape, float64 sum over finite entries, corners, mean row norm."""
    x32 = np.asarray(x, dtype=np.float32)  # what the loader produces (float16/float64 -> float32)
    x64 = x32.astype(np.float64)
    finite_rows = np.all(np.isfinite(x64), axis=1)
    norms = np.linalg.norm(x64[finite_rows], axis=1)
    return {
        "n": int(x.shape[0]), "d": int(x.shape[1]),
        "sum": float(x64[finite_rows].sum()),
        "first": float(x64[0, 0]), "last": float(x64[-1, -1]),
        "row1": [json_float(v) for v in x64[1]],
        "mean_norm": float(norms.mean()) if norms.size else 0.0,
        "non_finite_rows": int((~finite_rows).sum()),
    }


def expect(fname, x, **extra):
    e = summary(x)
    e.update(extra)
    EXPECTED[fname] = e


rng = np.random.default_rng(20261122)
N, D = 6, 4
X = rng.standard_normal((N, D)).astype(np.float32)
LABELS = np.array([0, 2, 1, 2, 0, 1], dtype=np.int64)
KEYS = np.array(["img_0", "img_1", "café", "日本", "img_4", "emoji_😀"], dtype="<U8")
LABEL_NAMES = np.array(["cat", "dog", "bird"])
TEXTS = np.array(["a cat", "a dog", "a bird", "another dog", "another cat", "a small bird"])
IMAGES = (np.arange(N * 3 * 2, dtype=np.uint8) * 7).reshape(N, 3, 2)


def good_npy():
    write_bytes("f32_v1.npy", npy_bytes(X))
    expect("f32_v1.npy", X, dtype="float32", mapped=True)
    write_bytes("f32_v2.npy", npy_bytes(X, version=(2, 0)))
    expect("f32_v2.npy", X, dtype="float32", mapped=True)
    write_bytes("f32_v3.npy", npy_bytes(X, version=(3, 0)))
    expect("f32_v3.npy", X, dtype="float32", mapped=True)
    x16 = X.astype(np.float16)
    write_bytes("f16.npy", npy_bytes(x16))
    expect("f16.npy", x16, dtype="float16", mapped=False)
    x64 = rng.standard_normal((N, D))
    write_bytes("f64.npy", npy_bytes(x64))
    expect("f64.npy", x64, dtype="float64", mapped=False)
    write_bytes("f32_fortran.npy", npy_bytes(np.asfortranarray(X)))
    expect("f32_fortran.npy", X, dtype="float32", mapped=False)
    write_bytes("f32_be.npy", npy_bytes(X.astype(">f4")))
    expect("f32_be.npy", X, dtype="float32", mapped=False)
    write_bytes("f64_be_fortran.npy", npy_bytes(np.asfortranarray(x64.astype(">f8"))))
    expect("f64_be_fortran.npy", x64, dtype="float64", mapped=False)
    # Special binary16 values: smallest and largest subnormal, max, -0, +-Inf, NaN, 1/3, a mid and a negative
    # subnormal.
    special_bits = np.array([[0x0001, 0x03FF, 0x7BFF, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0x3555, 0x0200, 0x8001]],
                            dtype=np.uint16)
    halves = special_bits.view(np.float16)
    write_bytes("f16_special.npy", npy_bytes(halves))
    EXPECTED["f16_special.npy"] = {"bits": [int(b) for b in special_bits[0]],
                                   "values": [json_float(v) for v in halves.astype(np.float32)[0]]}
    nan = X.copy()
    nan[1, 2] = np.nan
    nan[4, 0] = np.inf
    write_bytes("nan_rows.npy", npy_bytes(nan))
    expect("nan_rows.npy", nan, dtype="float32", mapped=True, first_non_finite=[1, 4])


def label_and_key_arrays():
    write_bytes("labels_i64.npy", npy_bytes(LABELS))
    write_bytes("labels_i8.npy", npy_bytes(LABELS.astype(np.int8)))
    write_bytes("labels_u16.npy", npy_bytes(LABELS.astype(np.uint16)))
    write_bytes("labels_be_i32.npy", npy_bytes(LABELS.astype(">i4")))
    write_bytes("labels_bool.npy", npy_bytes(LABELS.astype(bool)))
    write_bytes("labels_u64_big.npy", npy_bytes(np.array([1, 2**40], dtype=np.uint64)))
    write_bytes("keys_U.npy", npy_bytes(KEYS))
    write_bytes("keys_be_U.npy", npy_bytes(KEYS.astype(">U8")))
    write_bytes("keys_S.npy", npy_bytes(np.array([b"ab", b"c", b""], dtype="S2")))
    write_bytes("images_u8.npy", npy_bytes(IMAGES))
    write_bytes("images_u8_fortran.npy", npy_bytes(np.asfortranarray(IMAGES)))
    EXPECTED["arrays"] = {
        "labels": [int(v) for v in LABELS], "bool_labels": [int(v) for v in LABELS.astype(bool)],
        "keys": [str(k) for k in KEYS], "label_names": [str(k) for k in LABEL_NAMES],
        "texts": [str(t) for t in TEXTS], "images_shape": list(IMAGES.shape),
        "images_sum": int(IMAGES.astype(np.int64).sum()), "images_at_1_2_1": int(IMAGES[1, 2, 1]),
    }


def write_json(name, obj):
    with open(path(name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)


def sidecars():
    # emb.npy + emb.json referencing files; emb_inline.npy + emb_inline.npy.json with inline arrays.
    write_bytes("emb.npy", npy_bytes(X))
    write_json("emb.json", {"name": "sidecar space", "labels": "labels_i64.npy", "keys": "keys_U.npy",
                            "label_names": [str(s) for s in LABEL_NAMES], "texts": "emb_texts.txt",
                            "images": "images_u8.npy"})
    with open(path("emb_texts.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(str(t) for t in TEXTS) + "\n")
    expect("emb.npy", X, dtype="float32", mapped=True, name="sidecar space", num_classes=3)
    write_bytes("emb_inline.npy", npy_bytes(X))
    write_json("emb_inline.npy.json", {"labels": [int(v) for v in LABELS], "keys": [str(k) for k in KEYS],
                                       "unknown_key": 1})
    expect("emb_inline.npy", X, dtype="float32", mapped=True, name="emb_inline", num_classes=3)


def zip_bytes(members, compressed):
    buf = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buf, **members)
    return buf.getvalue()


def good_npz():
    full = dict(embeddings=X, labels=LABELS, keys=KEYS, label_names=LABEL_NAMES, texts=TEXTS, images=IMAGES)
    write_bytes("space_stored.npz", zip_bytes(full, compressed=False))
    expect("space_stored.npz", X, dtype="float32", num_classes=3)
    x64 = X.astype(np.float64) * 2.0
    write_bytes("space_deflated.npz", zip_bytes(dict(full, embeddings=x64), compressed=True))
    expect("space_deflated.npz", x64, dtype="float64", num_classes=3)
    # Zip64 everywhere (central directory extra fields, zip64 end records), as zipfile writes for huge
    # archives: lower the thresholds for one archive.
    limits = (zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT)
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 0
    try:
        write_bytes("space_zip64.npz", zip_bytes(full, compressed=False))
    finally:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = limits
    expect("space_zip64.npz", X, dtype="float32", num_classes=3)
    W = rng.standard_normal((3, D)).astype(np.float32)
    b = rng.standard_normal(3).astype(np.float32)
    write_bytes("head.npz", zip_bytes(dict(weight=W, bias=b), compressed=True))
    EXPECTED["head"] = {"weight": W.astype(np.float64).tolist(), "bias": b.astype(np.float64).tolist()}
    return W, b


def safetensors_bytes(tensors, metadata=None, header_override=None):
    """Spec: u64 LE header length, JSON {name: {dtype, shape, data_offsets}}, data. Header padded to 8."""
    header, blobs, offset = {}, [], 0
    for name, (dtype, arr) in tensors.items():
        raw = np.ascontiguousarray(arr).tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = header_override if header_override is not None else json.dumps(header, separators=(",", ":"))
    raw_header = text.encode("utf-8")
    raw_header += b" " * (-len(raw_header) % 8)
    return struct.pack("<Q", len(raw_header)) + raw_header + b"".join(blobs)


def bf16(x):
    """float32 -> bfloat16 bits by truncation (what the file stores) and the float32 value they mean."""
    bits = (np.asarray(x, dtype="<f4").view("<u4") >> 16).astype("<u2")
    return bits, (bits.astype("<u4") << 16).view("<f4")


def good_safetensors(W, b):
    meta = {"label_names": json.dumps([str(s) for s in LABEL_NAMES]), "keys": json.dumps([str(k) for k in KEYS],
                                                                                         ensure_ascii=False)}
    write_bytes("space_f32.safetensors", safetensors_bytes(
        {"embeddings": ("F32", X.astype("<f4")), "labels": ("I64", LABELS.astype("<i8")),
         "images": ("U8", IMAGES)}, meta))
    expect("space_f32.safetensors", X, dtype="float32", mapped=True, num_classes=3)
    x16 = X.astype("<f2")
    write_bytes("space_f16.safetensors", safetensors_bytes({"embeddings": ("F16", x16),
                                                            "labels": ("U8", LABELS.astype(np.uint8))}))
    expect("space_f16.safetensors", x16, dtype="float16", mapped=False, num_classes=3)
    bits, values = bf16(X)
    write_bytes("space_bf16.safetensors", safetensors_bytes({"embeddings": ("BF16", bits)}))
    expect("space_bf16.safetensors", values, dtype="bfloat16", mapped=False)
    x64 = X.astype("<f8") - 1.0
    write_bytes("space_f64.safetensors", safetensors_bytes({"embeddings": ("F64", x64),
                                                            "labels": ("I32", LABELS.astype("<i4"))}))
    expect("space_f64.safetensors", x64, dtype="float64", mapped=False, num_classes=3)
    write_bytes("head.safetensors", safetensors_bytes({"weight": ("F32", W), "bias": ("F32", b)}))


def bad_npy():
    good = npy_bytes(X)
    write_bytes("bad_empty.npy", b"")
    write_bytes("bad_truncated_header.npy", good[:20])
    write_bytes("bad_truncated_data.npy", good[:-5])
    write_bytes("bad_magic.npy", b"\x94" + good[1:])
    hlen = struct.unpack("<H", good[8:10])[0]
    garbage = (b"{'descr': <f4 oops ]]" + b"\x00" * hlen)[: hlen - 1] + b"\n"
    write_bytes("bad_garbage_header.npy", good[:10] + garbage + good[10 + hlen:])
    for name, shape in [("bad_claims_more.npy", (100000, 4)), ("bad_claims_overflow.npy", (2**40, 2**40))]:
        buf = io.BytesIO()
        np.lib.format.write_array_header_1_0(buf, {"descr": "<f4", "fortran_order": False, "shape": shape})
        write_bytes(name, buf.getvalue() + X.tobytes())
    write_bytes("bad_object.npy", npy_bytes(np.array([1, "a", None], dtype=object), allow_pickle=True))
    write_bytes("bad_rank3.npy", npy_bytes(np.zeros((2, 3, 4), dtype=np.float32)))
    write_bytes("bad_strings.npy", npy_bytes(KEYS))
    write_bytes("bad_int_embeddings.npy", npy_bytes(LABELS.reshape(2, 3)))
    for stem, side in [("bad_labels_len", {"labels": [0, 1, 2]}), ("bad_keys_len", {"keys": "keys_S.npy"}),
                       ("bad_dup_keys", {"keys": ["a", "b", "c", "a", "e", "f"]}),
                       ("bad_negative_label", {"labels": [0, 1, -1, 0, 1, 0]}),
                       ("bad_label_type", {"labels": "keys_U.npy"})]:
        write_bytes(stem + ".npy", good)
        write_json(stem + ".json", side)
    write_bytes("bad_sidecar_json.npy", good)
    with open(path("bad_sidecar_json.json"), "w") as f:
        f.write('{"labels": [0, 1, 2')


def bad_npz():
    full = dict(embeddings=X, labels=LABELS, keys=KEYS)
    stored = zip_bytes(full, compressed=False)
    deflated = zip_bytes(full, compressed=True)
    write_bytes("bad_not_a_zip.npz", b"embeddings = [[1, 2], [3, 4]]\n" * 4)
    write_bytes("bad_empty.npz", b"")
    write_bytes("bad_cut_short.npz", stored[: len(stored) // 2])
    write_bytes("bad_cut_short_deflated.npz", deflated[:-30])
    # End of central directory pointing the directory past the end of the file.
    eocd = stored.rfind(b"PK\x05\x06")
    write_bytes("bad_offsets.npz", stored[: eocd + 16] + struct.pack("<I", len(stored) * 4) + stored[eocd + 20:])
    # A flipped byte inside the embeddings data: the CRC-32 check must catch it.
    at = stored.find(X.tobytes())
    write_bytes("bad_crc.npz", stored[:at] + bytes([stored[at] ^ 0xFF]) + stored[at + 1:])
    # Flipped byte inside compressed data: inflate fails or the CRC differs.
    mid = len(deflated) // 4
    write_bytes("bad_deflate.npz", deflated[:mid] + bytes([deflated[mid] ^ 0x55]) + deflated[mid + 1:])
    write_bytes("bad_no_embeddings.npz", zip_bytes(dict(vectors=X), compressed=False))
    write_bytes("bad_labels_len.npz", zip_bytes(dict(embeddings=X, labels=LABELS[:4]), compressed=True))
    write_bytes("bad_dup_keys.npz", zip_bytes(dict(embeddings=X, keys=np.array(["k"] * N)), compressed=False))
    write_bytes("bad_object.npz", zip_bytes(dict(embeddings=np.array([[1, "x"]], dtype=object)), compressed=False))
    write_bytes("bad_rank3.npz", zip_bytes(dict(embeddings=np.zeros((2, 2, 2), np.float32)), compressed=False))


def bad_safetensors():
    good = safetensors_bytes({"embeddings": ("F32", X)})
    write_bytes("bad_empty.safetensors", b"")
    write_bytes("bad_header_beyond.safetensors", struct.pack("<Q", len(good) * 10) + good[8:])
    write_bytes("bad_header_huge.safetensors", struct.pack("<Q", 2**63 + 5) + good[8:])
    write_bytes("bad_offsets_beyond.safetensors", safetensors_bytes({}, header_override=json.dumps(
        {"embeddings": {"dtype": "F32", "shape": [N, D], "data_offsets": [0, N * D * 4]}})))
    write_bytes("bad_shape_offsets.safetensors", safetensors_bytes({"embeddings": ("F32", X)}, header_override=json.dumps(
        {"embeddings": {"dtype": "F32", "shape": [N, D + 1], "data_offsets": [0, N * D * 4]}})) + X.tobytes())
    write_bytes("bad_invalid_json.safetensors", safetensors_bytes({}, header_override='{"embeddings": {"dtype": "F32",')
                + X.tobytes())
    write_bytes("bad_unknown_dtype.safetensors", safetensors_bytes({}, header_override=json.dumps(
        {"embeddings": {"dtype": "Q7", "shape": [N, D], "data_offsets": [0, N * D * 4]}})) + X.tobytes())
    write_bytes("bad_no_embeddings.safetensors", safetensors_bytes({"vectors": ("F32", X)}))
    write_bytes("bad_labels_len.safetensors", safetensors_bytes({"embeddings": ("F32", X),
                                                                 "labels": ("I64", LABELS[:3].astype("<i8"))}))


def main():
    os.makedirs(OUT, exist_ok=True)
    good_npy()
    label_and_key_arrays()
    sidecars()
    W, b = good_npz()
    good_safetensors(W, b)
    bad_npy()
    bad_npz()
    bad_safetensors()
    with open(path("expected.json"), "w", encoding="utf-8") as f:
        json.dump(EXPECTED, f, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    total = sum(os.path.getsize(path(n)) for n in os.listdir(OUT))
    print(f"wrote {len(os.listdir(OUT))} files, {total} bytes, to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
