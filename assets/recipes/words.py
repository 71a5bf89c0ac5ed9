#!/usr/bin/python3
"""English word embeddings from three independent tools, on one corpus, restricted to a shared vocabulary.

Corpus (one sentence per line, lowercased, letters-only tokens): every WordNet 3.0 synset as
"lemma lemma ... gloss" (data.noun/verb/adj/adv) plus the King James and World English Bibles (one verse
per line). Models, all 100-d, window 5, min count 5 (skip-grams 3 epochs, CBOW 5), trained in parallel:
  words_ft_skipgram.vec  fastText skip-gram (CLI; -thread 1 -seed 0, the setting fastText documents as
                         reproducible), character n-grams 3-6
  words_ft_cbow.vec      fastText CBOW (same settings)
  words_w2v.vec          gensim 4 Word2Vec skip-gram, negative sampling (workers=1, seed=0, PYTHONHASHSEED=0)
Each file holds the same VOCAB words (the most frequent corpus words known to all three models, stopwords
and 1-letter words excluded), each in its own model's vocabulary order; rows are matched by word.
Usage: /usr/bin/python3 words.py [OUT]
"""
import collections
import os
import subprocess
import sys
import tempfile
import time

if os.environ.get("PYTHONHASHSEED") != "0":  # gensim seeds word vectors with hash(): fix it, then restart
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bible_text import read_module, tokenize  # noqa: E402
from lb_export import save_vec, sha256, update_manifest  # noqa: E402

DIM, WINDOW, MIN_COUNT, SEED = 100, 5, 5, 0
EPOCHS = {"ft_skipgram": 3, "ft_cbow": 5, "w2v": 3}  # skip-gram costs ~5x CBOW per epoch
VOCAB = 5000
DIGITS = 5  # significant digits in the .vec text (float32 models; 5 digits keeps the files ~4.5 MB each)
STOPWORDS = set("""a about above after again against all am an and any are as at be because been before being
below between both but by can did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves shall unto thee thou
thy thine ye hath doth""".split())


def wordnet_lines():
    for pos in ("noun", "verb", "adj", "adv"):
        with open("/usr/share/wordnet/data." + pos, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):  # licence header
                    continue
                fields, _, gloss = line.partition(" | ")
                parts = fields.split()
                lemmas = [parts[4 + 2 * i] for i in range(int(parts[3], 16))]
                yield " ".join(l.replace("_", " ") for l in lemmas) + " " + gloss


def build_corpus(path):
    lines = list(wordnet_lines())
    for module in ("engKJV2006eb", "engWEB2015eb"):
        lines.extend(read_module(module).values())
    counts = collections.Counter()
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            tokens = tokenize(line)
            if tokens:
                counts.update(tokens)
                f.write(" ".join(tokens) + "\n")
    return counts


def read_vec(path):
    """word2vec text -> (words in file order, float32 matrix)."""
    with open(path, encoding="utf-8") as f:
        n, d = map(int, f.readline().split())
        words, rows = [], []
        for line in f:
            parts = line.rstrip().split(" ")
            if len(parts) != d + 1:
                continue
            words.append(parts[0])
            rows.append(np.asarray(parts[1:], dtype=np.float32))
    return words, np.stack(rows)


def start_fasttext(mode, corpus, prefix, epochs):
    """Starts the fastText CLI in the background (single-threaded, hence reproducible)."""
    return subprocess.Popen(["fasttext", mode, "-input", corpus, "-output", prefix, "-dim", str(DIM),
                             "-ws", str(WINDOW), "-epoch", str(epochs), "-minCount", str(MIN_COUNT), "-neg", "5",
                             "-minn", "3", "-maxn", "6", "-bucket", "200000", "-thread", "1", "-seed", str(SEED),
                             "-verbose", "1"])


def train_word2vec(corpus, epochs):
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence
    model = Word2Vec(LineSentence(corpus), vector_size=DIM, window=WINDOW, min_count=MIN_COUNT, sg=1,
                     negative=5, epochs=epochs, workers=1, seed=SEED)
    words = list(model.wv.index_to_key)
    return words, np.asarray(model.wv.vectors, dtype=np.float32)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "demo")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.txt")
        counts = build_corpus(corpus)
        print("corpus: %d tokens, %d types" % (sum(counts.values()), len(counts)), flush=True)
        t0 = time.time()
        jobs = {mode: start_fasttext(mode, corpus, os.path.join(tmp, mode), EPOCHS["ft_" + mode])
                for mode in ("skipgram", "cbow")}
        models = {"w2v": train_word2vec(corpus, EPOCHS["w2v"])}
        print("w2v: %d words, %.0f s" % (len(models["w2v"][0]), time.time() - t0), flush=True)
        for mode, job in jobs.items():
            if job.wait() != 0:
                raise SystemExit("fasttext %s failed" % mode)
            models["ft_" + mode] = read_vec(os.path.join(tmp, mode + ".vec"))
            print("ft_%s: %d words, %.0f s" % (mode, len(models["ft_" + mode][0]), time.time() - t0), flush=True)
        models = {name: models[name] for name in ("ft_skipgram", "ft_cbow", "w2v")}

    known = set.intersection(*(set(words) for words, _ in models.values()))
    ranked = sorted((w for w in known if w not in STOPWORDS and len(w) > 1), key=lambda w: (-counts[w], w))
    vocab = set(ranked[:VOCAB])
    entries = []
    for name, (words, vectors) in models.items():
        keep = [i for i, w in enumerate(words) if w in vocab]  # the model's own order
        file = "words_%s.vec" % name
        save_vec(os.path.join(out, file), [words[i] for i in keep], vectors[keep], digits=DIGITS)
        entries.append({
            "name": "words_" + name, "kind": "word embeddings",
            "tool": {"ft_skipgram": "fastText 0.9.2 CLI skipgram", "ft_cbow": "fastText 0.9.2 CLI cbow",
                     "w2v": "gensim 4.2 Word2Vec (skip-gram)"}[name],
            "dim": DIM, "window": WINDOW, "epochs": EPOCHS[name], "min_count": MIN_COUNT, "seed": SEED,
            "corpus": "WordNet 3.0 lemmas+glosses, KJV and WEB Bibles (%d tokens)" % sum(counts.values()),
            "n": len(keep), "d": DIM, "order": "the model's own vocabulary order (by frequency)",
            "files": {file: sha256(os.path.join(out, file))},
        })
    update_manifest(out, "words", entries)


if __name__ == "__main__":
    main()
