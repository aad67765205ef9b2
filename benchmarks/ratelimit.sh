#!/usr/bin/env bash
# Polygate rate-limit benchmark, loopback only; one run, bounded in time; everything it starts is stopped on exit.
# See benchmarks/README.md.
#
# (1) Accuracy: NODES gateway processes share one global limit of LIMIT requests per day through one Redis; wrk
#     bursts at all of them at once from many connections; the script prints how many got through against LIMIT.
# (2) Cost: one gateway, four routes to the same nginx backend: no policy, a local rate limit that never
#     refuses, a JWT (RS256) check plus a local rate limit by consumer, a global (Redis) rate limit that never
#     refuses; wrk on each in turn, ROUNDS times; req/s ratios against the plain route and the p99 the Redis round
#     trip adds. The JWT route's key pair and token are made here with openssl.
#
#   bash benchmarks/ratelimit.sh
#   DURATION=10 WARMUP=5 ROUNDS=1 bash benchmarks/ratelimit.sh
#   PARTS=2 CASES="plain global" JFR=1 bash benchmarks/ratelimit.sh   # only part (2), two cases, with JFR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
NEEDS_JAVA=1
DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-2}"                 # part 2: the cases measured in turn, this many times
PARTS="${PARTS:-1 2}"                 # which parts run
CASES="${CASES:-plain local jwt global}"  # part 2: which routes are measured (plain is needed for the ratios)
NODES="${NODES:-3}"                   # part 1: gateway processes sharing the limit
LIMIT="${LIMIT:-1000}"                # part 1: the shared limit, per day (GCRA, burst = LIMIT)
BURST_SECONDS="${BURST_SECONDS:-5}"   # part 1: how long wrk bursts at each node
BURST_CONNS="${BURST_CONNS:-32}"      # part 1: wrk connections per node
NODE_JAVA_OPTS="${NODE_JAVA_OPTS:--Xms128m -Xmx128m -XX:+UseParallelGC -Dpolygate.eventLoops=1}"
# shellcheck source=lib.sh
. "$here/lib.sh"

BACKEND=18400 GW_PORT=18402 GW_ADMIN=19904 REDIS=18410 NODE_BASE=18420 NODE_ADMIN_BASE=19920
gw_config="$here/gateway-ratelimit-bench.yaml"
target_local=0.90 target_jwt=0.90 target_global=0.70
jwt_issuer="https://bench.polygate.test/" jwt_audience="polygate-bench" jwt_subject="bench-client"

bench_init ratelimit ROUNDS NODES LIMIT BURST_SECONDS BURST_CONNS
install_missing
if ! command -v redis-server >/dev/null; then
  [ "$INSTALL" = 1 ] || die "missing: redis-server (INSTALL=0)"
  bash "$root/.ci/install-redis.sh" >&2
fi
command -v "$JAVA_BIN" >/dev/null || die "java not found"
node_ports=() node_admins=()
for i in $(seq 1 "$NODES"); do node_ports+=($(( NODE_BASE + i ))); node_admins+=($(( NODE_ADMIN_BASE + i ))); done
check_ports $BACKEND $GW_PORT $GW_ADMIN $REDIS "${node_ports[@]}" "${node_admins[@]}"
for c in $CASES; do
  case "$c" in plain|local|jwt|global) ;; *) die "CASES: unknown case '$c' (plain, local, jwt, global)" ;; esac
done
machine_facts "DURATION=${DURATION}s WARMUP=${WARMUP}s ROUNDS=$ROUNDS CASES='$CASES' PARTS='$PARTS'; wrk -t$THREADS -c$CONNS; accuracy: $NODES nodes, limit $LIMIT/day, wrk -t1 -c$BURST_CONNS -d${BURST_SECONDS}s at each node at once; $(redis-server --version | awk '{print $1, $2, $3}')"
quiet_check

