#!/usr/bin/env bash
# Installs Debian's redis-server, which the rate-limit tests start themselves (a throw-away server on a free
# loopback port, no persistence) to hold the limits several gateways share. Installed only when it is missing.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
    echo "redis: $(redis-server --version)"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-redis.sh: redis-server missing and not root: install the Debian package 'redis-server'" \
        "(apt-get install -y redis-server)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends redis-server >/dev/null
echo "redis: $(redis-server --version)"
