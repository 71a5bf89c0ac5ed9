"""NumPy twin of `latentbridge-cli stitch SOURCE TARGET --anchors K --json` (defaults: ridge head, alpha 0.1,
test fraction 0.2, cosine relative reps, procrustes/linear/affine with standard scaling). Labels from TARGET's
sidecar. Test rows: 20% of all rows, never anchors; train: the others (anchors included).
  native           ridge head on TARGET's train rows, accuracy on TARGET's test rows
  absolute         that head on SOURCE's test rows
  relative_native  ridge head on TARGET's relative reps (train rows), on TARGET's test reps
  relative         that head on SOURCE's test rows' relative reps (SOURCE's own anchors)
  translated       SOURCE's test rows translated into TARGET (procrustes, linear least squares, affine), fed
                   to the native head. With standardized anchors the affine fit's bias is zero and its map the
                   linear one (up to round-off): its accuracy is then the linear one, as the CLI does, not a second pass.
  chance           the test set's most frequent class rate
Usage: stitch_twin.py SOURCE TARGET K"""
import sys

import numpy as np

from twin_common import (accuracy, labels_of, least_squares, procrustes, random_anchors, relative, report,
                         ridge_head, scaled, standard_stats)

src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
x, y = np.load(src), np.load(dst)
labels = labels_of(dst)
classes = int(labels.max()) + 1
n = len(y)
anchors = random_anchors(n, k)
rng = np.random.default_rng(1)
pool = np.setdiff1d(np.arange(n), anchors)
test = np.sort(rng.choice(pool, size=int(round(0.2 * n)), replace=False))
train = np.setdiff1d(np.arange(n), test)
y_test = labels[test]
chance = float(np.max(np.bincount(y_test)) / len(test))

head = ridge_head(y[train], labels[train], classes)
x_test = x[test]
result = {"native": accuracy(head, y[test], y_test), "absolute": accuracy(head, x_test, y_test)}

rel_y = relative(y, y[anchors])
rel_head = ridge_head(rel_y[train], labels[train], classes)
result["relative_native"] = accuracy(rel_head, rel_y[test], y_test)
del rel_y
result["relative"] = accuracy(rel_head, relative(x_test, x[anchors]), y_test)

stats_x, stats_y = standard_stats(x[anchors]), standard_stats(y[anchors])
ax, ay = scaled(x[anchors], stats_x), scaled(y[anchors], stats_y)
mx, sx, my, sy = (v.astype(np.float32) for v in (*stats_x, *stats_y))
linear = least_squares(ax, ay)
affine = least_squares(np.hstack([ax, np.ones((k, 1), dtype=ax.dtype)]), ay)
maps = {"procrustes": procrustes(ax, ay)[0], "linear": linear}
translated = {}
for name, r in maps.items():
    t = ((x_test - mx) / sx) @ r.astype(np.float32) * sy + my
    translated[name] = accuracy(head, t, y_test)
scale = np.abs(linear).max()
same = np.allclose(affine[:-1], linear, rtol=0, atol=1e-6 * scale) and np.allclose(affine[-1], 0, atol=1e-6 * scale)
if same:
    translated["affine"] = translated["linear"]
else:
    t = (np.hstack([(x_test - mx) / sx, np.ones((len(test), 1), np.float32)]) @ affine.astype(np.float32)) * sy + my
    translated["affine"] = accuracy(head, t, y_test)
result.update({"translated": translated, "chance": chance, "n_test": len(test), "n_train": len(train), "k": k,
               "num_classes": classes})
report(result)