# ---------------------------------------------------------------- backend (nginx) and Redis
p="$tmp/backend"; mkdir -p "$p/logs" "$p/tmp"
{
  nginx_conf_common "$p" 1
  echo "http {"
  http_common "$p"
  cat <<CONF
    server {
        listen 127.0.0.1:$BACKEND;
        location / {
            return 200 "hello from the polygate benchmark backend: fixed text/plain body, 80 bytes long\n";
        }
    }
}
CONF
} > "$p/nginx.conf"
log "starting nginx backend on 127.0.0.1:$BACKEND, 1 worker"
start_nginx backend
wait_http "http://127.0.0.1:$BACKEND/" 10 "$backend_pid" || die "nginx backend did not come up"

log "starting redis-server on 127.0.0.1:$REDIS (no persistence)"
redis-server --port "$REDIS" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --logfile "$out/redis.log" --dir "$tmp" &
redis_pid=$!
pids+=("$redis_pid")
for _ in $(seq 1 100); do redis-cli -p "$REDIS" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS" ping >/dev/null 2>&1 || die "redis-server did not come up (see $out/redis.log)"

# ---------------------------------------------------------------- the JWT route's key, key set and token
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/bench-key.pem" 2>/dev/null \
  || die "openssl could not make an RSA key"
openssl rsa -in "$tmp/bench-key.pem" -noout -text 2>/dev/null | grep -q 'publicExponent: 65537' \
  || die "openssl made a key whose exponent is not 65537"
jwk_n=$(openssl rsa -in "$tmp/bench-key.pem" -noout -modulus | sed 's/^Modulus=//' \
  | perl -e 'chomp(my $hex = <STDIN>); print pack("H*", $hex)' | b64url)
printf '{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"bench-1","n":"%s","e":"AQAB"}]}\n' "$jwk_n" \
  > "$tmp/bench-jwks.json"
cp "$here/gateway-ratelimit-bench.yaml" "$tmp/gateway-ratelimit-bench.yaml"
gw_config="$tmp/gateway-ratelimit-bench.yaml"   # beside the key set it names
now=$(date +%s)
jwt_input="$(printf '{"alg":"RS256","typ":"JWT","kid":"bench-1"}' | b64url).$(printf \
  '{"iss":"%s","aud":"%s","sub":"%s","iat":%d,"exp":%d}' "$jwt_issuer" "$jwt_audience" "$jwt_subject" \
  "$now" $(( now + 6 * 3600 )) | b64url)"
jwt_token="$jwt_input.$(printf '%s' "$jwt_input" | openssl dgst -sha256 -sign "$tmp/bench-key.pem" -binary | b64url)"
printf '%s\n' "$jwt_token" > "$out/bench-token.txt"
cp "$tmp/bench-jwks.json" "$out/bench-jwks.json"
# the curl / wrk arguments of each case: the JWT route gets the token
case_args() { [ "$1" = jwt ] && printf '%s\n' -H "Authorization: Bearer $jwt_token"; return 0; }

build_gateway || die "gateway: $gateway_problem"
sent=0 allowed=0 refused=0 tolerance=0 counted=0 accuracy_verdict="not run"
if [[ " $PARTS " == *" 1 "* ]]; then
# ---------------------------------------------------------------- part 1: accuracy across nodes
node_pids=()
for i in $(seq 1 "$NODES"); do
  cfg="$tmp/node$i.yaml"
  cat > "$cfg" <<YAML
dataDir: $tmp/node$i
listeners:
  - { name: http, address: 127.0.0.1, port: ${node_ports[$((i - 1))]} }
admin: { port: ${node_admins[$((i - 1))]} }
accessLog: { enabled: false }
reload: { watch: false }
upstreams:
  backend: { endpoints: [ "http://127.0.0.1:$BACKEND" ] }
routes:
  - name: shared
    match: { prefix: / }
    backend: { upstream: backend }
    policies:
      - rateLimit:
          key: route
          scope: global
          redis: { uri: "redis://127.0.0.1:$REDIS", timeout: 1s, failure: closed }
          limits: [ { name: shared, requests: $LIMIT, per: 1d } ]
