#!/usr/bin/env bash
# Installs what is missing, builds, builds the Debian package, and runs every
# test with CTest (unit, integration against the sandbox with kcat and real
# Kafka, offscreen GUI, compose, the package installed into a throw-away root).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
scripts/package.sh
cd build
ctest --output-on-failure --timeout 300 -j"$(nproc)"
