#!/usr/bin/env bash
# The Retrieval panel opens from the Panels menu, ranks the default query's matches through absolute, relative,
# translated and ASIF with each route's top-1/top-5 over 300 seeded queries, and follows a query typed into its
# search box (found by key, clicked in the list).
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 1500
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and 'menu.panels' in r['items']" 60
[ "$(report 'r["extra"]["retrieval"] is None')" = True ] || fail "retrieval results before the panel opened"
click menu.panels
wait_for "'menu.panels.retrieval' in r['items']" 10
click menu.panels.retrieval
DONE='r["extra"]["retrieval"] is not None and r["extra"]["retrieval"]["current"] and not r["extra"]["retrieval"]["computing"] and r["extra"]["retrieval"]["summary_queries"] == 300'
wait_for "$DONE and 'retrieval.find' in r['items']" 60

# Each route's list agrees with the rank it gives the true match; the spaces share one latent, so every route
# through the anchors finds counterparts well above chance (5 / candidates for top-5).
check_routes() {
  "$PY" - "$WORK/report.json" <<'PYEOF' || fail "retrieval routes inconsistent"
import json, sys
r = json.load(open(sys.argv[1]))["extra"]["retrieval"]
assert r["candidates"] == 1500 - 20, r["candidates"]
for name in ("absolute", "relative", "translated", "asif"):
    m, s = r["routes"][name], r["summary"][name]
    if m["why"]:
        assert m["top"] == [] and s["top1"] == -1, (name, m, s)
        continue
    assert len(m["top"]) == 5, (name, m)
    assert (m["top"][0] == r["truth"]) == (m["true_rank"] == 0), (name, m, r["truth"])
    assert (r["truth"] in m["top"]) == (0 <= m["true_rank"] < 5), (name, m, r["truth"])
    assert 0 <= s["top1"] <= s["top5"] <= 1, (name, s)
for name in ("relative", "translated", "asif"):
    assert r["summary"][name]["top5"] > 5 * 5 / r["candidates"], (name, r["summary"][name])
print(f"{r['a']} -> {r['b']}, query {r['query']}: " +
      ", ".join(f"{n} top-1 {r['summary'][n]['top1']:.3f}" for n in ("absolute", "relative", "translated", "asif")))
PYEOF
}
check_routes

# Type a key, click the one sample found: it becomes the query.
ROW=$("$PY" -c "import numpy as np, sys; k = list(np.load(sys.argv[1] + '/' + sys.argv[2] + '.npz')['keys']); print(k.index('sample00042'))" "$WORK/fx" "$(report 'r["extra"]["retrieval"]["a"]')")
type_into retrieval.find sample00042
wait_for "'retrieval.found.0' in r['items']" 10
click retrieval.found.0
wait_for "$DONE and r['extra']['retrieval']['query'] == $ROW" 30
check_routes
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