YAML
  cp "$cfg" "$out/node$i.yaml"
  log "starting accuracy node $i on 127.0.0.1:${node_ports[$((i - 1))]}"
  # shellcheck disable=SC2086
  "$JAVA_BIN" $NODE_JAVA_OPTS -jar "$jar" run --config "$cfg" > "$out/node$i.log" 2>&1 &
  node_pids+=($!)
  pids+=($!)
done
for i in $(seq 1 "$NODES"); do
  wait_http "http://127.0.0.1:${node_admins[$((i - 1))]}/ready" "$READY_TIMEOUT" "${node_pids[$((i - 1))]}" \
    || die "accuracy node $i did not get ready (see $out/node$i.log)"
done
# warm the nodes up on a key of their own (another route name would do too; a fresh Redis is simpler)
for i in $(seq 1 "$NODES"); do
  timeout 60 wrk -t1 -c4 -d3s "http://127.0.0.1:${node_ports[$((i - 1))]}/" > "$out/accuracy-warmup-node$i.txt" 2>&1 || true
done
redis-cli -p "$REDIS" flushall > /dev/null
log "accuracy: $NODES nodes x $BURST_CONNS connections for ${BURST_SECONDS}s against a shared limit of $LIMIT"
burst_pids=()
for i in $(seq 1 "$NODES"); do
  timeout -k 5 $(( BURST_SECONDS + 30 )) wrk -t1 -c"$BURST_CONNS" -d"${BURST_SECONDS}s" \
      "http://127.0.0.1:${node_ports[$((i - 1))]}/" > "$out/accuracy-node$i.txt" 2>&1 &
  burst_pids+=($!)
done
for b in "${burst_pids[@]}"; do wait "$b" || true; done
sent=0 refused=0 sockerr=0
for i in $(seq 1 "$NODES"); do
  f="$out/accuracy-node$i.txt"
  sent=$(( sent + $(awk '/requests in/{n = $1} END{print n + 0}' "$f") ))
  refused=$(( refused + $(awk -F': *' '/Non-2xx or 3xx responses/{n = $2} END{print n + 0}' "$f") ))
  s=$(awk '/Socket errors:/{sub(/.*Socket errors: */,""); print}' "$f"); [ -n "$s" ] && sockerr=1
done
allowed=$(( sent - refused ))
# GCRA gives one request back every day/LIMIT; over the burst that is what may pass beyond the limit
tolerance=$(awk -v l="$LIMIT" -v s="$BURST_SECONDS" 'BEGIN{printf "%d", l * (s + 1) / 86400}')
counted=$(redis-cli -p "$REDIS" --no-raw keys '*' | wc -l)
accuracy_verdict="met"
[ "$allowed" -le $(( LIMIT + tolerance )) ] && [ "$allowed" -ge $(( LIMIT - 0 )) ] || accuracy_verdict="NOT MET"
[ "$sockerr" = 0 ] || warnings+=("accuracy: wrk reported socket errors (see accuracy-node*.txt)")
for pid in "${node_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
fi

# ---------------------------------------------------------------- part 2: cost of counting
if [[ " $PARTS " == *" 2 "* ]]; then
start_gateway || die "gateway: $gateway_problem"
curl -s -m 5 -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$GW_PORT/jwt" > "$out/sanity-jwt-no-token.txt" 2>&1 || true
grep -q '^401$' "$out/sanity-jwt-no-token.txt" || die "sanity: /jwt without a token did not answer 401"
for path in $CASES; do
  f="$out/sanity-$path.txt"
  mapfile -t args < <(case_args "$path")
  curl -s -m 5 -D - -o /dev/null "${args[@]}" "http://127.0.0.1:$GW_PORT/$path" > "$f" 2>&1 || true
  head -1 "$f" | grep -q ' 200' || die "sanity: /$path did not answer 200 (see $f)"
  if [ "$path" != plain ]; then
    grep -qi '^ratelimit: "perSecond";r=' "$f" || die "sanity: /$path carries no RateLimit field (see $f)"
  fi
