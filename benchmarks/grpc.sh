#!/usr/bin/env bash
# Polygate gRPC benchmark: native gRPC passthrough and REST/JSON -> gRPC unary transcoding, against the
# same grpc-java backend called directly and, for passthrough, behind nginx grpc_pass. Loopback only;
# one run, bounded in time; everything it starts is stopped on exit. See benchmarks/README.md.
#
#   bash benchmarks/grpc.sh
#   DURATION=10 WARMUP=5 bash benchmarks/grpc.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
H2_CONNS="${H2_CONNS:-16}"            # h2load connections
H2_STREAMS="${H2_STREAMS:-8}"         # h2load concurrent streams per connection
BACKEND_LOOPS="${BACKEND_LOOPS:-2}"   # event loops of the grpc-java backend
BACKEND_JAVA_OPTS="${BACKEND_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}"
NEEDS_JAVA=1
# shellcheck source=lib.sh
. "$here/lib.sh"

BACKEND=18100 NGINX=18101 GW_PORT=18102 GW_ADMIN=19902
gw_yaml="$here/gateway-grpc-bench.yaml"
backend_dir="$here/grpc-backend"
method=/demo.greeter.v1.Greeter/SayHello
rest=/v1/greeter/world

bench_init grpc H2_CONNS H2_STREAMS BACKEND_LOOPS
install_missing
command -v "$JAVA_BIN" >/dev/null || die "java not found"
command -v javac >/dev/null || die "javac not found (a JDK is needed to compile the benchmark backend)"
check_ports $BACKEND $NGINX $GW_PORT $GW_ADMIN
machine_facts "DURATION=${DURATION}s WARMUP=${WARMUP}s; h2load -t$THREADS -c$H2_CONNS -m$H2_STREAMS; wrk -t$THREADS -c$CONNS; nginx workers=$PROXY_WORKERS; backend: grpc-java (netty-shaded), $BACKEND_LOOPS event loops, direct executor, JVM $BACKEND_JAVA_OPTS"
quiet_check

# ---------------------------------------------------------------- request and expected answers
# h2load posts this file as each request's body: one gRPC frame (not compressed, 7 bytes) holding
# HelloRequest{name: "world"} = field 1, length-delimited: 0a 05 "world".
grpc_args=(-H 'content-type: application/grpc' -H 'te: trailers' -d "$tmp/hello-request.bin")
printf '\x00\x00\x00\x00\x07\x0a\x05world' > "$tmp/hello-request.bin"
# HelloReply{message: "Hello, world!"}: 0a 0d + 13 bytes, framed: 20 bytes
printf '\x00\x00\x00\x00\x0f\x0a\x0dHello, world!' > "$tmp/hello-reply.bin"
rest_body='{"message":"Hello, world!"}'
for k in backend-grpc nginx-grpc gateway-grpc; do EXPECT_DATA[$k]=20; done
EXPECT_DATA[gateway-rest-h2]=${#rest_body}

# ---------------------------------------------------------------- build: gateway jar, backend
if [ "$GATEWAY" != 0 ]; then
  build_gateway || die "gateway: $gateway_problem"
fi
build_program "$backend_dir"
backend_cp=$program_cp

# ---------------------------------------------------------------- backend
log "starting the grpc-java backend on 127.0.0.1:$BACKEND (h2c), $BACKEND_LOOPS event loops"
# shellcheck disable=SC2086
"$JAVA_BIN" $BACKEND_JAVA_OPTS -cp "$backend_cp" GreeterBenchServer "$BACKEND" "$BACKEND_LOOPS" > "$out/backend.log" 2>&1 &
backend_pid=$!
pids+=("$backend_pid")
wait_port "$BACKEND" 30 "$backend_pid" || die "the backend did not come up (see $out/backend.log)"

# ---------------------------------------------------------------- nginx grpc_pass
write_nginx_conf() {
  local p="$tmp/proxy"; mkdir -p "$p/logs" "$p/tmp"
  {
    nginx_conf_common "$p" "$PROXY_WORKERS"
    echo "http {"
    http_common "$p"
    cat <<CONF
    upstream greeter {
        server 127.0.0.1:$BACKEND;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$NGINX http2;    # h2c, prior knowledge
        location / {
            grpc_pass grpc://greeter;
        }
    }
}
CONF
  } > "$p/nginx.conf"
}
write_nginx_conf
log "starting nginx (grpc_pass) on 127.0.0.1:$NGINX (h2c), $PROXY_WORKERS workers"
start_nginx proxy
nginx_pid=$proxy_pid
wait_port "$NGINX" 10 "$nginx_pid" || die "nginx did not come up"

