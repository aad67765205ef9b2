#!/usr/bin/env bash
# Polygate WebSocket benchmark, three parts on loopback only, one run, bounded in time; everything it starts is
# stopped on exit. See benchmarks/README.md.
#   (a) echo round trips over 64 connections: a Netty echo backend directly, behind nginx, behind the gateway's
#       `websocket` passthrough route;
#   (b) idle sessions held open through the passthrough route: the gateway's RSS and heap per 1000 sessions;
#   (c) JSON messages over a WebSocket to the bidirectional Greeter/Chat (a `grpc` route) against the same messages
#       over native gRPC through the gateway, to the same grpc-java backend.
#
#   bash benchmarks/websocket.sh
#   DURATION=5 WARMUP=3 SESSIONS=2000 bash benchmarks/websocket.sh
#   PARTS=c JFR=1 bash benchmarks/websocket.sh     # only part (c), the gateway recorded with JFR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
WS_CONNS="${WS_CONNS:-64}"                # (a) WebSocket connections of the echo load, one message in flight each
MSG_SIZE="${MSG_SIZE:-100}"               # (a) bytes of each echoed text message
LOAD_THREADS="${LOAD_THREADS:-2}"         # (a), (c) event loops of the WebSocket load generator
ECHO_LOOPS="${ECHO_LOOPS:-1}"             # event loops of the echo backend
SESSIONS="${SESSIONS:-9000}"              # (b) idle sessions to hold through the gateway
SESSION_STEP="${SESSION_STEP:-1000}"      # (b) sessions opened between two memory samples
IDLE_CLIENTS="${IDLE_CLIENTS:-3}"         # (b) client processes holding them, each from its own 127.0.0.x
PARTS="${PARTS:-abc}"                     # the parts to run: any of a, b, c
CHAT_SESSIONS="${CHAT_SESSIONS:-16}"      # (c) WebSocket sessions / gRPC calls in parallel
CHAT_WINDOW="${CHAT_WINDOW:-8}"           # (c) messages in flight per session / call
GRPC_CHANNELS="${GRPC_CHANNELS:-2}"       # (c) HTTP/2 connections the gRPC client spreads its calls over
BACKEND_LOOPS="${BACKEND_LOOPS:-2}"       # (c) event loops of the grpc-java backend
BACKEND_JAVA_OPTS="${BACKEND_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}"
LOAD_JAVA_OPTS="${LOAD_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}"
NEEDS_JAVA=1
# shellcheck source=lib.sh
. "$here/lib.sh"

ECHO=18300 GRPC_BACKEND=18301 NGINX=18302 GW_PORT=18303 GW_ADMIN=19904
gw_yaml="$here/gateway-websocket-bench.yaml"
chat_text="a chat message of the WebSocket benchmark, 64 bytes of JSON all told"
chat_json="{\"name\":\"bench\",\"text\":\"$chat_text\"}"
chat_reply_prefix="{\"message\":\"$chat_text\""

bench_init websocket WS_CONNS MSG_SIZE LOAD_THREADS ECHO_LOOPS SESSIONS SESSION_STEP IDLE_CLIENTS CHAT_SESSIONS \
  CHAT_WINDOW GRPC_CHANNELS BACKEND_LOOPS
