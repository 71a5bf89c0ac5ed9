#!/usr/bin/python3
"""Writes the text-format fixtures of tests/data/text/ and their expected values (expected_text.json).

Run with Debian's interpreter (numpy, gensim) from the repository root:
    /usr/bin/python3 tests/data/make_text_fixtures.py
Deterministic: seeded NumPy vectors; the fastText model is trained by the `fasttext` CLI with one thread
and a fixed seed:
    fasttext skipgram -input corpus.txt -output ft -dim 6 -minCount 2 -epoch 3 -thread 1 -seed 1
             -minn 0 -maxn 0 -bucket 1000 -verbose 0
(same output twice in a row on Debian 12's fastText 0.9.2). Only its .vec is kept.
Expected values are computed by gensim / NumPy reading the written files, independently of our loaders.
"""
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np
from gensim.models import KeyedVectors

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "text")

CORPUS = """the cat sat on the mat and the dog sat on the rug
a cat and a dog played in the garden near the old tree
the old tree stood in the garden for many years
birds sang in the tree while the cat watched the birds
the dog barked at the birds and the birds flew away
in the morning the garden was quiet and the mat was warm
the rug was red and the mat was blue
many birds came back to the old tree in the evening
the cat slept on the warm rug near the dog
years later the garden still had the old tree and many birds
"""


def path(name):
    return os.path.join(OUT, name)


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def summary(words, X):
    X = np.asarray(X, dtype=np.float64)
    return {
        "n": int(X.shape[0]),
        "d": int(X.shape[1]),
        "first_word": words[0] if words else None,
        "last_word": words[-1] if words else None,
        "total_sum": float(X.sum()),
        "row_sums": [float(s) for s in X.sum(axis=1)],
        "first_row": [float(v) for v in X[0]],
        "last_row": [float(v) for v in X[-1]],
    }


def keyed_vectors(rng):
    words = ["the", "cat", "dog", "café", "naïve", "日本", "tree", "garden", "</s>", "x"]
    words += ["w%02d" % i for i in range(10)]
    kv = KeyedVectors(vector_size=8)
    kv.add_vectors(words, rng.standard_normal((len(words), 8)).astype(np.float32))
    return kv


def gensim_fixtures(rng, expected):
    kv = keyed_vectors(rng)
    kv.save_word2vec_format(path("gensim_text.vec"), binary=False)
    kv.save_word2vec_format(path("gensim_binary.bin"), binary=True)
    for name, binary in [("gensim_text.vec", False), ("gensim_binary.bin", True)]:
        back = KeyedVectors.load_word2vec_format(path(name), binary=binary)
        expected[name] = summary(list(back.index_to_key), back.vectors)
        expected[name]["dtype"] = "float32" if binary else "text"
        expected[name]["word_cafe_row"] = back.key_to_index["café"]
    # Same data as GloVe text (no header), with CRLF line ends and no final newline.
    lines = ["%s %s" % (w, " ".join(repr(float(v)) for v in kv[w])) for w in kv.index_to_key]
    write_bytes("glove_crlf.txt", "\r\n".join(lines).encode("utf-8"))
    expected["glove_crlf.txt"] = summary(list(kv.index_to_key), kv.vectors)
    expected["glove_crlf.txt"]["dtype"] = "text"
    # Truncated binary: cut in the middle of the last vector.
    data = open(path("gensim_binary.bin"), "rb").read()
    write_bytes("bad_truncated.bin", data[:-7])
    # Binary whose header announces one record more than it holds.
    head, rest = data.split(b"\n", 1)
    write_bytes("bad_header_more.bin", b"21 8\n" + rest)


def fasttext_fixture(expected):
    tmp = tempfile.mkdtemp()
    try:
        with open(os.path.join(tmp, "corpus.txt"), "w") as f:
            f.write(CORPUS)
        subprocess.run(["fasttext", "skipgram", "-input", os.path.join(tmp, "corpus.txt"), "-output",
                        os.path.join(tmp, "ft"), "-dim", "6", "-minCount", "2", "-epoch", "3", "-thread", "1",
                        "-seed", "1", "-minn", "0", "-maxn", "0", "-bucket", "1000", "-verbose", "0"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "ft.vec"), path("fasttext.vec"))
    finally:
        shutil.rmtree(tmp)
    back = KeyedVectors.load_word2vec_format(path("fasttext.vec"), binary=False)
    expected["fasttext.vec"] = summary(list(back.index_to_key), back.vectors)
    expected["fasttext.vec"]["dtype"] = "text"