# ---------------------------------------------------------------- gateway
if [ "$GATEWAY" != 0 ]; then
  mkdir -p "$tmp/gateway"
  gw_config="$tmp/gateway/$(basename "$gw_yaml")"
  cp "$gw_yaml" "$gw_config"
  # the schema for REST transcoding: the descriptor set the proto module builds, as packaged in the demo jar
  unzip -p "$demo_jar" dev/polygate/proto/polygate-services.pb > "$tmp/gateway/polygate-services.pb" 2>/dev/null \
    || cp "$root/proto/target/classes/dev/polygate/proto/polygate-services.pb" "$tmp/gateway/"
  [ -s "$tmp/gateway/polygate-services.pb" ] || die "no polygate-services.pb in $demo_jar"
  start_gateway || log "GATEWAY PROBLEM: $gateway_problem"
fi

# ---------------------------------------------------------------- sanity check (one request each)
sanity_grpc() {   # $1 = case key, $2 = base url: grpc-status 0 in the trailers and the expected reply
  local f="$out/sanity-$1.txt"
  if curl -s -m 5 --http2-prior-knowledge -D "$f" -o "$tmp/sanity-$1.bin" "${grpc_args[@]:0:4}" \
        --data-binary @"$tmp/hello-request.bin" "$2$method" 2>>"$f" \
      && grep -qi '^grpc-status: *0' "$f" && cmp -s "$tmp/sanity-$1.bin" "$tmp/hello-reply.bin"; then
    case_ok[$1]=1
  else
    case_ok[$1]=0
    log "SANITY FAILED for $1 ($2$method): $(tr -d '\r' < "$f" | grep -i -m1 -E '^grpc-(status|message)|^HTTP' )  (see $f)"
  fi
  xxd "$tmp/sanity-$1.bin" >> "$f" 2>/dev/null || od -c "$tmp/sanity-$1.bin" >> "$f"
}
sanity_rest() {   # $1 = case key, $2 = url, $3 = h1|h2
  local opt=(--http1.1); [ "$3" = h2 ] && opt=(--http2-prior-knowledge)
  local f="$out/sanity-$1.txt" body
  body=$(curl -s -m 5 -D "$f" "${opt[@]}" "$2" 2>>"$f") || true
  echo "$body" >> "$f"
  if head -1 "$f" | grep -q ' 200' && [ "$body" = "$rest_body" ]; then
    case_ok[$1]=1
  else
    case_ok[$1]=0
    log "SANITY FAILED for $1 ($2, $3): $(head -1 "$f" | tr -d '\r') $body  (see $f)"
  fi
}
sanity_grpc backend-grpc "http://127.0.0.1:$BACKEND"
sanity_grpc nginx-grpc   "http://127.0.0.1:$NGINX"
if [ -n "$gateway_pid" ] && [ -z "$gateway_problem" ]; then
  sanity_grpc gateway-grpc   "http://127.0.0.1:$GW_PORT"
  sanity_rest gateway-rest-h2 "http://127.0.0.1:$GW_PORT$rest" h2
  sanity_rest gateway-rest-h1 "http://127.0.0.1:$GW_PORT$rest" h1
  if [ "${case_ok[gateway-grpc]}" = 0 ] || [ "${case_ok[gateway-rest-h2]}" = 0 ] || [ "${case_ok[gateway-rest-h1]}" = 0 ]; then
    gateway_problem="a sanity request failed (see $out/sanity-gateway-*.txt)"
  fi
fi

# ---------------------------------------------------------------- warm-up (same for every case)
gw_ok=0; [ -n "$gateway_pid" ] && [ -z "$gateway_problem" ] && gw_ok=1
warm backend-grpc    "http://127.0.0.1:$BACKEND$method" h2 "${grpc_args[@]}"
warm nginx-grpc      "http://127.0.0.1:$NGINX$method"   h2 "${grpc_args[@]}"
warm gateway-grpc    "http://127.0.0.1:$GW_PORT$method" h2 "${grpc_args[@]}"
warm gateway-rest-h2 "http://127.0.0.1:$GW_PORT$rest"   h2
warm gateway-rest-h1 "http://127.0.0.1:$GW_PORT$rest"   h1

