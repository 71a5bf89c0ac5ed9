#!/usr/bin/env bash
# Typing in the anchors panel's search box selects the matching samples (highlighted in every view); "Add as
# anchors" adds them in one edit that Ctrl+Z undoes.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 1500
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and 'anchors.search' in r['items']" 40
# Keys are sample00000 ... sample01499: "SAMPLE0001" (any case) is sample00010 ... sample00019.
type_into anchors.search SAMPLE0001
wait_for "r['selection'] == 10 and 'anchors.search_add' in r['items']" 10
click anchors.search_add
wait_for "r['anchors'] > 20 and r['anchors'] <= 30" 10
ADDED=$(report 'r["anchors"]')
wait_for "$ALL_READY" 30
xdotool key ctrl+z
wait_for "r['anchors'] == 20" 10
echo "search: 10 found, anchors 20 -> $ADDED -> 20 after undo"
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