def projector_fixtures(rng, expected):
    os.makedirs(path("projector"), exist_ok=True)
    X = rng.standard_normal((12, 5))
    np.savetxt(path("projector/tensors.tsv"), X, delimiter="\t")
    names = ["cat", "dog", "bird"]
    with open(path("projector/metadata.tsv"), "w") as f:
        f.write("word\tlabel\ttext\tcolour\n")
        for i in range(12):
            f.write("item%d\t%s\tsample number %d\t%s\n" % (i, names[i % 3], i, "red"))
    expected["projector/tensors.tsv"] = summary(["item0"], X)
    expected["projector/tensors.tsv"].update({
        "dtype": "text", "label_names": sorted(names),
        "labels": [sorted(names).index(names[i % 3]) for i in range(12)],
        "first_key": "item0", "last_key": "item11", "last_text": "sample number 11"})

    # Single-column metadata with repeated names -> labels; integer ids in a second pair.
    Y = rng.standard_normal((6, 3)).astype(np.float32)
    np.savetxt(path("classes.tsv"), Y, delimiter="\t", fmt="%.9g")
    with open(path("classes_metadata.tsv"), "w") as f:
        f.write("".join(n + "\n" for n in ["b", "a", "c", "a", "b", "b"]))
    expected["classes.tsv"] = summary([], Y)
    expected["classes.tsv"].update({"dtype": "text", "label_names": ["a", "b", "c"], "labels": [1, 0, 2, 0, 1, 1]})

    Z = rng.standard_normal((4, 2))
    np.savetxt(path("plain.tsv"), Z, delimiter="\t")  # no metadata beside it
    expected["plain.tsv"] = summary([], Z)
    expected["plain.tsv"]["dtype"] = "text"

    np.savetxt(path("bad_meta_count.tsv"), Z, delimiter="\t")
    with open(path("bad_meta_count_metadata.tsv"), "w") as f:
        f.write("key\tlabel\nr0\t0\nr1\t1\nr2\t0\n")  # 3 rows for 4 tensors
    with open(path("bad_ragged.tsv"), "w") as f:
        f.write("1.0\t2.0\t3.0\n4.0\t5.0\n6.0\t7.0\t8.0\n")


def bad_vec_fixtures():
    write_bytes("bad_empty.vec", b"")
    write_bytes("bad_ragged.vec", b"3 3\nalpha 1 2 3\nbeta 4 5\ngamma 6 7 8\n")
    write_bytes("bad_nonnumeric.vec", b"2 3\nalpha 1 2 3\nbeta 4 five 6\n")
    write_bytes("bad_header_more.vec", b"4 2\nalpha 1 2\nbeta 3 4\ngamma 5 6\n")
    write_bytes("bad_header_fewer.vec", b"2 2\nalpha 1 2\nbeta 3 4\ngamma 5 6\n")
    write_bytes("bad_huge_header.vec", b"4000000000 300\nalpha 1 2\n")
    write_bytes("bad_duplicate.vec", b"3 2\nalpha 1 2\nbeta 3 4\nalpha 5 6\n")


def nan_fixture(expected):
    rows = [("r0", "0.5 1.5"), ("r1", "nan 1"), ("r2", "2 3"), ("r3", "1 inf"), ("r4", "-1 -2")]
    write_bytes("nan_rows.vec", ("5 2\n" + "".join("%s %s \n" % r for r in rows)).encode())
    X = np.array([[float(v) for v in r[1].split()] for r in rows])
    finite = np.isfinite(X).all(axis=1)
    expected["nan_rows.vec"] = {"n": 5, "d": 2, "non_finite_rows": int((~finite).sum()),
                                "first_non_finite_rows": [int(i) for i in np.nonzero(~finite)[0]],
                                "kept_keys": [rows[i][0] for i in np.nonzero(finite)[0]],
                                "kept_sum": float(X[finite].sum())}


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rng = np.random.default_rng(20261122)
    expected = {}
    gensim_fixtures(rng, expected)
    fasttext_fixture(expected)
    projector_fixtures(rng, expected)
    bad_vec_fixtures()
    nan_fixture(expected)
    with open(path("expected_text.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