# ---------------------------------------------------------------- measurements
measure backend-grpc    "http://127.0.0.1:$BACKEND$method" h2 ""             "${grpc_args[@]}"
measure nginx-grpc      "http://127.0.0.1:$NGINX$method"   h2 "$nginx_pid"   "${grpc_args[@]}"
if [ "$gw_ok" = 1 ]; then
  measure gateway-grpc    "http://127.0.0.1:$GW_PORT$method" h2 "$gateway_pid" "${grpc_args[@]}"
  measure gateway-rest-h2 "http://127.0.0.1:$GW_PORT$rest"   h2 "$gateway_pid"
  measure gateway-rest-h1 "http://127.0.0.1:$GW_PORT$rest"   h1 "$gateway_pid"
fi
if [ "$gw_ok" = 1 ] && ! kill -0 "$gateway_pid" 2>/dev/null; then
  gateway_problem="${gateway_problem:+$gateway_problem; }the gateway process died during the run (see $out/gateway.log)"
fi

# ---------------------------------------------------------------- report
us_per_req() {  # $1 = key: proxy CPU µs per request
  local c="${R_cpu[$1]:-}"; [ -n "$c" ] || { echo n/a; return; }
  awk -v p="$(echo "$c" | cut -d'|' -f2)" -v r="${R_rps[$1]}" 'BEGIN{ if (r+0>0 && p+0>0) printf "%.1f", p/100*1e6/r; else printf "n/a" }'
}
cpu_ratio() {  # $1, $2 = keys: µs/req of $1 over µs/req of $2
  awk -v a="$(us_per_req "$1")" -v b="$(us_per_req "$2")" 'BEGIN{ if (a+0>0 && b+0>0) printf "%.2f (%s / %s)", a/b, a, b; else printf "n/a" }'
}
target() {  # $1 = ratio, $2 = minimum
  awk -v r="$1" -v m="$2" 'BEGIN{ if (r == "n/a") print "n/a"; else if (r + 0 >= m) print "met"; else print "MISSED" }'
}
{
  echo "## Polygate gRPC benchmark — $stamp"
  echo
  echo '```'
  cat "$out/machine.txt"
  echo '```'
  echo
  echo "| case | tool | req/s | p50 (ms) | p99 (ms) | requests / errors |"
  echo "|---|---|---:|---:|---:|---|"
  row backend-grpc    "backend direct, gRPC (:$BACKEND)" h2load
  row nginx-grpc      "nginx grpc_pass, gRPC (:$NGINX)" h2load
  row gateway-grpc    "Polygate gRPC passthrough (:$GW_PORT)" h2load
  row gateway-rest-h2 "Polygate REST→gRPC, h2c (:$GW_PORT)" h2load
  row gateway-rest-h1 "Polygate REST→gRPC, HTTP/1.1 (:$GW_PORT)" wrk
  echo
  pt=$(ratio gateway-grpc nginx-grpc); tc=$(ratio gateway-rest-h2 gateway-grpc)
  echo "passthrough / nginx grpc_pass:          $pt  (target >= 1.00: $(target "$pt" 1.00))"
  echo "REST→gRPC h2c / gateway passthrough:    $tc  (target >= 0.80: $(target "$tc" 0.80))"
  echo "REST→gRPC HTTP/1.1 / gateway passthrough: $(ratio gateway-rest-h1 gateway-grpc)  (for information: wrk -c$CONNS, not the same client)"
  echo
  echo "the same ratios by proxy CPU time per request (less sensitive to other load on the machine):"
  echo "nginx µs/req / passthrough µs/req:       $(cpu_ratio nginx-grpc gateway-grpc)"
  echo "passthrough µs/req / REST→gRPC h2c µs/req: $(cpu_ratio gateway-grpc gateway-rest-h2)"
  echo
  echo "CPU during each measurement (100% = one core; this machine has $(nproc)):"
  echo
  echo "| case | backend (grpc-java) | proxy under test | proxy CPU µs/req | load generator | kernel (unattributed) | other processes | total busy |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  cpurow backend-grpc    "backend direct, gRPC" -
  cpurow nginx-grpc      "nginx grpc_pass" nginx
  cpurow gateway-grpc    "Polygate gRPC passthrough" java
  cpurow gateway-rest-h2 "Polygate REST→gRPC, h2c" java
  cpurow gateway-rest-h1 "Polygate REST→gRPC, HTTP/1.1" java
  report_tail
} | tee "$out/summary.md"

[ "$GATEWAY" = 0 ] || [ -z "$gateway_problem" ] || exit 1
