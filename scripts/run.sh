#!/usr/bin/env bash
# Installs what is missing, builds, and opens Kafka Desk on a new built-in
# sandbox cluster. Extra arguments go to kafkadesk (e.g. --brokers 5).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display (DISPLAY is not set). On a headless machine, take a screenshot instead:" >&2
  echo "  ../shared/tools/screenshot kafkadesk.png 4 -- ./build/app/kafkadesk --sandbox" >&2
  exit 1
fi
exec ./build/app/kafkadesk --sandbox "$@"
