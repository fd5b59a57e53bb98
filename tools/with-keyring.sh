#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring,
# so tests use the real Secret Service (the same one a Linux desktop has) without
# touching the developer's own keyring.
# Already inside such a session (nested call from tools/test-all.sh)? Run directly.
set -euo pipefail

if [ "${AM_KEYRING_SESSION:-}" = "1" ]; then
  exec "$@"
fi

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon missing (apt-get install gnome-keyring dbus-x11 libsecret-1-0);" >&2
  echo "with-keyring: running without a Secret Service — keychain tests will fail in CI." >&2
  exec "$@"
fi

exec dbus-run-session -- bash -c '
  set -euo pipefail
  # Folders of this session only: a fresh keyring (an old login.keyring with another password
  # stays locked) and a runtime folder for the daemon'"'"'s control socket (an inherited one
  # would be shared with other sessions running at the same time).
  export XDG_DATA_HOME="$(mktemp -d -t am-keyring-XXXXXX)"
  export XDG_RUNTIME_DIR="$(mktemp -d -t am-runtime-XXXXXX)"
  chmod 700 "$XDG_RUNTIME_DIR"
  daemon=""
  # The daemon outlives the session bus for a while: stop it and wait until it is gone before
  # removing the folders it writes to. Keeps the exit status of the command.
  cleanup() {
    status=$?
    set +e
    if [ -n "$daemon" ]; then
      kill "$daemon" 2>/dev/null
      timeout 10 tail --pid="$daemon" -s 0.1 -f /dev/null || kill -KILL "$daemon" 2>/dev/null
    fi
    rm -rf "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
    exit $status
  }
  trap cleanup EXIT
  eval "$(printf "%s" "am-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  # The daemon answers before it owns org.freedesktop.secrets on the bus; a client asking that
  # early would make D-Bus start a second daemon with a locked keyring. Wait for the name.
  owner() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk "{ print \$2 }"
  }
  for _ in $(seq 300); do
    daemon="$(owner || true)"
    [ -n "$daemon" ] && break
    sleep 0.1
  done
  if [ -z "$daemon" ]; then
    echo "with-keyring: gnome-keyring-daemon did not offer the Secret Service within 30 s" >&2
    exit 1
  fi
  export AM_KEYRING_SESSION=1
  "$@"
' with-keyring "$@"
