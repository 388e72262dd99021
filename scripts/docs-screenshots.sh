#!/usr/bin/env bash
# Remakes the screenshots of the README's "Four ideas, seen in Kafka Desk":
# runs `kafkadesk --sandbox` on a private 1400×900 X server (Xvfb, openbox),
# with fresh settings, clicks through the four walks with xdotool, and writes
# cropped PNGs (palette-reduced, each well under 150 KB) to docs/.
# Usage: scripts/docs-screenshots.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  default build (the app is BUILD_DIR/app/kafkadesk)
#   OUT_DIR    default docs
# Needs: xvfb x11-utils openbox xdotool imagemagick. The clicks are screen
# positions of the first-run window (90% of the screen, centred): after a
# layout change, run it with KEEP=1 and look at the full shots it leaves in
# its temporary directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs}
app=$build/app/kafkadesk
for tool in Xvfb openbox xdotool import convert xdpyinfo; do
  command -v "$tool" >/dev/null || { echo "docs-screenshots: missing $tool (apt-get install -y xvfb x11-utils openbox xdotool imagemagick)" >&2; exit 2; }
done
[ -x "$app" ] || { echo "docs-screenshots: no $app (build the kafkadesk target first)" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
disp=":$(( (RANDOM % 400) + 500 ))"
Xvfb "$disp" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
cleanup() {
  [ -n "${kd:-}" ] && kill "$kd" 2>/dev/null
  [ -n "${wm:-}" ] && kill "$wm" 2>/dev/null
  kill "$xvfb" 2>/dev/null
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "docs-screenshots: full shots kept in $work" || rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do xdpyinfo -display "$disp" >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=$disp
openbox >/dev/null 2>&1 & wm=$!
sleep 0.5
XDG_CONFIG_HOME=$work/config QT_QPA_PLATFORM=xcb "$app" --sandbox >"$work/kafkadesk.log" 2>&1 & kd=$!
xdotool search --sync --name "Sandbox.*Kafka Desk" >/dev/null
sleep 3

click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
key() { xdotool key "$1"; sleep "${2:-1}"; }   # mnemonics and shortcuts: no positions to keep
# The first-run window's tabs and buttons (screen positions at 1400×900).
tab() {
  case $1 in
    partitions) click 384 148 ;; replication) click 469 148 ;; rate) click 567 148 ;;
    produce) click 656 148 ;; groups) click 726 148 ;; consumer1) click 806 148 ;;
  esac
}
# shot NAME WxH+X+Y: the screen, kept whole in $work and cropped into $out.
shot() {
  import -window root "$work/$1-full.png"
  convert "$work/$1-full.png" -crop "$2" +repage -colors 128 "PNG8:$out/$1.png"
  echo "docs-screenshots: wrote $out/$1.png ($(stat -c %s "$out/$1.png") bytes)"
}
right=1000x560+340+130   # the tabs, without the navigator
whole=1260x620+70+60     # menu, toolbar, navigator and tabs

# 1. Partitions: 1,000 messages keyed key-0 … key-999 spread over the six
#    partitions by key; each one's high watermark and count grow.
tab produce
click 709 203             # Key
xdotool type --delay 50 'key-{i}'
click 1099 308 3          # Produce bulk (the default: 1,000 messages)
tab partitions
sleep 6                   # one refresh (5 s)
shot concept-partitions "$right"

# 3. Offsets: Consumer 1 reads the topic in group "kafkadesk"; its Partitions
#    tab shows position, committed offset, high watermark and lag. Then it
#    pauses, 1,000 more arrive, and the Groups tab shows the lag they make.
tab consumer1
key alt+s 1               # Start
click 1147 266            # the consumer's Partitions tab
# Widen the consumer's side pane (drag its splitter) so that the Partitions
# table shows every column.
xdotool mousemove 1008 500 mousedown 1 mousemove 900 500 mousemove 760 500 mousemove 740 500 mouseup 1
sleep 6
shot concept-offsets "$right"
key alt+p 1               # Pause
tab produce
click 1099 308 3          # Produce bulk again
[ -n "${KEEP:-}" ] && import -window root "$work/produce-again.png"
tab groups
sleep 6
shot concept-lag "$right"

# 4. Groups: a second member joins group "kafkadesk" and takes half the
#    partitions from Consumer 1.
tab groups
key alt+m 25              # Add a member (a cooperative rebalance: two rounds, the second some 20 s later on the sandbox)
shot concept-groups "$right"

# 2. Replication: Faults… takes broker 1 down; its leaderships move to the
#    brokers still up, its replicas go offline.
tab replication
click 1276 179 2          # Faults…
faults=$(xdotool search --name "Faults — Kafka Desk" | head -1)
xdotool mousemove --window "$faults" 385 98 click 1   # Take down (broker 1)
sleep 1
import -window "$faults" "$work/faults-dialog.png"
key Escape 6              # close the dialog; one refresh
shot concept-replication "$right"