[ "$GATEWAY" != 0 ] || die "GATEWAY=0: every part of this benchmark needs the gateway"
[[ "$PARTS" =~ ^[abc]+$ ]] || die "PARTS must be made of a, b and c (got '$PARTS')"
part() { [[ "$PARTS" == *"$1"* ]]; }   # part X: whether part X runs
cases=()
part a && cases+=(echo-direct echo-nginx echo-gateway)
part c && cases+=(chat-json-ws chat-grpc)
install_missing
command -v "$JAVA_BIN" >/dev/null || die "java not found"
command -v javac >/dev/null || die "javac not found (a JDK is needed to compile the benchmark programs)"
command -v jcmd >/dev/null || die "jcmd not found (a JDK is needed to read the gateway's heap)"
check_ports $ECHO $GRPC_BACKEND $NGINX $GW_PORT $GW_ADMIN
fd_limit=$(ulimit -n)
machine_facts "DURATION=${DURATION}s WARMUP=${WARMUP}s; (a) $WS_CONNS connections × 1 message of $MSG_SIZE bytes in flight, load generator $LOAD_THREADS event loops, echo backend $ECHO_LOOPS; nginx workers=$PROXY_WORKERS; (b) $SESSIONS sessions from $IDLE_CLIENTS processes, sampled every $SESSION_STEP; (c) $CHAT_SESSIONS sessions × $CHAT_WINDOW messages in flight, gRPC over $GRPC_CHANNELS connections; backend grpc-java $BACKEND_LOOPS event loops; JVMs: backends $BACKEND_JAVA_OPTS, load generators $LOAD_JAVA_OPTS"
echo "ulimit -n:    $fd_limit (open files per process: soft), $(ulimit -Hn) (hard)" >> "$out/machine.txt"
quiet_check

# ---------------------------------------------------------------- build: gateway jar, backends and load generators
build_gateway || die "gateway: $gateway_problem"
build_program "$here/grpc-backend"; grpc_backend_cp=$program_cp
build_program "$here/websocket-load"; load_cp=$program_cp

# ---------------------------------------------------------------- backends
log "starting the WebSocket echo backend on 127.0.0.1:$ECHO, $ECHO_LOOPS event loop(s)"
# shellcheck disable=SC2086
"$JAVA_BIN" $BACKEND_JAVA_OPTS -cp "$load_cp" WsEchoServer "$ECHO" "$ECHO_LOOPS" > "$out/echo-backend.log" 2>&1 &
echo_pid=$!; pids+=("$echo_pid")
log "starting the grpc-java backend on 127.0.0.1:$GRPC_BACKEND (h2c), $BACKEND_LOOPS event loops"
# shellcheck disable=SC2086
"$JAVA_BIN" $BACKEND_JAVA_OPTS -cp "$grpc_backend_cp" GreeterBenchServer "$GRPC_BACKEND" "$BACKEND_LOOPS" > "$out/grpc-backend.log" 2>&1 &
grpc_backend_pid=$!; pids+=("$grpc_backend_pid")
wait_port "$ECHO" 30 "$echo_pid" || die "the echo backend did not come up (see $out/echo-backend.log)"
wait_port "$GRPC_BACKEND" 30 "$grpc_backend_pid" || die "the gRPC backend did not come up (see $out/grpc-backend.log)"

# ---------------------------------------------------------------- nginx: WebSocket proxying as its documentation has it
write_nginx_conf() {
  local p="$tmp/proxy"; mkdir -p "$p/logs" "$p/tmp"
  {
    nginx_conf_common "$p" "$PROXY_WORKERS"
    echo "http {"
    http_common "$p"
    cat <<CONF
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      close;
    }
    upstream echo {
        server 127.0.0.1:$ECHO;
    }
    server {
        listen 127.0.0.1:$NGINX;
        location / {
            proxy_pass http://echo;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }
    }
}
CONF
  } > "$p/nginx.conf"
}
write_nginx_conf
log "starting nginx (WebSocket proxy) on 127.0.0.1:$NGINX, $PROXY_WORKERS workers"
start_nginx proxy
nginx_pid=$proxy_pid
wait_port "$NGINX" 10 "$nginx_pid" || die "nginx did not come up"

# ---------------------------------------------------------------- gateway
mkdir -p "$tmp/gateway"
gw_config="$tmp/gateway/$(basename "$gw_yaml")"
cp "$gw_yaml" "$gw_config"
unzip -p "$demo_jar" dev/polygate/proto/polygate-services.pb > "$tmp/gateway/polygate-services.pb" 2>/dev/null \
  || cp "$root/proto/target/classes/dev/polygate/proto/polygate-services.pb" "$tmp/gateway/"
