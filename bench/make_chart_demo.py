#!/usr/bin/python3
"""Charts for the atlas demo (`latentbridge-cli merge`, docs/methods.md §3) from the shipped Fashion-MNIST spaces.

Three encoders each see part of the 10,000 test images, as three models trained on different tasks would:
  cnn_s0_classes_0-4.npz   cnn_s0's encodings of the images of classes 0-4 (T-shirt ... coat)
  cnn_s1_classes_5-9.npz   cnn_s1's encodings of the images of classes 5-9 (sandal ... ankle boot)
  mlp_third.npz            the MLP's encodings of a seeded third of all images (every class)
and all three encode the same 300 anchors (a seeded draw over every class, listed in anchors.txt): a small set of
samples every model is run on, which is what makes the charts comparable. Rows keep the demo's keys and labels.

Usage: /usr/bin/python3 bench/make_chart_demo.py assets/demo OUT_DIR
"""
import os
import sys

import numpy as np


def main():
    demo, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    spaces = {name: np.load(os.path.join(demo, "fmnist_%s.npz" % name)) for name in ("cnn_s0", "cnn_s1", "mlp")}
    labels = spaces["cnn_s0"]["labels"]
    keys = spaces["cnn_s0"]["keys"]
    for z in spaces.values():
        assert (z["keys"] == keys).all() and (z["labels"] == labels).all(), "the demo spaces share one row order"
    rng = np.random.default_rng(0)
    n = len(labels)
    anchors = np.sort(rng.choice(n, size=300, replace=False))
    is_anchor = np.zeros(n, dtype=bool)
    is_anchor[anchors] = True
    third = np.zeros(n, dtype=bool)
    third[rng.choice(n, size=n // 3, replace=False)] = True
    charts = {
        "cnn_s0_classes_0-4": ("cnn_s0", labels <= 4),
        "cnn_s1_classes_5-9": ("cnn_s1", labels >= 5),
        "mlp_third": ("mlp", third),
    }
    for name, (space, rows) in charts.items():
        z = spaces[space]
        keep = rows | is_anchor
        np.savez(os.path.join(out, name + ".npz"), embeddings=z["embeddings"][keep].astype(np.float32),
                 keys=z["keys"][keep], labels=z["labels"][keep], label_names=z["label_names"])
    with open(os.path.join(out, "anchors.txt"), "w") as f:
        f.write("\n".join(keys[anchors]) + "\n")


if __name__ == "__main__":
    main()
