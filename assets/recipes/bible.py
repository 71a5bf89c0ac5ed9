#!/usr/bin/python3
"""English-Spanish verse spaces from two independently trained fastText models (one per language).

For each language a fastText skip-gram model (100-d, window 5, 10 epochs, min count 3, -thread 1 -seed 0)
is trained on its own whole Bible (English: World English Bible, engWEB2015eb; Spanish: Reina-Valera 1909,
spaRV1909eb), one lowercased verse per line. A verse's embedding is fastText's own sentence vector
(`fasttext print-sentence-vectors`: the mean of the L2-normalized word vectors, subword n-grams covering
rare words; the result is NOT normalized again). Rows: the New Testament verses present in both modules,
same keys ("Matt 1:1") and order in both files; labels = the book (27 classes); texts = the verse,
truncated to 200 characters. Usage: /usr/bin/python3 bible.py [OUT]
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bible_text import BOOKS, NEW_TESTAMENT, read_module, tokenize  # noqa: E402
from lb_export import save_space, sha256, update_manifest  # noqa: E402

DIM, WINDOW, EPOCHS, MIN_COUNT, SEED = 100, 5, 10, 3, 0
MAX_TEXT = 200
LANGUAGES = [("en", "engWEB2015eb", "World English Bible (2015, eBible.org)"),
             ("es", "spaRV1909eb", "Reina-Valera 1909")]


def sentence_vectors(verses, tmp, lang):
    """Train fastText skip-gram on all verses of one language; embed each verse."""
    corpus = os.path.join(tmp, lang + ".txt")
    with open(corpus, "w", encoding="utf-8") as f:
        for text in verses.values():
            f.write(" ".join(tokenize(text)) + "\n")
    prefix = os.path.join(tmp, lang)
    subprocess.run(["fasttext", "skipgram", "-input", corpus, "-output", prefix, "-dim", str(DIM),
                    "-ws", str(WINDOW), "-epoch", str(EPOCHS), "-minCount", str(MIN_COUNT), "-minn", "3",
                    "-maxn", "6", "-bucket", "200000", "-thread", "1", "-seed", str(SEED), "-verbose", "1"],
                   check=True)
    return prefix + ".bin"


def embed(model_bin, texts):
    lines = "".join(" ".join(tokenize(t)) + "\n" for t in texts)
    out = subprocess.run(["fasttext", "print-sentence-vectors", model_bin], input=lines, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    assert len(out) == len(texts), "fastText returned %d vectors for %d verses" % (len(out), len(texts))
    return np.asarray([line.split() for line in out], dtype=np.float32)


def short(text):
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1].rstrip() + "\u2026"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "demo")
    os.makedirs(out, exist_ok=True)
    bibles = {lang: read_module(module) for lang, module, _ in LANGUAGES}
    keys = [k for k in bibles["en"] if k.split()[0] in NEW_TESTAMENT and all(k in b for b in bibles.values())]
    books = [abbr for _, abbr in BOOKS if abbr in NEW_TESTAMENT]
    books = sorted(set(books), key=books.index)
    labels = [books.index(k.split()[0]) for k in keys]
    print("%d parallel New Testament verses" % len(keys), flush=True)
    entries = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang, module, title in LANGUAGES:
            model = sentence_vectors(bibles[lang], tmp, lang)
            texts = [bibles[lang][k] for k in keys]
            z = embed(model, texts)
            file = "bible_nt_%s.npz" % lang
            save_space(os.path.join(out, file), embeddings=z.astype(np.float16), labels=labels, keys=keys,
                       label_names=books, texts=[short(t) for t in texts])
            entries.append({
                "name": "bible_nt_" + lang, "kind": "sentence embeddings (mean of fastText word vectors)",
                "text": "%s (SWORD module %s), New Testament" % (title, module),
                "model": "fastText 0.9.2 skipgram trained on the whole %s Bible, dim %d, window %d, %d epochs, "
                         "min count %d, seed %d; verse = fasttext print-sentence-vectors" % (
                             lang, DIM, WINDOW, EPOCHS, MIN_COUNT, SEED),
                "n": len(keys), "d": DIM, "labels": "New Testament book (27 classes)",
                "files": {file: sha256(os.path.join(out, file))},
            })
    update_manifest(out, "bible", entries)


if __name__ == "__main__":
    main()
