#!/usr/bin/env bash
# Installs what the gRPC-Web and WebSocket client tests run: Debian's Chromium (driven by playwright-core, which never
# downloads a browser of its own), Debian's python3-websockets (client and echo backend of WebSocketPeersTest) and
# this npm project's locked dependencies (buf, connect-web, protobuf-es, esbuild, ws).
# Node.js and npm come with the machine; Debian's are installed only when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "install.sh: $* missing and not root: install the Debian packages '$*' (apt-get install -y $*)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$@" >/dev/null
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi
if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
fi
if ! /usr/bin/python3 -c 'import websockets' >/dev/null 2>&1; then
    apt_install python3-websockets
fi
npm ci --no-audit --no-fund --loglevel=error
echo "web clients: node $(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -1), buf $(node_modules/.bin/buf --version), python3-websockets $(/usr/bin/python3 -c 'import websockets; print(websockets.__version__)')"
