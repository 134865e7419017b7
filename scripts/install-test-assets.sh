#!/usr/bin/env bash
# Installs the JavaScript the browser tests inject into pages (axe-core, pinned by its lock file) from the
# npm registry into tests/web_browser/npm/node_modules (git-ignored). Needs npm (install-system-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/../tests/web_browser/npm"
if [[ -f node_modules/axe-core/axe.min.js && node_modules/.package-lock.json -nt package-lock.json ]]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "npm is missing: the accessibility checks of the browser tests need it (apt-get install npm)" >&2
  exit 0  # the browser tests then skip locally and fail in CI
fi
npm ci --no-audit --no-fund --loglevel=error
