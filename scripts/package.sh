#!/usr/bin/env bash
# Builds the Debian package from a Release build in ./build-release and
# prints its path. The tests (tests/package) check and install it.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's hardening flags (stack protector, fortify, full RELRO), as a
# Debian package build would use them.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)" \
  -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
cmake --build build-release -j"$(nproc)"
cd build-release
rm -f ./*.deb
cpack -G DEB >/dev/null
ls "$PWD"/kafkadesk_*.deb
