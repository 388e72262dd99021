#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test with CTest
# (unit, integration against the sandbox with kcat, offscreen GUI, compose).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
cd build
ctest --output-on-failure --timeout 300 -j"$(nproc)"
