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
    for tool in dbus-run-session gnome-keyring-daemon; do
      command -v "$tool" >/dev/null || { echo "with-keyring.sh: $tool is missing (scripts/deps.sh)" >&2; exit 1; }
    done
    # gnome-keyring-daemon returns once its Secret Service is on the bus.
    dbus-run-session -- sh -c 'printf %s kafkadesk-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
    ;;
  *)
    echo "with-keyring.sh: keyring or none, not '$mode'" >&2
    exit 2
    ;;
esac
