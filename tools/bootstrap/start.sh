#!/usr/bin/env bash
# `npm start`: Tideline on its embedded defaults (chDB, a local nats-server).
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ensure_npm_packages
if [ -z "${NATS_URL:-}" ]; then ensure_nats_server; export NATS_SERVER_BIN="$(find_nats_server)"; fi
# The console (apps/console/dist), built when missing or older than its sources: a few seconds.
node --import tsx apps/console/build.ts
exec node --import tsx tools/bootstrap/dev.ts "$@"
