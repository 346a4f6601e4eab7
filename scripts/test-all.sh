#!/usr/bin/env bash
# The one test command (README, .ci/run): sets up a fresh Debian machine, then builds, lints and
# runs every test. Fails when anything fails; a part that cannot run says so loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

section "system packages"
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Chinese text and emoji in the web e2e screenshots (test-artifacts/) instead of empty boxes.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "!!! MISSING SYSTEM PACKAGES: ${missing[*]} (not root or no apt-get): the parts that need them will FAIL" >&2
  fi
else
  echo "postgresql, redis-server, chromium, fonts: present"
fi

section "npm ci"
stamp=node_modules/.pigeon-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
else
  echo "node_modules matches package-lock.json; building"
  npm run build
fi

section "lint, format, architecture rules, types"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "prettier: files above need formatting (npx prettier --write .)"; exit 1; }
npx depcruise packages --config .dependency-cruiser.cjs
npx tsc -p tsconfig.test.json
npx vue-tsc --noEmit -p packages/web/tsconfig.json  # .vue templates and script setup too

section "npm audit (runtime dependencies, high and critical)"
scripts/audit.sh

section "tests"
npx vitest run "$@"

section "integration tests on PostgreSQL (PIGEON_TEST_DB=postgres)"
if [ "$#" -eq 0 ]; then
  PIGEON_TEST_DB=postgres npx vitest run test/integration
else
  echo "skipped: a test filter was given"
fi
