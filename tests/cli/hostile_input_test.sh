#!/usr/bin/env bash
# Hostile inputs never crash, hang or balloon the CLI: special files where a space, a sidecar's file or a session
# is expected, labels that would size memory, a zip member that lies about its size. Each must exit 1 or 2 within
# seconds, with one message naming the file, and stay within a small memory budget.
# Usage: bash tests/cli/hostile_input_test.sh path/to/latentbridge-cli
source "$(dirname "$0")/common.sh"

cd "$tmp"
mkfifo pipe pipe.npy
"$py" - <<'PYEOF'
import io, json, struct, zipfile
import numpy as np
x = np.random.default_rng(0).standard_normal((8, 3)).astype(np.float32)
for name, sidecar in [("dir", {"keys": "."}), ("zero", {"texts": "/dev/zero"}), ("urandom", {"keys": "/dev/urandom"}),
                      ("fifo", {"keys": "pipe"}), ("huge_label", {"labels": [0, 1, 2, 3, 4, 5, 6, 2**31 - 1]}),
                      ("big_label", {"labels": [0, 1, 2, 3, 4, 5, 6, 10**9]}),
                      ("unnamed_label", {"labels": [0, 1, 2, 3, 0, 1, 2, 3], "label_names": ["a", "b", "c"]})]:
    np.save(f"{name}.npy", x)
    json.dump(sidecar, open(f"{name}.json", "w"))
# A .npz whose deflated member (1 MB, incompressible) declares 1000x its size.
buf = io.BytesIO()
np.save(buf, np.random.default_rng(1).standard_normal((4096, 64)).astype(np.float32))
with zipfile.ZipFile("liar.npz", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("embeddings.npy", buf.getvalue())
b = bytearray(open("liar.npz", "rb").read())
claim = 1000 * len(b)
struct.pack_into("<I", b, 22, claim)                      # local header: uncompressed size
struct.pack_into("<I", b, b.find(b"PK\x01\x02") + 24, claim)  # central directory: the same
open("liar.npz", "wb").write(b)
PYEOF

# run EXPECTED_NAME ARGS...: exit 1 or 2 within 10 s, at most 300 MB resident, the message names EXPECTED_NAME.
run() {
  local name=$1
  shift
  "$py" - "$cli" "$name" "$@" <<'PYEOF' || fail "$*"
import resource, subprocess, sys
cli, name, args = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    p = subprocess.run([cli] + args, capture_output=True, text=True, timeout=10)
except subprocess.TimeoutExpired:
    sys.exit(print("hung:", args) or 1)
rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
lines = [l for l in p.stderr.splitlines() if "error" in l]
ok = p.returncode in (1, 2) and rss_mb < 300 and len(lines) == 1 and name in lines[0]
print(f"{' '.join(args)}: exit {p.returncode}, {rss_mb:.0f} MB, {lines}")
sys.exit(0 if ok else 1)
PYEOF
}
run pipe info pipe
run pipe stitch pipe dir.npy --anchors 2
run "named by 'keys' in dir.json" info dir.npy
run pipe.npy info pipe.npy
run /dev/zero info zero.npy
run /dev/urandom info urandom.npy
run pipe info fifo.npy
run pipe compare --session pipe
run huge_label.npy stitch huge_label.npy huge_label.npy --anchors 4
run big_label.npy info big_label.npy
run "no name" info unnamed_label.npy
run liar.npz info liar.npz

finish "hostile_input"
