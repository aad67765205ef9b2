#!/usr/bin/env bash
# Polygate SOAP benchmark: REST/JSON -> SOAP 1.1 through the gateway's soap translator, against the same
# SOAP calls made directly to the JAX-WS Calculator by wrk. Loopback only; one run, bounded in time;
# everything it starts is stopped on exit. See benchmarks/README.md.
#
# The measured slots alternate, direct first and last (D G D G D G D with ROUNDS=3): each gateway slot is
# compared with the mean of the direct slots on either side of it, and the ratio is the mean of those. On a
# machine whose speed drifts within a minute, one direct figure taken a minute before the gateway's would move
# the ratio by more than the gateway's own changes do.
#
#   ROUNDS=5 DURATION=10 bash benchmarks/soap.sh   # more, shorter slots
#
#   bash benchmarks/soap.sh
#   DURATION=10 WARMUP=10 bash benchmarks/soap.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# The JDK HTTP server does not set TCP_NODELAY on its connections unless told to; JAX-WS writes its answer
# in more than one write, so without it a keep-alive client can wait on delayed ACKs.
BACKEND_JAVA_OPTS="${BACKEND_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC -Dsun.net.httpserver.nodelay=true}"
NEEDS_JAVA=1
# The SOAP path has more code to compile than the proxy: after 10 s the JIT still takes a few µs per request
# inside the measurement, so this script warms each case for 30 s unless told otherwise.
WARMUP="${WARMUP:-30}"
DURATION="${DURATION:-10}"   # seconds per measured slot
ROUNDS="${ROUNDS:-3}"        # gateway slots, each between two direct slots
# shellcheck source=lib.sh
. "$here/lib.sh"

BACKEND=18200 GW_PORT=18202 GW_ADMIN=19903
gw_yaml="$here/gateway-soap-bench.yaml"
target_ratio=0.70

bench_init soap
install_missing
command -v "$JAVA_BIN" >/dev/null || die "java not found"
check_ports $BACKEND $GW_PORT $GW_ADMIN
machine_facts "DURATION=${DURATION}s WARMUP=${WARMUP}s; wrk -t$THREADS -c$CONNS (HTTP/1.1 keep-alive, POST by Lua script) for both cases; backend: JAX-WS RI Calculator on the JDK HTTP server (4 worker threads, fixed by the wsdl module), JVM $BACKEND_JAVA_OPTS"
quiet_check

# ---------------------------------------------------------------- requests and expected answers
direct_path=/calculator
rest_path=/calculator/Add
soap_action='"http://tempuri.org/Add"'
envelope='<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Add xmlns="http://tempuri.org/"><intA>2</intA><intB>3</intB></Add></soap:Body></soap:Envelope>'
json_body='{"intA":2,"intB":3}'
direct_expect='<AddResult>5</AddResult>'
rest_expect='{"AddResult":5}'
# wrk posts these (same method, keep-alive, connections and threads for both cases)
cat > "$tmp/direct.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = '$soap_action'
wrk.body = '$envelope'
LUA
cat > "$tmp/rest.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$json_body'
LUA
cp "$tmp/direct.lua" "$out/wrk-direct.lua"; cp "$tmp/rest.lua" "$out/wrk-rest.lua"

# ---------------------------------------------------------------- build (the backend runs from the demo jar)
# The demo jar holds the wsdl module (the demo Calculator) and the JAX-WS RI; the gateway runs from the product jar.
build_gateway || die "gateway: $gateway_problem"

# ---------------------------------------------------------------- backend
log "starting the JAX-WS Calculator on 127.0.0.1:$BACKEND (SOAP 1.1 at $direct_path); JVM opts: $BACKEND_JAVA_OPTS"
# shellcheck disable=SC2086
"$JAVA_BIN" $BACKEND_JAVA_OPTS -cp "$demo_jar" dev.polygate.wsdl.calculator.CalculatorService "$BACKEND" > "$out/backend.log" 2>&1 &
backend_pid=$!
pids+=("$backend_pid")
wait_http "http://127.0.0.1:$BACKEND$direct_path?wsdl" 60 "$backend_pid" || die "the Calculator did not come up (see $out/backend.log)"

