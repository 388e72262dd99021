#!/usr/bin/env bash
# Configures and builds Kafka Desk into ./build (incremental on re-runs).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
