#!/usr/bin/env bash
# Checks the Debian package the way a user meets it: lintian finds no error
# or warning; apt could install it here; unpacked into a throw-away root, its
# binary is stripped, finds its libraries, answers --version without a
# display, runs a sandbox that its own produce and consume (and kcat) use,
# and opens its window offscreen for a few seconds; its desktop entry,
# AppStream metainfo and man page validate.
#
# usage: check-package.sh PACKAGE_DIR KCAT
set -uo pipefail

package_dir=$1
kcat=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

for tool in lintian apt-get dpkg-deb readelf ldd desktop-file-validate appstreamcli man timeout "$kcat"; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps.sh installs it)"
done
[ "$failures" -eq 0 ] || exit 1

shopt -s nullglob
debs=("$package_dir"/kafkadesk_*.deb)
if [ ${#debs[@]} -ne 1 ]; then
  echo "FAIL: expected one kafkadesk_*.deb in $package_dir, found ${#debs[@]}; scripts/package.sh builds it"
  exit 1
fi
deb=$(realpath "${debs[0]}")
echo "package: $deb ($(stat -c %s "$deb") bytes)"

root=$(mktemp -d)
sandbox_pid=""
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null
  rm -rf "$root"
}
trap cleanup EXIT

# lintian: errors and warnings fail (none is overridden; see packaging/README.md).
lintian_out=$(lintian --fail-on error,warning --info "$deb" 2>&1)
lintian_code=$?
lintian_out=$(grep -v "running with root privileges" <<<"$lintian_out")
if [ "$lintian_code" -eq 0 ]; then
  pass "lintian${lintian_out:+: $lintian_out}"
else
  fail "lintian (exit $lintian_code): $lintian_out"
fi

# Every dependency resolvable (simulated install; changes nothing).
if apt_out=$(apt-get install --simulate --no-install-recommends "$deb" 2>&1) && grep -q "^Inst kafkadesk\|kafkadesk is already" <<<"$apt_out"; then
  pass "apt-get install --simulate"
else
  fail "apt-get install --simulate: $apt_out"
fi

dpkg-deb -x "$deb" "$root" || { fail "dpkg-deb -x"; exit 1; }
bin=$root/usr/bin/kafkadesk

if readelf -S "$bin" | grep -q '\.debug_\|\.symtab'; then fail "usr/bin/kafkadesk is not stripped"; else pass "stripped"; fi
if ldd "$bin" | grep -q "not found"; then fail "missing libraries: $(ldd "$bin" | grep 'not found')"; else pass "ldd"; fi

for size in 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  [ -f "$root/usr/share/icons/hicolor/$size/apps/kafkadesk.png" ] || fail "no $size icon"
done
[ -f "$root/usr/share/icons/hicolor/scalable/apps/kafkadesk.svg" ] || fail "no scalable icon"
[ -f "$root/usr/share/doc/kafkadesk/copyright" ] || fail "no copyright file"

if out=$(desktop-file-validate "$root/usr/share/applications/kafkadesk.desktop" 2>&1) && [ -z "$out" ]; then
  pass "desktop-file-validate"
else
  fail "desktop-file-validate: $out"
fi
if out=$(appstreamcli validate --no-net --pedantic "$root"/usr/share/metainfo/*.metainfo.xml 2>&1); then
  pass "appstreamcli validate"
else
  fail "appstreamcli validate: $out"
fi
man_warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$root/usr/share/man/man1/kafkadesk.1.gz" 2>&1 >/dev/null)
if [ -z "$man_warnings" ] && man -l "$root/usr/share/man/man1/kafkadesk.1.gz" 2>/dev/null | grep -q "kafkadesk consume"; then
  pass "man page"
else
  fail "man page: ${man_warnings:-does not render}"
fi

# No display at all: the xcb platform would abort if a window were opened.
if out=$(env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb "$bin" --version 2>&1) && [[ $out == "kafkadesk "* ]]; then
  pass "--version: $out"
else
  fail "--version: $out"
fi

# The headless commands against the package's own sandbox.
sandbox_out=$root/sandbox.out
env -u DISPLAY "$bin" sandbox --brokers 1 --topic packaged:1:1 >"$sandbox_out" 2>&1 &
sandbox_pid=$!
bootstrap=""
for _ in $(seq 1 100); do
  bootstrap=$(sed -n 's/^bootstrap: //p' "$sandbox_out")
  [ -n "$bootstrap" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$bootstrap" ]; then
  fail "sandbox did not print its bootstrap servers: $(cat "$sandbox_out")"
else
  pass "sandbox at $bootstrap"
  out=$(printf 'one\ntwo\n' | env -u DISPLAY "$bin" produce -b "$bootstrap" -t packaged 2>&1)
  [ "$out" = "delivered 2, failed 0" ] && pass "produce: $out" || fail "produce: $out"
  out=$(env -u DISPLAY "$bin" consume -b "$bootstrap" -t packaged -n 2 2>/dev/null)
  [ "$out" = $'one\ntwo' ] && pass "consume" || fail "consume printed: $out"
  out=$("$kcat" -C -b "$bootstrap" -t packaged -e -q 2>&1)
  [ "$out" = $'one\ntwo' ] && pass "kcat reads the same" || fail "kcat read: $out"
  kill -TERM "$sandbox_pid"
  wait "$sandbox_pid"
  code=$?
  sandbox_pid=""
  [ "$code" -eq 0 ] && pass "sandbox stopped by SIGTERM, exit 0" || fail "sandbox exit $code after SIGTERM"
fi

# The window, offscreen, on a new sandbox: still running after 5 s (timeout's
# 124), with settings kept in the throw-away root.
gui_log=$root/gui.log
XDG_CONFIG_HOME=$root/config QT_QPA_PLATFORM=offscreen timeout -s TERM 5 "$bin" --sandbox >"$gui_log" 2>&1
code=$?
if [ "$code" -eq 124 ]; then
  pass "window ran for 5 s"
else
  fail "window ended with $code within 5 s: $(cat "$gui_log")"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