# ---------------------------------------------------------------- gateway (reads the WSDL from the backend at start-up)
if [ "$GATEWAY" != 0 ]; then
  gw_config="$gw_yaml"
  start_gateway || log "GATEWAY PROBLEM: $gateway_problem"
fi

# ---------------------------------------------------------------- sanity check (one request each)
sanity_direct() {  # 200 and the AddResult in the SOAP answer
  local f="$out/sanity-soap-direct.txt" body
  body=$(curl -s -m 5 --http1.1 -D "$f" -H 'Content-Type: text/xml; charset=utf-8' -H "SOAPAction: $soap_action" \
      --data-binary "$envelope" "http://127.0.0.1:$BACKEND$direct_path" 2>>"$f") || true
  echo "$body" >> "$f"
  if head -1 "$f" | grep -q ' 200' && [[ "$body" == *"$direct_expect"* ]]; then
    case_ok[soap-direct]=1
  else
    case_ok[soap-direct]=0
    log "SANITY FAILED for soap-direct: $(head -1 "$f" | tr -d '\r') $body  (see $f)"
  fi
}
sanity_rest() {    # 200 and exactly the expected JSON
  local f="$out/sanity-gateway-rest.txt" body
  body=$(curl -s -m 5 --http1.1 -D "$f" -H 'Content-Type: application/json' --data-binary "$json_body" \
      "http://127.0.0.1:$GW_PORT$rest_path" 2>>"$f") || true
  echo "$body" >> "$f"
  if head -1 "$f" | grep -q ' 200' && [ "$body" = "$rest_expect" ]; then
    case_ok[gateway-rest]=1
  else
    case_ok[gateway-rest]=0
    gateway_problem="the sanity request failed (see $f)"
    log "SANITY FAILED for gateway-rest: $(head -1 "$f" | tr -d '\r') $body  (see $f)"
  fi
}
sanity_direct
gw_ok=0
if [ -n "$gateway_pid" ] && [ -z "$gateway_problem" ]; then
  sanity_rest
  [ "${case_ok[gateway-rest]}" = 1 ] && gw_ok=1
fi

# ---------------------------------------------------------------- warm-up (same for both cases; the gateway's warms the backend too)
warm soap-direct  "http://127.0.0.1:$BACKEND$direct_path" h1 -s "$tmp/direct.lua"
warm gateway-rest "http://127.0.0.1:$GW_PORT$rest_path"   h1 -s "$tmp/rest.lua"
# Then one unmeasured alternation of slot length: in runs without it the first gateway slot after a direct one
# was about a fifth slower than the later ones, the backend's and the gateway's CPU per call both higher
# (the JVMs were still adapting to the switch), and that slot alone decided the ratio.
case_ok[settle-direct]=${case_ok[soap-direct]}; case_ok[settle-gateway]=$gw_ok
warm_saved=$WARMUP; WARMUP=$DURATION
warm settle-direct  "http://127.0.0.1:$BACKEND$direct_path" h1 -s "$tmp/direct.lua"
warm settle-gateway "http://127.0.0.1:$GW_PORT$rest_path"   h1 -s "$tmp/rest.lua"
WARMUP=$warm_saved

