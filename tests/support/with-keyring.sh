#!/bin/sh
# Runs a test program with a keychain of its own, or with none:
#   with-keyring.sh keyring PROGRAM [ARGS...]
#     a D-Bus session bus of its own (dbus-run-session) with gnome-keyring's
#     Secret Service on it, its login keyring created and unlocked with a
#     password on stdin, HOME and the XDG directories in a fresh temporary
#     directory: what QtKeychain (through libsecret) talks to on a desktop.
#   with-keyring.sh none PROGRAM [ARGS...]
#     no session bus at all, as on a server or in a bare container: no
#     keychain answers.
# The temporary directory goes when the program ends; gnome-keyring-daemon
# ends with its bus.
set -eu
mode=$1
shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kafkadesk-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
       XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
# Desktop detection would prefer KWallet on a KDE session.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION
case "$mode" in
  none)
    "$@"
    ;;
  keyring)
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
      command -v "$tool" >/dev/null || { echo "with-keyring.sh: $tool is missing (scripts/deps.sh)" >&2; exit 1; }
    done
    # gnome-keyring-daemon in the foreground, so that its pid is known and
    # it is ended with the program (it would outlive the bus). Ready once
    # its Secret Service owns its name on the bus: waited for here, within
    # 10 s, before the program can ask for it (which would otherwise start
    # another daemon through D-Bus activation, one with a locked keyring).
    dbus-run-session -- sh -c '
      printf %s kafkadesk-test-keyring | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
      pid=$!
      trap "kill $pid 2>/dev/null" EXIT INT TERM
      tries=0
      until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
              org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
        kill -0 "$pid" 2>/dev/null || { echo "with-keyring.sh: gnome-keyring-daemon ended" >&2; exit 1; }
        tries=$((tries + 1))
        [ "$tries" -le 100 ] || { echo "with-keyring.sh: no Secret Service on the bus within 10 s" >&2; exit 1; }
        sleep 0.1
      done
      "$@"' sh "$@"
    ;;
  *)
    echo "with-keyring.sh: keyring or none, not '$mode'" >&2
    exit 2
    ;;
esac
