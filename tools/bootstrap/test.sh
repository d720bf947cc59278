#!/usr/bin/env bash
# `npm test`: unit and integration tests against a real nats-server and chDB.
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ensure_npm_packages
ensure_nats_server
ensure_chromium
ensure_scipy
export NATS_SERVER_BIN="$(find_nats_server)"
export CHROMIUM_BIN="$(find_chromium)"
exec npx vitest run "$@"