[ -s "$tmp/gateway/polygate-services.pb" ] || die "no polygate-services.pb in $demo_jar"
start_gateway || die "gateway: $gateway_problem"

# ---------------------------------------------------------------- the loads
# load_cmd KEY WARMUP SECONDS: sets cmd to the load generator's command line for the case; the load generator warms
# up (itself and the server) for WARMUP seconds, then measures for SECONDS, reading the CPU ticks of the proxy, the
# backend, itself and the machine at the start and end of the measured window
load_cmd() {
  # shellcheck disable=SC2206  # word splitting of the JVM options is intended
  cmd=("$JAVA_BIN" $LOAD_JAVA_OPTS -cp "$load_cp")
  local echo_args=(--sessions "$WS_CONNS" --window 1 --threads "$LOAD_THREADS" --size "$MSG_SIZE" --label "$1")
  case $1 in
    echo-direct)  cmd+=(WsClosedLoad --url "ws://127.0.0.1:$ECHO/echo" "${echo_args[@]}") ;;
    echo-nginx)   cmd+=(WsClosedLoad --url "ws://127.0.0.1:$NGINX/echo" "${echo_args[@]}") ;;
    echo-gateway) cmd+=(WsClosedLoad --url "ws://127.0.0.1:$GW_PORT/echo" "${echo_args[@]}") ;;
    chat-json-ws) cmd+=(WsClosedLoad --url "ws://127.0.0.1:$GW_PORT/v1/greeter/chat" --subprotocol json
                        --sessions "$CHAT_SESSIONS" --window "$CHAT_WINDOW" --threads "$LOAD_THREADS"
                        --message "$chat_json" --expect "$chat_reply_prefix" --label "$1") ;;
    chat-grpc)    cmd+=(GrpcChatLoad --port "$GW_PORT" --sessions "$CHAT_SESSIONS" --window "$CHAT_WINDOW"
                        --channels "$GRPC_CHANNELS" --name bench --text "$chat_text" --label "$1") ;;
    *) die "no load for case $1" ;;
  esac
  local cpu="backend=${BACKEND_PID[$1]}"; [ -n "${TARGET_PID[$1]}" ] && cpu="$cpu,proxy=${TARGET_PID[$1]}"
  cmd+=(--cpu "$cpu" --warmup "$2" --seconds "$3")
}
declare -A TARGET_PID BACKEND_PID
BACKEND_PID[echo-direct]=$echo_pid;  TARGET_PID[echo-direct]=""
BACKEND_PID[echo-nginx]=$echo_pid;   TARGET_PID[echo-nginx]=$nginx_pid
BACKEND_PID[echo-gateway]=$echo_pid; TARGET_PID[echo-gateway]=$gateway_pid
BACKEND_PID[chat-json-ws]=$grpc_backend_pid; TARGET_PID[chat-json-ws]=$gateway_pid
BACKEND_PID[chat-grpc]=$grpc_backend_pid;    TARGET_PID[chat-grpc]=$gateway_pid

result_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1" | tail -1; }   # $1 = load output, $2 = key of its RESULT line

# sanity: one second of each load, which must have replies, no errors and every session open
for key in "${cases[@]}"; do
  f="$out/sanity-$key.txt"
  load_cmd "$key" 1 2
  timeout -k 5 60 "${cmd[@]}" > "$f" 2>&1 || true
  if [ "$(result_field "$f" replies)" -gt 0 ] 2>/dev/null && [ "$(result_field "$f" errors)" = 0 ] \
      && [ "$(result_field "$f" failed_sessions)" = 0 ]; then
    case_ok[$key]=1
  else
    case_ok[$key]=0
    log "SANITY FAILED for $key: $(grep -m1 -E 'RESULT|Exception|failed' "$f" || echo 'no result')  (see $f)"
    [ -n "${TARGET_PID[$key]}" ] && [ "${TARGET_PID[$key]}" = "$gateway_pid" ] \
      && gateway_problem="${gateway_problem:+$gateway_problem; }$key failed its sanity check (see $f)"
  fi
