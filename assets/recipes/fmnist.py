#!/usr/bin/python3
"""Fashion-MNIST image spaces: four independently trained encoders, latents of the 10,000 test images.

Models (all PyTorch, CPU, seeded):
  cnn_s0, cnn_s1  small CNN, latent 64, trained as classifiers with seeds 0 and 1
  mlp             2-layer MLP, latent 128, classifier (seed 2)
  ae              convolutional autoencoder, latent 32, unsupervised (seed 3); a linear probe
                  (nn.Linear fitted on the frozen training-set latents) gives its accuracy and head
The latent of a classifier is the input of its final nn.Linear head.

Writes into OUT (default assets/demo): fmnist_<model>.npz (spaces), fmnist_<model>_head.npz (heads),
and the "fashion_mnist" section of MODELS.json. Usage: /usr/bin/python3 fmnist.py [OUT]
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lb_export import save_linear_head, save_space, sha256, update_manifest, write_json  # noqa: E402

DATA = "/usr/share/datasets/fashion-mnist"
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(name):
    """IDX file (big-endian header: magic, dims) -> uint8 array."""
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def to_tensor(images_u8):
    return torch.from_numpy(images_u8.astype(np.float32) / 255.0).unsqueeze(1)  # N x 1 x 28 x 28


# ---------------------------------------------------------------- architectures
class CNN(nn.Module):
    def __init__(self, latent=64, classes=10):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # 32 x 14 x 14
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 64 x 7 x 7
            nn.Flatten(), nn.Linear(64 * 7 * 7, latent), nn.ReLU())
        self.head = nn.Linear(latent, classes)

    def forward(self, x):
        return self.head(self.encoder(x))


class MLP(nn.Module):
    def __init__(self, latent=128, classes=10):
        super().__init__()
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(),
                                     nn.Linear(512, latent), nn.ReLU())
        self.head = nn.Linear(latent, classes)

    def forward(self, x):
        return self.head(self.encoder(x))


class ConvAE(nn.Module):
    def __init__(self, latent=32):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),   # 16 x 14 x 14
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),  # 32 x 7 x 7
            nn.Flatten(), nn.Linear(32 * 7 * 7, latent))           # linear bottleneck
        self.decoder = nn.Sequential(
            nn.Linear(latent, 32 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),  # 16 x 14 x 14
            nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1))              # logits, 1 x 28 x 28

    def forward(self, x):
        return self.decoder(self.encoder(x))


# ---------------------------------------------------------------- training
def batches(n, batch, generator):
    order = torch.randperm(n, generator=generator)
    for i in range(0, n, batch):
        yield order[i:i + batch]


def train(model, x, y, epochs, seed, autoencoder=False, lr=1e-3, batch=128):
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for epoch in range(epochs):
        t0, total = time.time(), 0.0
        for idx in batches(len(x), batch, gen):
            xb = x[idx]
            if autoencoder:
                loss = F.binary_cross_entropy_with_logits(model(xb), xb)
            else:
                loss = F.cross_entropy(model(xb), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print("  epoch %d  loss %.4f  %.0f s" % (epoch + 1, total / len(x), time.time() - t0), flush=True)
    model.eval()


@torch.no_grad()
def encode(encoder, x, batch=1000):
    encoder.eval()
    return torch.cat([encoder(x[i:i + batch]) for i in range(0, len(x), batch)]).numpy()


def fit_probe(z_train, y_train, classes=10, epochs=30, seed=0):
    """Linear probe on frozen latents: nn.Linear trained with full-batch L-BFGS (deterministic)."""
    torch.manual_seed(seed)
    z = torch.from_numpy(z_train)
    probe = nn.Linear(z.shape[1], classes)
    opt = torch.optim.LBFGS(probe.parameters(), lr=1.0, max_iter=epochs * 10, history_size=20,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(probe(z), y_train) + 1e-4 * probe.weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return probe


def head_accuracy(weight, bias, z, labels):
    """Accuracy of a linear head on stored latents: argmax(z W^T + b) == label."""
    logits = z.astype(np.float32) @ weight.T + bias
    return float((logits.argmax(1) == labels).mean())


# ---------------------------------------------------------------- export (the README example)
def export_model(out, name, encoder, head, test_images_u8, test_labels):
    """Latents of the test images -> fmnist_<name>.npz; head (nn.Linear) -> fmnist_<name>_head.npz."""
    z = encode(encoder, to_tensor(test_images_u8))                       # N x D
    keys = ["test-%05d" % i for i in range(len(z))]
    space = "fmnist_%s.npz" % name
    save_space(os.path.join(out, space), embeddings=z.astype(np.float16), labels=test_labels,
               keys=keys, label_names=CLASSES, images=test_images_u8)
    head_file = "fmnist_%s_head.npz" % name
    weight = head.weight.detach().numpy()                                # C x D
    bias = head.bias.detach().numpy()                                    # C
    save_linear_head(os.path.join(out, head_file), weight, bias)
    # Accuracy as a user of the files will measure it: float16 latents from disk through the head.
    acc = head_accuracy(weight, bias, z.astype(np.float16), test_labels)
    return space, head_file, z.shape[1], acc


MODELS = [
    # name, constructor, latent, seed, epochs, kind, torch threads (bitwise results depend on the thread count)
    ("cnn_s0", lambda: CNN(64), 64, 0, 3, "classifier", 2),
    ("cnn_s1", lambda: CNN(64), 64, 1, 3, "classifier", 1),
    ("mlp", lambda: MLP(128), 128, 2, 4, "classifier", 1),
    ("ae", lambda: ConvAE(32), 32, 3, 2, "autoencoder", 1),
]
ARCH = {
    "cnn_s0": "conv3x3(32)-relu-maxpool2-conv3x3(64)-relu-maxpool2-linear(3136->64)-relu | head linear(64->10)",
    "cnn_s1": "conv3x3(32)-relu-maxpool2-conv3x3(64)-relu-maxpool2-linear(3136->64)-relu | head linear(64->10)",
    "mlp": "linear(784->512)-relu-linear(512->128)-relu | head linear(128->10)",
    "ae": "encoder conv3x3s2(16)-relu-conv3x3s2(32)-relu-linear(1568->32); decoder mirrored with "
          "transposed convs, BCE reconstruction loss | linear probe head linear(32->10), L-BFGS on frozen train latents",
}


def train_one(out, name, data):
    """Trains one model of MODELS and writes its space and head files."""
    x_train, y_train, test_images, test_labels = data
    _, make, _, seed, epochs, kind, threads = next(m for m in MODELS if m[0] == name)
    torch.set_num_threads(threads)
    print("training %s (seed %d, %d epochs)" % (name, seed, epochs), flush=True)
    torch.manual_seed(seed)
    model = make()
    train(model, x_train, y_train, epochs, seed, autoencoder=(kind == "autoencoder"))
    head = fit_probe(encode(model.encoder, x_train), y_train, seed=seed) if kind == "autoencoder" else model.head
    _, _, _, acc = export_model(out, name, model.encoder, head, test_images, test_labels)
    print("  %s: test accuracy %.4f" % (name, acc), flush=True)


def write_manifest(out):
    """MODELS.json section and demo.json, from the written files (accuracy re-measured from disk)."""
    entries = []
    for name, _, latent, seed, epochs, kind, threads in MODELS:
        space, head_file = "fmnist_%s.npz" % name, "fmnist_%s_head.npz" % name
        z = np.load(os.path.join(out, space))
        h = np.load(os.path.join(out, head_file))
        acc = head_accuracy(h["weight"], h["bias"], z["embeddings"], z["labels"])
        entries.append({
            "name": "fmnist_" + name, "dataset": "Fashion-MNIST test set (10,000 images)",
            "kind": kind, "architecture": ARCH[name], "latent_width": latent, "seed": seed,
            "epochs": epochs, "torch_threads": threads, "optimizer": "Adam lr 1e-3, batch 128", "accuracy": round(acc, 4),
            "accuracy_kind": ("linear probe (nn.Linear on frozen train latents, L-BFGS), test set"
                              if kind == "autoencoder" else "own head, test set"),
            "n": int(z["embeddings"].shape[0]), "d": int(z["embeddings"].shape[1]),
            "files": {f: sha256(os.path.join(out, f)) for f in (space, head_file)},
        })
    update_manifest(out, "fashion_mnist", entries)
    # The set the app opens with no arguments: three image spaces side by side, the first is the reference.
    write_json(os.path.join(out, "demo.json"), {
        "spaces": ["fmnist_cnn_s0.npz", "fmnist_cnn_s1.npz", "fmnist_mlp.npz"],
        "reference": 0,
        "anchors": {"strategy": "random", "count": 300, "seed": 0},
    })


def main():
    """fmnist.py OUT            train all four models one after the other, then write the manifest
       fmnist.py OUT NAME...    train only these models (make_all.sh runs them in parallel)
       fmnist.py OUT --manifest only (re)write MODELS.json's section and demo.json"""
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "demo")
    names = sys.argv[2:] or [m[0] for m in MODELS]
    os.makedirs(out, exist_ok=True)
    if names != ["--manifest"]:
        torch.use_deterministic_algorithms(True)
        data = (to_tensor(read_idx("train-images-idx3-ubyte.gz")),
                torch.from_numpy(read_idx("train-labels-idx1-ubyte.gz").astype(np.int64)),
                read_idx("t10k-images-idx3-ubyte.gz").copy(),
                read_idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
        for name in names:
            train_one(out, name, data)
    if len(sys.argv) <= 2 or names == ["--manifest"]:
        write_manifest(out)


if __name__ == "__main__":
    main()
