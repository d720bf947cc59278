#!/usr/bin/env bash
# `npm start`: Tideline on its embedded defaults (chDB, a local nats-server).
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ensure_npm_packages
if [ -z "${NATS_URL:-}" ]; then ensure_nats_server; export NATS_SERVER_BIN="$(find_nats_server)"; fi
exec node --import tsx tools/bootstrap/dev.ts "$@"