done
for path in $CASES; do
  for r in $(seq 1 "$ROUNDS"); do case_ok[$path-$r]=1; done
  case_ok[$path]=1
  mapfile -t args < <(case_args "$path")
  warm "$path" "http://127.0.0.1:$GW_PORT/$path" h1 "${args[@]}"
done
redis_counts() {  # scripts run and socket reads made by Redis so far
  local scripts reads
  scripts=$(redis-cli -p "$REDIS" info commandstats | sed -n 's/^cmdstat_evalsha:calls=\([0-9]*\).*/\1/p')
  reads=$(redis-cli -p "$REDIS" info stats | sed -n 's/^total_reads_processed:\([0-9]*\).*/\1/p')
  echo "${scripts:-0} ${reads:-0}"
}
declare -A redis_cpu redis_batch
for r in $(seq 1 "$ROUNDS"); do
  for path in $CASES; do
    mapfile -t args < <(case_args "$path")
    r0=$(proc_ticks "$redis_pid")
    read -r s0 n0 < <(redis_counts)
    measure "$path-$r" "http://127.0.0.1:$GW_PORT/$path" h1 "$gateway_pid" "${args[@]}"
    r1=$(proc_ticks "$redis_pid")
    read -r s1 n1 < <(redis_counts)
    redis_cpu[$path-$r]=$(awk -v d=$((r1 - r0)) -v t="$ticks" -v s="$DURATION" 'BEGIN{printf "%.0f", 100*d/t/s}')
    # the reads include warm-up leftovers and the two INFO calls; what matters is how many scripts one read carried
    redis_batch[$path-$r]=$(awk -v s=$((s1 - s0)) -v n=$((n1 - n0)) 'BEGIN{ if (s == 0) print "-"; else printf "%d scripts in %d reads (%.1f per read)", s, n, s / (n > 0 ? n : 1) }')
  done
done
kill -0 "$gateway_pid" 2>/dev/null || gateway_problem="the gateway process died during the run (see $out/gateway.log)"
redis-cli -p "$REDIS" client list > "$out/redis-clients.txt" 2>&1 || true
redis_clients=$(grep -c '^id=' "$out/redis-clients.txt" || true)
fi

mean() {  # $1 = path, $2 = R_ array name: the mean over the rounds
  local -n values=$2
  local r all=""
  for r in $(seq 1 "$ROUNDS"); do all="$all ${values[$1-$r]}"; done
  awk -v v="$all" 'BEGIN{ n = split(v, a, " "); s = 0; for (i = 1; i <= n; i++) s += a[i]; printf "%.2f", s / n }'
}
for path in $CASES; do
  [ -n "${R_rps[$path-1]:-}" ] || continue
  R_rps[$path]=$(mean "$path" R_rps); R_p50[$path]=$(mean "$path" R_p50); R_p99[$path]=$(mean "$path" R_p99)
done
local_ratio=$(ratio local plain); jwt_ratio=$(ratio jwt plain); global_ratio=$(ratio global plain)
added() {  # $1 = case, $2 = R_ array name: the case's figure minus plain's, or n/a
  local -n values=$2
  awk -v g="${values[$1]:-}" -v p="${values[plain]:-}" 'BEGIN{ if (g == "" || p == "") print "n/a"; else printf "%.2f", g - p }'
}
p99_added=$(added global R_p99); p50_added=$(added global R_p50)
jwt_p99_added=$(added jwt R_p99); jwt_p50_added=$(added jwt R_p50)
verdict() { awk -v a="$1" -v t="$2" 'BEGIN{ if (a == "n/a") print "n/a"; else if (a + 0 >= t + 0) print "met"; else print "**NOT MET**" }'; }

