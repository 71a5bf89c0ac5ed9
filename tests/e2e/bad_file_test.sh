#!/usr/bin/env bash
# A malformed file shows an inline error naming it; the app stays alive with the good data loaded.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 600
printf '\x93NUMPY\x01\x00garbage' > "$WORK/broken.npy"
head -c 300 "$WORK/fx/space_1.npz" > "$WORK/truncated.npz"
start_app "$WORK/fx/space_0.npz" "$WORK/broken.npy" "$WORK/truncated.npz"
wait_for "len(r['errors']) == 2 and r['spaces'] == 1 and r['loads_in_flight'] == 0" 30
report 'r["errors"]'
[ "$(report 'any("broken.npy" in e for e in r["errors"])')" = True ] || fail "error does not name broken.npy"
[ "$(report 'any("truncated.npz" in e for e in r["errors"])')" = True ] || fail "error does not name truncated.npz"
wait_for "r['views'][0]['absolute']" 20
sleep 1
app_alive || fail "the app died after a bad file"
stop_app
# A session file that is not JSON: an error naming it, and the app keeps running.
echo '{"spaces": [' > "$WORK/bad_session.json"
start_app "$WORK/bad_session.json"
wait_for "any('bad_session.json' in e for e in r['errors'])" 20
app_alive || fail "the app died on a bad session"
echo PASS