done

# measure_load KEY: one run of the case's load: WARMUP seconds of warm-up, then DURATION seconds measured, with
# the CPU of the proxy, the backend, the load generator and the machine over the measured window
declare -A R_us
measure_load() {
  local key=$1 raw="$out/load-$1.txt" rc=0
  R_tool[$key]=$( [[ $key == chat-grpc ]] && echo "grpc-java" || echo "Netty WebSocket" )
  if [ "${case_ok[$key]:-0}" != 1 ]; then
    R_rps[$key]="n/a"; R_p50[$key]="n/a"; R_p99[$key]="n/a"; R_err[$key]="not run (sanity check failed)"; R_cpu[$key]=""
    return 0
  fi
  log "$key: ${WARMUP}s warm-up, then ${DURATION}s measured"
  foreign_ticks > "$tmp/foreign0"
  local t0=$SECONDS
  ( sleep $(( WARMUP + DURATION / 2 + 2 )); top -b -n2 -d1 -w 200 2>/dev/null | awk '/^top -/{n++} n==2' | head -20 > "$out/top-$key.txt" ) &
  local topper=$!
  load_cmd "$key" "$WARMUP" "$DURATION"
  timeout -k 5 $(( WARMUP + DURATION + 120 )) "${cmd[@]}" > "$raw" 2>&1 || rc=$?
  foreign_ticks > "$tmp/foreign1"
  local wall=$(( SECONDS - t0 )); [ "$wall" -gt 0 ] || wall=1
  wait "$topper" 2>/dev/null || true
  # % of one core over the measured window (other processes: over the whole run, warm-up included)
  local bc pc lc tc oc
  pct_of() { awk -v d="${1:-0}" -v t="$ticks" -v s="${2:-$DURATION}" 'BEGIN{printf "%.0f", 100*d/t/s}'; }
  bc=$(pct_of "$(result_field "$raw" cpu_backend)"); pc=$(pct_of "$(result_field "$raw" cpu_proxy)")
  lc=$(pct_of "$(result_field "$raw" cpu_load)"); tc=$(pct_of "$(result_field "$raw" cpu_all)")
  oc=$(pct_of "$(foreign_delta "$tmp/foreign0" "$tmp/foreign1")" "$wall")
  R_us[$key]=$(awk -v d="$(result_field "$raw" cpu_proxy)" -v t="$ticks" -v n="$(result_field "$raw" replies)" \
    'BEGIN{ if (n+0 > 0 && d+0 > 0) printf "%.1f", d/t*1e6/n; else printf "n/a" }')
  record_cpu "$key" "$bc" "$pc" "$lc" "$oc" "$tc" "proxy CPU µs per reply: ${R_us[$key]}" \
    "(other processes: over the whole run, warm-up included; the rest: over the measured window)"
  R_rps[$key]=$(result_field "$raw" rate); R_p50[$key]=$(result_field "$raw" p50_ms); R_p99[$key]=$(result_field "$raw" p99_ms)
  local errors failed; errors=$(result_field "$raw" errors); failed=$(result_field "$raw" failed_sessions)
  R_err[$key]="$(result_field "$raw" replies) replies; errors: ${errors:-?}; sessions that did not open: ${failed:-?}"
  [ "$rc" -eq 0 ] || R_err[$key]="${R_err[$key]}; load generator exit code $rc"
  if [ "${errors:-x}" != 0 ] || [ "${failed:-x}" != 0 ] || [ "$rc" -ne 0 ]; then
    warnings+=("$key: the load saw errors or sessions that did not open (see load-$key.txt)")
  fi
  [ -n "${R_rps[$key]}" ] || R_rps[$key]="?"
}

