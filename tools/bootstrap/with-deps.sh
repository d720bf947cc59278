#!/usr/bin/env bash
# Runs a command (benchmarks, tools) after making sure npm packages and nats-server are present.
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ensure_npm_packages
ensure_nats_server
export NATS_SERVER_BIN="$(find_nats_server)"
exec npx "$@"
