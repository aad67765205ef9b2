#!/usr/bin/env bash
# Polygate proxy benchmark: backend direct vs nginx reverse proxy vs Polygate, HTTP/1.1 (wrk)
# and h2c prior knowledge (h2load), on loopback only. One run, bounded in time; everything it
# starts is stopped on exit. See benchmarks/README.md (grpc.sh is the gRPC counterpart).
#
#   bash benchmarks/run.sh
#   DURATION=10 WARMUP=5 bash benchmarks/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
H2_CONNS="${H2_CONNS:-16}"            # h2load connections
H2_STREAMS="${H2_STREAMS:-32}"        # h2load concurrent streams per connection
# shellcheck source=lib.sh
. "$here/lib.sh"

BACKEND_H1=18000 BACKEND_H2=18001 NGINX_H1=18081 NGINX_H2=18082 GW_PORT=18080 GW_ADMIN=19901
gw_config="$here/gateway-bench.yaml"

bench_init "" H2_CONNS H2_STREAMS
install_missing
command -v "$JAVA_BIN" >/dev/null || [ "$GATEWAY" = 0 ] || die "java not found"
check_ports $BACKEND_H1 $BACKEND_H2 $NGINX_H1 $NGINX_H2 $GW_PORT $GW_ADMIN
machine_facts "DURATION=${DURATION}s WARMUP=${WARMUP}s; wrk -t$THREADS -c$CONNS; h2load -t$THREADS -c$H2_CONNS -m$H2_STREAMS; nginx proxy workers=$PROXY_WORKERS"
quiet_check

# ---------------------------------------------------------------- nginx
write_backend_conf() {
  local p="$tmp/backend"; mkdir -p "$p/logs" "$p/tmp"
  {
    nginx_conf_common "$p" 1
    echo "http {"
    http_common "$p"
    cat <<CONF
    server {
        listen 127.0.0.1:$BACKEND_H1;
        listen 127.0.0.1:$BACKEND_H2 http2;
        location / {
            return 200 "hello from the polygate benchmark backend: fixed text/plain body, 80 bytes long\n";
        }
    }
}
CONF
  } > "$p/nginx.conf"
}

