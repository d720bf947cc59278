# Sourced by start.sh and test.sh: installs what Tideline needs on a fresh machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

ensure_npm_packages() {
  if [ ! -d node_modules/@tideline/runtime ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "tideline: installing npm packages (first run takes a minute)…" >&2
    # `npm install` rather than `npm ci`: the lock cannot list chdb's binaries for other
    # platforms when the registry lacks them, which `npm ci` treats as out of sync.
    npm install --no-audit --no-fund --loglevel=error >&2
  fi
}

# Debian packages, when this shell may install them (root with apt): the index
# is refreshed only when an install from the current one fails.
can_apt_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2; }
}

find_nats_server() {
  if [ -n "${NATS_SERVER_BIN:-}" ]; then echo "$NATS_SERVER_BIN"; return 0; fi
  for candidate in nats-server /usr/sbin/nats-server /usr/bin/nats-server /usr/local/bin/nats-server; do
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
  done
  return 1
}

ensure_nats_server() {
  if find_nats_server >/dev/null; then return 0; fi
  if can_apt_install; then
    echo "tideline: installing nats-server (Debian package)…" >&2
    apt_install nats-server
    # The Debian package enables a system service; Tideline runs its own server.
    systemctl disable --now nats-server >/dev/null 2>&1 || true
    find_nats_server >/dev/null && return 0
  fi
  cat >&2 <<'MSG'
tideline: nats-server (2.9+ with JetStream) is needed and was not found.
  Debian/Ubuntu:  sudo apt-get install -y nats-server
  macOS:          brew install nats-server
  other:          https://github.com/nats-io/nats-server/releases (put it on PATH or set NATS_SERVER_BIN)
  or point Tideline at a running server:  NATS_URL=nats://host:4222 npm start
MSG
  return 1
}

find_chromium() {
  if [ -n "${CHROMIUM_BIN:-}" ]; then echo "$CHROMIUM_BIN"; return 0; fi
  for candidate in chromium /usr/bin/chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
  done
  return 1
}

# The GraphiQL browser test drives the system's Chromium with playwright-core,
# which downloads no browser of its own.
ensure_chromium() {
  if find_chromium >/dev/null; then return 0; fi
  if can_apt_install; then
    echo "tideline: installing chromium (Debian package) for the GraphiQL browser test…" >&2
    apt_install chromium
    find_chromium >/dev/null && return 0
  fi
  cat >&2 <<'MSG'
tideline: Chromium is needed for the GraphiQL browser test and was not found.
  Debian/Ubuntu:  sudo apt-get install -y chromium
  other:          install Chromium or Chrome and set CHROMIUM_BIN to its path
MSG
  return 1
}

# Drift tests that generate bulk data in ClickHouse check every statistic
# against SciPy, run live on the rows read back (metrics test/drift-oracle.ts)
# by the system's Python: Debian's numpy and scipy (no PyPI here).
has_scipy() { /usr/bin/python3 -c 'import numpy, scipy' >/dev/null 2>&1; }

ensure_scipy() {
  if has_scipy; then return 0; fi
  if can_apt_install; then
    echo "tideline: installing numpy and scipy (Debian packages) for the drift oracle…" >&2
    apt_install python3-numpy python3-scipy
    has_scipy && return 0
  fi
  cat >&2 <<'MSG'
tideline: the drift tests need SciPy for /usr/bin/python3 and it was not found.
  Debian/Ubuntu:  sudo apt-get install -y python3-numpy python3-scipy
MSG
  return 1
}