# ---------------------------------------------------------------- (a) echo round trips; (c) JSON over WebSocket vs gRPC
for key in "${cases[@]}"; do measure_load "$key"; done

# ---------------------------------------------------------------- (b) idle sessions through the passthrough route
rss_kib()  { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
heap_used_kib() {  # the Java heap in use (all generations), after a full GC
  jcmd "$1" GC.run > /dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/total [0-9]+K, used [0-9]+K/ && !/Metaspace|class space/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K.*/, "", v); s += v } } END { print s + 0 }'
}
idle_in=() idle_pid=() idle_log=()
client_wait() {  # $1 = client index, $2 = reply word, $3 = replies expected so far, $4 = seconds: the last reply line
  local i=$1 deadline=$(( SECONDS + $4 ))
  while [ "$(grep -c "^$2" "${idle_log[$i]}")" -lt "$3" ]; do
    kill -0 "${idle_pid[$i]}" 2>/dev/null || { echo "EXITED"; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "TIMEOUT"; return 1; }
    sleep 0.2
  done
  grep "^$2" "${idle_log[$i]}" | tail -1
}
histogram_growth() {  # $1, $2 = class histograms before/after, $3 = sessions: what each class grew by, per session
  awk -v n="$3" '
    $1 ~ /^[0-9]+:$/ { name = $4; if (FNR == NR) { b[name] = $3; i[name] = $2 } else { db[name] = $3 - b[name]; di[name] = $2 - i[name] } }
    END { for (c in db) if (db[c] > 0) printf "%10.1f %8.2f  %s\n", db[c] / n, di[c] / n, c }' "$1" "$2" | sort -rn | head -20
}
idle_rows=() idle_ok=0 idle_open=0 idle_echoed=0 idle_base_rss="" idle_base_heap=""
idle_sessions() {
  [ -n "$gateway_pid" ] && kill -0 "$gateway_pid" 2>/dev/null || return 0
  local i per step opened=0 prev_rss rss heap fds line n n_open
  idle_base_heap=$(heap_used_kib "$gateway_pid")
  jcmd "$gateway_pid" GC.class_histogram > "$out/gateway-class-histogram-idle.txt" 2>/dev/null || true
  sleep 1
  idle_base_rss=$(rss_kib "$gateway_pid"); prev_rss=$idle_base_rss
  idle_rows+=("| 0 (idle gateway) | $(awk -v r="$idle_base_rss" 'BEGIN{printf "%.1f", r/1024}') | $(awk -v h="$idle_base_heap" 'BEGIN{printf "%.1f", h/1024}') | $(fd_count "$gateway_pid") | - |")
  for ((i = 0; i < IDLE_CLIENTS; i++)); do
    local fifo="$tmp/idle-$i.in"; mkfifo "$fifo"
    idle_log[$i]="$out/idle-client-$i.log"
    # shellcheck disable=SC2086
    "$JAVA_BIN" $LOAD_JAVA_OPTS -cp "$load_cp" WsIdleSessions --url "ws://127.0.0.1:$GW_PORT/echo" \
      --source "127.0.0.$(( i + 2 ))" < "$fifo" > "${idle_log[$i]}" 2>&1 &
    idle_pid[$i]=$!; pids+=("$!")
    exec {fd}>"$fifo"; idle_in[$i]=$fd
  done
  log "(b) opening $SESSIONS idle sessions through the gateway from $IDLE_CLIENTS processes (127.0.0.2-$(( IDLE_CLIENTS + 1 )))"
  step=0
  while [ "$opened" -lt "$SESSIONS" ]; do
    n=$(( SESSIONS - opened < SESSION_STEP ? SESSIONS - opened : SESSION_STEP ))
    step=$(( step + 1 ))
    for ((i = 0; i < IDLE_CLIENTS; i++)); do
      per=$(( n / IDLE_CLIENTS + (i < n % IDLE_CLIENTS ? 1 : 0) ))
      echo "open $per" >&"${idle_in[$i]}"
    done
    opened=0
    for ((i = 0; i < IDLE_CLIENTS; i++)); do
      line=$(client_wait "$i" OPENED "$step" 180) || { log "(b) client $i: $line (see ${idle_log[$i]})"; break 2; }
      n_open=$(awk '{ for (k = 1; k <= NF; k++) if ($k ~ /^total=[0-9]+$/) { sub(/total=/, "", $k); v = $k } } END { print v + 0 }' <<<"$line")
      [ -n "$line" ] || log "(b) client $i: no OPENED line read from ${idle_log[$i]} ($(grep -c '^OPENED' "${idle_log[$i]}") there)"
      opened=$(( opened + n_open ))
      [[ $line == *"failed=0 "* ]] || log "(b) client $i: $line"
    done
    heap=$(heap_used_kib "$gateway_pid"); rss=$(rss_kib "$gateway_pid"); fds=$(fd_count "$gateway_pid")
    idle_rows+=("| $opened | $(awk -v r="$rss" 'BEGIN{printf "%.1f", r/1024}') | $(awk -v h="$heap" 'BEGIN{printf "%.1f", h/1024}') | $fds | $(awk -v a="$rss" -v b="$prev_rss" -v n="$n" 'BEGIN{printf "%.2f", (a-b)/n}') |")
    echo "$opened $rss $heap $fds" >> "$out/idle-samples.txt"
    log "(b) $opened sessions: gateway RSS $((rss / 1024)) MiB, heap after GC $((heap / 1024)) MiB, $fds open files"
    prev_rss=$rss
    [ "$opened" -ge "$(( step * SESSION_STEP < SESSIONS ? step * SESSION_STEP : SESSIONS ))" ] || break
  done
  idle_open=$opened
  log "(b) every session sends one message and waits for its echo"
  for ((i = 0; i < IDLE_CLIENTS; i++)); do echo "echo" >&"${idle_in[$i]}"; done
  idle_echoed=0
  for ((i = 0; i < IDLE_CLIENTS; i++)); do
    line=$(client_wait "$i" ECHOED 1 90) || { log "(b) client $i: $line (see ${idle_log[$i]})"; continue; }
    idle_echoed=$(( idle_echoed + $(awk '{ for (k = 1; k <= NF; k++) if ($k ~ /^echoed=[0-9]+$/) { sub(/echoed=/, "", $k); v = $k } } END { print v + 0 }' <<<"$line") ))
  done
  idle_final_rss=$(rss_kib "$gateway_pid"); idle_final_heap=$(heap_used_kib "$gateway_pid")
  jcmd "$gateway_pid" GC.class_histogram > "$out/gateway-class-histogram.txt" 2>/dev/null || true
  histogram_growth "$out/gateway-class-histogram-idle.txt" "$out/gateway-class-histogram.txt" "$idle_open" \
    > "$out/gateway-heap-per-session.txt" || true
  [ "$idle_open" -eq "$SESSIONS" ] && [ "$idle_echoed" -eq "$SESSIONS" ] && idle_ok=1
  log "(b) $idle_echoed of $SESSIONS sessions echoed; closing them"
  for ((i = 0; i < IDLE_CLIENTS; i++)); do echo "quit" >&"${idle_in[$i]}"; done
  for ((i = 0; i < IDLE_CLIENTS; i++)); do
    client_wait "$i" CLOSED 1 60 > /dev/null || true
    eval "exec ${idle_in[$i]}>&-"
  done
}
part b && idle_sessions
if ! kill -0 "$gateway_pid" 2>/dev/null; then
  gateway_problem="${gateway_problem:+$gateway_problem; }the gateway process died during the run (see $out/gateway.log)"