write_proxy_conf() {
  local p="$tmp/proxy"; mkdir -p "$p/logs" "$p/tmp"
  {
    nginx_conf_common "$p" "$PROXY_WORKERS"
    echo "http {"
    http_common "$p"
    cat <<CONF
    upstream backend {
        server 127.0.0.1:$BACKEND_H1;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$NGINX_H1;
        listen 127.0.0.1:$NGINX_H2 http2;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
CONF
  } > "$p/nginx.conf"
}

write_backend_conf
write_proxy_conf
log "starting nginx backend on 127.0.0.1:$BACKEND_H1 (h1) / :$BACKEND_H2 (h2c), 1 worker"
start_nginx backend
log "starting nginx proxy on 127.0.0.1:$NGINX_H1 (h1) / :$NGINX_H2 (h2c), $PROXY_WORKERS workers"
start_nginx proxy
wait_http "http://127.0.0.1:$BACKEND_H1/" 10 "$backend_pid" || die "nginx backend did not come up"
wait_http "http://127.0.0.1:$NGINX_H1/" 10 "$proxy_pid"     || die "nginx proxy did not come up"

# ---------------------------------------------------------------- gateway
if [ "$GATEWAY" != 0 ]; then
  start_gateway || log "GATEWAY PROBLEM: $gateway_problem"
fi

# ---------------------------------------------------------------- sanity check (one request each)
sanity() {   # $1 = case key, $2 = url, $3 = h1|h2
  local opt=(--http1.1); [ "$3" = h2 ] && opt=(--http2-prior-knowledge)
  local f="$out/sanity-$1.txt"
  if curl -s -m 5 -D - "${opt[@]}" "$2" > "$f" 2>&1 && head -1 "$f" | grep -q ' 200'; then
    case_ok[$1]=1
  else
    case_ok[$1]=0
    log "SANITY FAILED for $1 ($2, $3): $(head -1 "$f" | tr -d '\r')  (full response: $f)"
  fi
}
sanity backend-h1 "http://127.0.0.1:$BACKEND_H1/" h1
sanity backend-h2 "http://127.0.0.1:$BACKEND_H2/" h2
sanity nginx-h1   "http://127.0.0.1:$NGINX_H1/" h1
sanity nginx-h2   "http://127.0.0.1:$NGINX_H2/" h2
if [ -n "$gateway_pid" ] && [ -z "$gateway_problem" ]; then
  sanity gateway-h1 "http://127.0.0.1:$GW_PORT/" h1
  sanity gateway-h2 "http://127.0.0.1:$GW_PORT/" h2
  if [ "${case_ok[gateway-h1]}" = 0 ] || [ "${case_ok[gateway-h2]}" = 0 ]; then
    gateway_problem="proxying failed on the sanity request (see $out/sanity-gateway-h*.txt)"
  fi
fi

# ---------------------------------------------------------------- warm-up (same for every target)
gw_ok=0; [ -n "$gateway_pid" ] && [ -z "$gateway_problem" ] && gw_ok=1
warm backend-h1 "http://127.0.0.1:$BACKEND_H1/" h1
warm backend-h2 "http://127.0.0.1:$BACKEND_H2/" h2
warm nginx-h1   "http://127.0.0.1:$NGINX_H1/" h1
warm nginx-h2   "http://127.0.0.1:$NGINX_H2/" h2
if [ "$gw_ok" = 1 ]; then
  warm gateway-h1 "http://127.0.0.1:$GW_PORT/" h1
  warm gateway-h2 "http://127.0.0.1:$GW_PORT/" h2
fi

# ---------------------------------------------------------------- measurements
measure backend-h1 "http://127.0.0.1:$BACKEND_H1/" h1 ""
measure nginx-h1   "http://127.0.0.1:$NGINX_H1/"   h1 "$proxy_pid"
[ "$gw_ok" = 1 ] && measure gateway-h1 "http://127.0.0.1:$GW_PORT/" h1 "$gateway_pid"
measure backend-h2 "http://127.0.0.1:$BACKEND_H2/" h2 ""
measure nginx-h2   "http://127.0.0.1:$NGINX_H2/"   h2 "$proxy_pid"
[ "$gw_ok" = 1 ] && measure gateway-h2 "http://127.0.0.1:$GW_PORT/" h2 "$gateway_pid"
if [ "$gw_ok" = 1 ] && ! kill -0 "$gateway_pid" 2>/dev/null; then
  gateway_problem="${gateway_problem:+$gateway_problem; }the gateway process died during the run (see $out/gateway.log)"
fi

# ---------------------------------------------------------------- report
{
  echo "## Polygate benchmark — $stamp"
  echo
  echo '```'
  cat "$out/machine.txt"
  echo '```'
  echo
  echo "| case | tool | req/s | p50 (ms) | p99 (ms) | requests / errors |"
  echo "|---|---|---:|---:|---:|---|"
  row backend-h1 "backend direct, HTTP/1.1 (:$BACKEND_H1)" wrk
  row nginx-h1   "nginx proxy, HTTP/1.1 (:$NGINX_H1)" wrk
  row gateway-h1 "Polygate, HTTP/1.1 (:$GW_PORT)" wrk
  row backend-h2 "backend direct, h2c (:$BACKEND_H2)" h2load
  row nginx-h2   "nginx proxy, h2c (:$NGINX_H2)" h2load
  row gateway-h2 "Polygate, h2c (:$GW_PORT)" h2load
  echo
  echo "gateway/nginx req/s ratio: HTTP/1.1 $(ratio gateway-h1 nginx-h1), h2c $(ratio gateway-h2 nginx-h2)"
  echo
  echo "CPU during each measurement (100% = one core; this machine has $(nproc)):"
  echo
  echo "| case | backend nginx | proxy under test | proxy CPU µs/req | load generator | kernel (unattributed) | other processes | total busy |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  cpurow backend-h1 "backend direct, HTTP/1.1" -
  cpurow nginx-h1   "nginx proxy, HTTP/1.1" nginx
  cpurow gateway-h1 "Polygate, HTTP/1.1" java
  cpurow backend-h2 "backend direct, h2c" -
  cpurow nginx-h2   "nginx proxy, h2c" nginx
  cpurow gateway-h2 "Polygate, h2c" java
  report_tail
} | tee "$out/summary.md"

[ "$GATEWAY" = 0 ] || [ -z "$gateway_problem" ] || exit 1