# ---------------------------------------------------------------- report
{
  echo "## Polygate rate-limit benchmark — $stamp"
  echo
  echo '```'
  cat "$out/machine.txt"
  echo '```'
  echo
  if [[ " $PARTS " == *" 1 "* ]]; then
    echo "### (1) Accuracy: $NODES gateways sharing one limit through Redis"
    echo
    echo "| nodes | connections | burst | requests sent | let through (2xx) | refused (429) | limit | tolerance | |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    echo "| $NODES | $(( NODES * BURST_CONNS )) | ${BURST_SECONDS}s | $sent | $allowed | $refused | $LIMIT | +$tolerance | $accuracy_verdict |"
    echo
    echo "Let through / limit: **$allowed / $LIMIT**. The tolerance is what the limit itself gives back during the burst"
    echo "(GCRA: one request every 86400/$LIMIT s). Redis held $counted key(s) afterwards."
    echo
  fi
  echo "### (2) What authenticating and counting cost: one gateway, four routes to the same backend"
  echo
  echo "| case | tool | req/s | p50 (ms) | p99 (ms) | requests / errors |"
  echo "|---|---|---:|---:|---:|---|"
  for r in $(seq 1 "$ROUNDS"); do
    for path in $CASES; do
      case "$path" in
        plain) row "plain-$r" "no policy (/plain), round $r" ;;
        local) row "local-$r" "local rate limit (/local), round $r" ;;
        jwt) row "jwt-$r" "JWT RS256 + local rate limit by consumer (/jwt), round $r" ;;
        global) row "global-$r" "global rate limit in Redis (/global), round $r" ;;
      esac
    done
  done
  echo
  printf 'Means over %s round(s):' "$ROUNDS"
  sep=" "
  for path in $CASES; do
    printf '%s%s %s req/s (p99 %s ms)' "$sep" "$path" "${R_rps[$path]:-n/a}" "${R_p99[$path]:-n/a}"; sep=", "
  done
  echo "."
  echo
  echo "| ratio | figure | target | |"
  echo "|---|---:|---|---|"
  echo "| local rate limit / plain (req/s) | $local_ratio | ≥ $target_local | $(verdict "$local_ratio" "$target_local") |"
  echo "| JWT (RS256) + local rate limit / plain (req/s) | $jwt_ratio | ≥ $target_jwt | $(verdict "$jwt_ratio" "$target_jwt") |"
  echo "| global rate limit in Redis / plain (req/s) | $global_ratio | ≥ $target_global | $(verdict "$global_ratio" "$target_global") |"
  echo "| p50 added by JWT + local limit (ms) | $jwt_p50_added | | |"
  echo "| p99 added by JWT + local limit (ms) | $jwt_p99_added | | |"
  echo "| p50 added by Redis (ms) | $p50_added | | |"
  echo "| p99 added by Redis (ms) | $p99_added | | |"
  echo
  echo "Redis had ${redis_clients:-?} client connection(s) after part (2) (the gateway's, one per event loop and one of its"
  echo "own, and redis-cli's)."
  for r in $(seq 1 "$ROUNDS"); do
    [ -n "${redis_batch[global-$r]:-}" ] && echo "Global round $r: Redis ran ${redis_batch[global-$r]}."
  done
  echo
  echo "CPU during each measurement (100% = one core; this machine has $(nproc)); Redis's own share is in the last column:"
  echo
  echo "| case | backend nginx | gateway | gateway CPU µs/req | load generator | kernel and Redis (not charged to the columns before) | other processes | total busy | of which Redis |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for r in $(seq 1 "$ROUNDS"); do
    for path in $CASES; do
      printf '%s | %s%% |\n' "$(cpurow "$path-$r" "$path, round $r" java | sed 's/ |$//')" "${redis_cpu[$path-$r]}"
    done
  done
  report_tail
} | tee "$out/summary.md"

[ -z "$gateway_problem" ] || exit 1