# ---------------------------------------------------------------- measurements
# The JIT compiler threads' share of the gateway's CPU during its measurement: after a short warm-up C2 is
# still compiling, and that CPU is counted in the gateway's µs/req like the requests' own work.
jit_ticks() {  # $1 = pid: utime+stime of its C1/C2 compiler threads, in clock ticks (threads that ended are lost)
  local t v s=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null || true)" in
      C[12]\ CompilerThre*)
        v=$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}' || true)
        s=$(( s + ${v:-0} )) ;;
    esac
  done
  echo "$s"
}
direct_keys=() gateway_keys=()
measure_direct() {  # $1 = slot number
  local k="soap-direct-$1"
  case_ok[$k]=${case_ok[soap-direct]}
  measure "$k" "http://127.0.0.1:$BACKEND$direct_path" h1 "" -s "$tmp/direct.lua"
  direct_keys+=("$k")
}
measure_gateway() {  # $1 = slot number
  local k="gateway-rest-$1"
  case_ok[$k]=$gw_ok
  measure "$k" "http://127.0.0.1:$GW_PORT$rest_path" h1 "$gateway_pid" -s "$tmp/rest.lua"
  gateway_keys+=("$k")
}
jit0=0 jit1=0
[ "$gw_ok" = 1 ] && jit0=$(jit_ticks "$gateway_pid")
measure_direct 0
for round in $(seq 1 "$ROUNDS"); do
  [ "$gw_ok" = 1 ] && measure_gateway "$round"
  measure_direct "$round"
done
[ "$gw_ok" = 1 ] && jit1=$(jit_ticks "$gateway_pid")
if [ "$gw_ok" = 1 ] && ! kill -0 "$gateway_pid" 2>/dev/null; then
  gateway_problem="${gateway_problem:+$gateway_problem; }the gateway process died during the run (see $out/gateway.log)"
fi
kill -0 "$backend_pid" 2>/dev/null || warnings+=("the Calculator died during the run (see backend.log)")

# every answer must be a 2xx without socket errors, or the row is not a clean result
for k in "${direct_keys[@]}" "${gateway_keys[@]}"; do
  f="$out/wrk-$k.txt"; [ -f "$f" ] || continue
  if grep -q -E 'Non-2xx or 3xx responses|Socket errors' "$f"; then
    warnings+=("$k: wrk reported non-2xx/3xx answers or socket errors (see wrk-$k.txt): not a clean result")
  fi
done

