#!/usr/bin/env bash
# `npm test`: everything, for real — types, lint, the build, then vitest (SQLite on disk,
# the real keychain, the shell with a mocked electron, the reference server over HTTP)
# and Playwright in Chromium, both inside one private D-Bus session with gnome-keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "typecheck"
npm run -s typecheck
step "lint"
npm run -s lint
step "format (prettier)"
npm run -s format:check

step "electronegativity (shell source, reviewed allow-list)"
npm run -s lint:electron
step "build"
npx electron-vite build --logLevel warn
step "vitest + playwright (inside a private keyring session)"
AM_REQUIRE_KEYCHAIN=1 bash tools/with-keyring.sh bash -c 'npx vitest run --reporter=verbose && npx playwright test'
