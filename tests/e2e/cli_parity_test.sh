#!/usr/bin/env bash
# One source of truth: the app and `latentbridge-cli ... --session` give the same numbers, bit for bit, on the
# bundled demo session (3 Fashion-MNIST encoders, 300 anchors): every similarity metric of the pair the app shows,
# and every stitching method of every ordered pair.
source "$(dirname "$0")/common.sh"
CLI="$(dirname "$EXE")/latentbridge-cli"
[ -x "$CLI" ] || fail "latentbridge-cli not found next to $EXE"
DEMO="$E2E_DIR/../../assets/demo/demo.json"
start_app "$DEMO"
# Settled: the similarity table's exact answer (after its preview) and every stitching method.
SETTLED='r["extra"]["similarity"] is not None and not r["extra"]["similarity"]["preview"] and not r["extra"]["similarity"]["computing"] and r["extra"]["stitching"] is not None and not r["extra"]["stitching"]["computing"] and len(r["extra"]["stitching"]["methods"]) == 5'
wait_for "$ALL_READY and r['anchors'] == 300 and $SETTLED" 180
cp "$WORK/report.json" "$WORK/app.json"
A=$(report 'r["extra"]["similarity"]["a"]'); B=$(report 'r["extra"]["similarity"]["b"]')
"$CLI" compare --session "$DEMO" --a "$A" --b "$B" --json --quiet > "$WORK/compare.json" || fail "compare --session failed"
"$CLI" stitch --session "$DEMO" --json --quiet > "$WORK/stitch.json" || fail "stitch --session failed"
"$PY" - "$WORK/app.json" "$WORK/compare.json" "$WORK/stitch.json" <<'PYEOF' || fail "the app and the CLI disagree"
import json, sys
app = json.load(open(sys.argv[1]))["extra"]
cli_sim = json.load(open(sys.argv[2]))
cli_st = json.load(open(sys.argv[3]))
bad = []
sim = app["similarity"]
for key in ("matched", "evaluated", "anchors", "queries", "rbf_rows", "settings"):
    if sim[key] != cli_sim[key]:
        bad.append(f"similarity {key}: app {sim[key]} cli {cli_sim[key]}")
checked = 0
for column in ("absolute", "relative", "translated"):
    for metric, value in cli_sim[column].items():
        checked += value is not None
        if sim[column][metric] != value:  # equal, not close
            bad.append(f"similarity {column}.{metric}: app {sim[column][metric]!r} cli {value!r}")
st = app["stitching"]
n = len(cli_st["names"])
if st["names"] != cli_st["names"] or st["settings"] != cli_st["settings"]:
    bad.append("stitching names or settings differ")
for method, rows in cli_st["methods"].items():
    flat = [v for row in rows for v in row]
    checked += sum(v is not None for v in flat)
    if st["all"][method] != flat:
        bad.append(f"stitching {method}: app {st['all'][method]} cli {flat}")
if cli_st["native"] != st["native"]:
    bad.append("native accuracies differ")
print(f"{checked} numbers compared; similarity {sim['a']} -> {sim['b']}: relative jaccard {sim['relative']['jaccard']}, "
      f"stitching relative {cli_st['methods']['relative']}")
if checked < 40:
    bad.append(f"only {checked} numbers were compared")
for b in bad:
    print("MISMATCH:", b)
sys.exit(1 if bad else 0)
PYEOF
app_alive || fail "the app exited"
echo PASS
