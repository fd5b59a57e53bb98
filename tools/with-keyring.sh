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
  # A fresh keyring folder: an old login.keyring with another password stays locked.
  export XDG_DATA_HOME="$(mktemp -d -t am-keyring-XXXXXX)"
  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d -t am-runtime-XXXXXX)}"
  chmod 700 "$XDG_RUNTIME_DIR"
  eval "$(printf "%s" "am-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  export AM_KEYRING_SESSION=1
  status=0
  "$@" || status=$?
  rm -rf "$XDG_DATA_HOME"
  exit $status
' with-keyring "$@"