# ---------------------------------------------------------------- report
us_per_req() {  # $1 = key, $2 = field of R_cpu (1 backend, 2 proxy): CPU µs per request
  local c="${R_cpu[$1]:-}"; [ -n "$c" ] || { echo n/a; return; }
  awk -v p="$(echo "$c" | cut -d'|' -f"$2")" -v r="${R_rps[$1]}" 'BEGIN{ if (r+0>0 && p+0>0) printf "%.0f", p/100*1e6/r; else printf "-" }'
}
target() {  # $1 = ratio, $2 = minimum
  awk -v r="$1" -v m="$2" 'BEGIN{ if (r == "n/a") print "n/a"; else if (r + 0 >= m) print "met"; else print "MISSED" }'
}
cpu_line() {  # $1 = key, $2 = label
  local c="${R_cpu[$1]:-}"; [ -n "$c" ] || return 0
  IFS='|' read -r bc pc lc ic oc tc <<<"$c"
  printf '| %s | %s%% | %s | %s | %s | %s%% | %s%% | %s%% | %s%% |\n' "$2" "$bc" "$(us_per_req "$1" 1)" \
    "$( [ "$pc" = 0 ] && [[ "$1" == soap-direct* ]] && echo - || echo "$pc%")" "$( [[ "$1" == soap-direct* ]] && echo - || us_per_req "$1" 2)" \
    "$lc" "$ic" "$oc" "$tc"
}
{
  echo "## Polygate SOAP benchmark — $stamp"
  echo
  echo '```'
  cat "$out/machine.txt"
  echo '```'
  echo
  echo "| slot | tool | req/s | p50 (ms) | p99 (ms) | requests / errors |"
  echo "|---|---|---:|---:|---:|---|"
  row soap-direct-0 "1. SOAP 1.1 direct to the Calculator (:$BACKEND, POST $direct_path)" wrk
  for round in $(seq 1 "$ROUNDS"); do
    [ "$gw_ok" = 1 ] && row "gateway-rest-$round" "$((2 * round)). Polygate REST→SOAP (:$GW_PORT, POST $rest_path)" wrk
    row "soap-direct-$round" "$((2 * round + 1)). SOAP 1.1 direct" wrk
  done
  echo
  # each gateway slot against the mean of the direct slots on either side; the ratio is the mean of those
  ratios=() ; r=n/a
  if [ "$gw_ok" = 1 ]; then
    for round in $(seq 1 "$ROUNDS"); do
      ratios+=("$(awk -v g="${R_rps[gateway-rest-$round]:-}" -v a="${R_rps[soap-direct-$((round - 1))]:-}" \
        -v b="${R_rps[soap-direct-$round]:-}" 'BEGIN{ if (g+0>0 && a+0>0 && b+0>0) printf "%.3f", 2*g/(a+b); else printf "n/a" }')")
    done
    r=$(printf '%s\n' "${ratios[@]}" | awk '$1!="n/a"{s+=$1; n++} END{ if (n == '"$ROUNDS"') printf "%.2f", s/n; else printf "n/a" }')
  fi
  mean_of() {  # $1 = R_ array name, $2.. = keys: the mean of the values
    local -n values=$1; shift
    local k; for k in "$@"; do echo "${values[$k]:-}"; done | awk '$1+0>0{s+=$1; n++} END{ if (n) printf "%.0f", s/n; else printf "n/a" }'
  }
  mean_ms() { local -n values=$1; shift; local k; for k in "$@"; do echo "${values[$k]:-}"; done |
    awk '$1+0>0{s+=$1; n++} END{ if (n) printf "%.2f", s/n; else printf "n/a" }'; }
  echo "Means over the slots: direct $(mean_of R_rps "${direct_keys[@]}") req/s (p50 $(mean_ms R_p50 "${direct_keys[@]}") ms, p99 $(mean_ms R_p99 "${direct_keys[@]}") ms); gateway $(mean_of R_rps "${gateway_keys[@]}") req/s (p50 $(mean_ms R_p50 "${gateway_keys[@]}") ms, p99 $(mean_ms R_p99 "${gateway_keys[@]}") ms)"
  echo
  echo "REST→SOAP through the gateway / SOAP direct (req/s; each gateway slot against the direct slots around it: ${ratios[*]:-n/a}): $r  (target >= $target_ratio: $(target "$r" "$target_ratio"))"
  echo
  echo "CPU during each slot (100% = one core; this machine has $(nproc)):"
  echo
  echo "| slot | backend (JAX-WS) | backend CPU µs/req | gateway | gateway CPU µs/req | load generator | kernel (unattributed) | other processes | total busy |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  cpu_line soap-direct-0 "1. SOAP direct"
  for round in $(seq 1 "$ROUNDS"); do
    [ "$gw_ok" = 1 ] && cpu_line "gateway-rest-$round" "$((2 * round)). Polygate REST→SOAP"
    cpu_line "soap-direct-$round" "$((2 * round + 1)). SOAP direct"
  done
  if [ "$gw_ok" = 1 ]; then
    echo
    gw_reqs=$(for k in "${gateway_keys[@]}"; do echo "${R_rps[$k]:-0}"; done | awk -v s="$DURATION" '{n+=$1*s} END{printf "%.0f", n}')
    gw_us=$(for k in "${gateway_keys[@]}"; do us_per_req "$k" 2; echo; done | awk '$1+0>0{s+=$1; n++} END{ if (n) printf "%.0f", s/n; else printf "n/a" }')
    be_us=$(for k in "${gateway_keys[@]}"; do us_per_req "$k" 1; echo; done | awk '$1+0>0{s+=$1; n++} END{ if (n) printf "%.0f", s/n; else printf "n/a" }')
    awk -v j=$(( jit1 - jit0 )) -v t="$ticks" -v n="$gw_reqs" -v all="$gw_us" -v be="$be_us" \
      'BEGIN{ if (j < 0) j = 0; if (n + 0 > 0) printf "gateway slots: gateway CPU %s µs/req (JIT compiler threads %.0f of it, counted over the whole measurement), backend %s µs/req\n", all, j / t * 1e6 / n, be }'
  fi
  report_tail
} | tee "$out/summary.md"

[ "$GATEWAY" = 0 ] || [ -z "$gateway_problem" ] || exit 1