fi

# ---------------------------------------------------------------- report
cpu_row() {  # $1 = key, $2 = label, $3 = proxy process name or "-" for direct
  local c="${R_cpu[$1]:-}"; [ -n "$c" ] || return 0
  IFS='|' read -r bc pc lc ic oc tc <<<"$c"
  if [ "$3" = "-" ]; then
    printf '| %s | %s%% | - | - | %s%% | %s%% | %s%% | %s%% |\n' "$2" "$bc" "$lc" "$ic" "$oc" "$tc"
  else
    printf '| %s | %s%% | %s%% (%s) | %s | %s%% | %s%% | %s%% | %s%% |\n' "$2" "$bc" "$pc" "$3" "${R_us[$1]}" "$lc" "$ic" "$oc" "$tc"
  fi
}
target() {  # $1 = figure, $2 = bound, $3 = min|max
  awk -v r="$1" -v m="$2" -v k="$3" 'BEGIN{ if (r == "n/a" || r == "") print "n/a";
    else if ((k == "min" && r + 0 >= m) || (k == "max" && r + 0 <= m)) print "met"; else print "NOT MET" }'
}
# RSS per session: least-squares slope over the samples with sessions, and the overall figure above the idle gateway
idle_slope=$( [ -s "$out/idle-samples.txt" ] && awk '{ n++; sx += $1; sy += $2; sxx += $1*$1; sxy += $1*$2 }
  END { d = n*sxx - sx*sx; if (n > 1 && d > 0) printf "%.2f", (n*sxy - sx*sy)/d; else printf "n/a" }' "$out/idle-samples.txt" || echo n/a)
idle_per=$(awk -v a="${idle_final_rss:-}" -v b="$idle_base_rss" -v n="$idle_open" 'BEGIN{ if (n > 0 && a != "") printf "%.2f", (a-b)/n; else printf "n/a" }')
idle_heap_per=$(awk -v a="${idle_final_heap:-}" -v b="$idle_base_heap" -v n="$idle_open" 'BEGIN{ if (n > 0 && a != "") printf "%.2f", (a-b)/n; else printf "n/a" }')
echo_ratio=$(ratio echo-gateway echo-nginx); chat_ratio=$(ratio chat-json-ws chat-grpc)
direct_margin=$(awk -v d="${R_rps[echo-direct]:-}" -v a="${R_rps[echo-nginx]:-}" -v b="${R_rps[echo-gateway]:-}" \
  'BEGIN{ m = (a+0 > b+0) ? a : b; if (d+0 > 0 && m+0 > 0) printf "%.2f", d/m; else printf "n/a" }')
if [ "$direct_margin" != n/a ] && awk -v m="$direct_margin" 'BEGIN{ exit !(m < 1.3) }'; then
  warnings+=("the backend direct is only ${direct_margin}× the faster proxy: the load generator or the echo backend may limit the proxied figures")
fi
idle_verdict=$(target "$idle_slope" 8 max); [ "$idle_ok" = 1 ] || idle_verdict="not all sessions open ($idle_echoed echoed of $SESSIONS)"
{
  echo "## Polygate WebSocket benchmark — $stamp"
  echo
  echo '```'
  cat "$out/machine.txt"
  echo '```'
  echo
  if part a; then
    echo "### (a) echo round trips, $WS_CONNS connections, $MSG_SIZE-byte text messages, one in flight each"
    echo
    echo "| case | client | round trips/s | p50 (ms) | p99 (ms) | replies / errors |"
    echo "|---|---|---:|---:|---:|---|"
    row echo-direct  "echo backend direct (:$ECHO)"
    row echo-nginx   "nginx WebSocket proxy (:$NGINX)"
    row echo-gateway "Polygate \`websocket\` route (:$GW_PORT)"
    echo
    echo "gateway/nginx round trips/s: $echo_ratio (target >= 1.00: $(target "$echo_ratio" 1.00 min)); backend direct / faster proxy: $direct_margin"
    echo "proxy CPU µs per round trip: nginx ${R_us[echo-nginx]:-n/a}, gateway ${R_us[echo-gateway]:-n/a}"
    echo
  fi
  if part c; then
    echo "### (c) JSON over WebSocket → gRPC bidi (Greeter/Chat) against native gRPC, $CHAT_SESSIONS sessions × $CHAT_WINDOW in flight"
    echo
    echo "| case | client | messages/s | p50 (ms) | p99 (ms) | replies / errors |"
    echo "|---|---|---:|---:|---:|---|"
    row chat-json-ws "JSON over WebSocket, ws://…/v1/greeter/chat"
    row chat-grpc    "native gRPC (h2c, $GRPC_CHANNELS connections), /demo.greeter.v1.Greeter/Chat"
    echo
    echo "JSON-over-WebSocket / native gRPC messages/s: $chat_ratio (target >= 0.80: $(target "$chat_ratio" 0.80 min))"
    echo "gateway CPU µs per message: JSON over WebSocket ${R_us[chat-json-ws]:-n/a}, native gRPC ${R_us[chat-grpc]:-n/a}"
    echo
  fi
  echo "CPU during each measurement (100% = one core; this machine has $(nproc)):"
  echo
  echo "| case | backend | proxy under test | proxy CPU µs/reply | load generator | kernel (unattributed) | other processes | total busy |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  cpu_row echo-direct  "echo backend direct" -
  cpu_row echo-nginx   "nginx WebSocket proxy" nginx
  cpu_row echo-gateway "Polygate websocket route" java
  cpu_row chat-json-ws "JSON over WebSocket → gRPC" java
  cpu_row chat-grpc    "native gRPC through the gateway" java
  echo
  if part b; then
    echo "### (b) idle sessions through the \`websocket\` route (ulimit -n $fd_limit per process)"
    echo
    echo "Each session holds a client and a backend connection in the gateway. Before each sample the gateway runs a"
    echo "full GC (jcmd GC.run), so the heap figure is what the sessions keep alive."
    echo
    echo "| sessions | gateway RSS (MiB) | heap used after GC (MiB) | gateway open files | RSS KiB per session since the previous row |"
    echo "|---:|---:|---:|---:|---:|"
    printf '%s\n' "${idle_rows[@]}"
    echo
    echo "sessions open: $idle_open of $SESSIONS; echoed end to end at the end: $idle_echoed"
    echo "RSS per session: slope ${idle_slope} KiB (least squares over the samples), $idle_per KiB overall above the idle gateway"
    echo "heap per session (after GC): $idle_heap_per KiB above the idle gateway"
    if [ -s "$out/gateway-heap-per-session.txt" ] && [ "$idle_open" -gt 0 ]; then
      echo
      echo "where the heap per session goes: growth of each class between the idle gateway and $idle_open sessions"
      echo "(jcmd GC.class_histogram, after a full GC), per session:"
      echo
      echo '```'
      echo "     bytes  objects  class"
      sed -n '1,15p' "$out/gateway-heap-per-session.txt"
      echo '```'
    fi
    echo
  fi
  echo "### summary"
  echo
  echo "| part | figure | target | |"
  echo "|---|---:|---|---|"
  part a && echo "| (a) echo round trips/s, gateway / nginx | $echo_ratio | >= 1.00 | $(target "$echo_ratio" 1.00 min) |"
  part b && echo "| (b) gateway RSS per idle session above the idle gateway (KiB) | $idle_slope | <= 8 | $idle_verdict |"
  part c && echo "| (c) messages/s, JSON over WebSocket / native gRPC | $chat_ratio | >= 0.80 | $(target "$chat_ratio" 0.80 min) |"
  report_tail
} | tee "$out/summary.md"

[ -z "$gateway_problem" ] || exit 1
