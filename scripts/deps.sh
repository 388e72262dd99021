#!/usr/bin/env bash
# Installs the Debian 12 packages Kafka Desk needs, only those missing.
# Run as root (or with sudo available).
set -euo pipefail

packages=(
  # build
  cmake g++ make pkg-config qt6-base-dev qt6-base-dev-tools libgl-dev librdkafka-dev
  # CI builds the tree several ways each run: ccache keeps what an earlier run compiled
  ccache
  # the profiles' secrets in the OS keychain: QtKeychain, and libsecret, which it loads at run time
  qtkeychain-qt6-dev libsecret-1-0
  # tests: a Secret Service of the test's own on a D-Bus session bus of its own; secret-tool looks into it
  gnome-keyring dbus-daemon dbus-bin libsecret-tools
  # the live charts (Qt Charts); Debian 12's qt6-charts-dev does not pull in the Qt6OpenGL CMake package it needs
  qt6-charts-dev libqt6opengl6-dev
  # tests: kcat is the independent client on the other side, docker-compose validates docker-compose.yml
  kcat docker-compose
  # real Apache Kafka for the tests (scripts/kafka-cluster.sh): Java 17 runs the broker, Maven fetches its jars
  openjdk-17-jre-headless maven
  # TLS: kafka/ links OpenSSL (the connection check's handshake); kafka-cluster.sh --security makes certificates
  libssl-dev openssl
  # Schema Registry decoding (kafka/schema*, avroschema, protobufschema): HTTP, Avro's C library, Protobuf (libprotoc-dev: the .proto parser's headers)
  libcurl4-openssl-dev libavro-dev libprotobuf-dev libprotoc-dev
  # the schema tests' Python encoder (scripts/schema-test-env.sh makes a venv)
  python3-venv
  # the schema tests' real registry (scripts/schema-registry.sh): javac builds it with Maven, curl sees it answer
  openjdk-17-jdk-headless curl
  # the Debian package: built (dpkg-dev: shlibdeps, hardening flags), checked and validated
  dpkg-dev lintian desktop-file-utils appstream man-db
  # libFuzzer targets (scripts/fuzz.sh): clang and its fuzzer/sanitizer runtimes
  clang libclang-rt-14-dev
  # running the app for real and looking at it: a virtual display, screenshots, clicks
  xvfb xauth x11-apps imagemagick xdotool
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "deps: all ${#packages[@]} packages present"; exit 0; }

echo "deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
