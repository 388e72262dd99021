#!/usr/bin/env bash
# Installs what is missing, builds, builds the Debian package, and runs every
# test with CTest (unit, integration against the sandbox with kcat and real
# Kafka, offscreen GUI, compose, the package installed into a throw-away root);
# then the same suite under ASan + UBSan, the threaded tests under TSan
# (scripts/sanitize.sh), and every fuzz target for 12 s (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
scripts/package.sh
(cd build && ctest --output-on-failure --timeout 300 -j"$(nproc)")
scripts/sanitize.sh address
scripts/sanitize.sh thread
scripts/fuzz.sh --seconds 12
