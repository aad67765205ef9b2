#!/usr/bin/env bash
# Polygate proxy benchmark: backend direct vs nginx reverse proxy vs Polygate, HTTP/1.1 (wrk)
# and h2c prior knowledge (h2load), on loopback only. One run, bounded in time; everything it
# starts is stopped on exit. See benchmarks/README.md.
#
#   bash benchmarks/run.sh
#   DURATION=10 WARMUP=5 bash benchmarks/run.sh
set -euo pipefail

# ---------------------------------------------------------------- settings (env overridable)
DURATION="${DURATION:-15}"            # seconds per measured case
WARMUP="${WARMUP:-10}"                # seconds of warm-up per target and protocol (same for all)
THREADS="${THREADS:-2}"               # load-generator threads (wrk -t, h2load -t)
CONNS="${CONNS:-64}"                  # wrk connections (HTTP/1.1 keep-alive)
H2_CONNS="${H2_CONNS:-16}"            # h2load connections
H2_STREAMS="${H2_STREAMS:-32}"        # h2load concurrent streams per connection
PROXY_WORKERS="${PROXY_WORKERS:-2}"   # nginx #2 worker_processes (match -Dpolygate.eventLoops)
JAVA_BIN="${JAVA:-java}"
BENCH_JAVA_OPTS="${POLYGATE_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC -Dpolygate.eventLoops=2}"
BUILD="${BUILD:-auto}"                # auto: build the jar if missing or stale; 1: always; 0: never
GATEWAY="${GATEWAY:-1}"               # 0: skip the gateway cases (nginx/backend only)
INSTALL="${INSTALL:-1}"               # 0: do not apt-get install missing tools
READY_TIMEOUT="${READY_TIMEOUT:-90}"  # seconds to wait for the gateway's /ready
OTHER_CPU_WARN="${OTHER_CPU_WARN:-25}" # warn when processes outside the benchmark use more (% of a core)
WAIT_QUIET="${WAIT_QUIET:-0}"         # seconds to wait for the machine to go quiet before starting (0: don't)

BACKEND_H1=18000 BACKEND_H2=18001 NGINX_H1=18081 NGINX_H2=18082 GW_PORT=18080 GW_ADMIN=19901

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/edge/target/polygate.jar"
gw_config="$here/gateway-bench.yaml"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results/$stamp"
mkdir -p "$out"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for v in DURATION WARMUP THREADS CONNS H2_CONNS H2_STREAMS PROXY_WORKERS READY_TIMEOUT OTHER_CPU_WARN; do
  [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
done
[[ "$WAIT_QUIET" =~ ^[0-9]+$ ]] || die "WAIT_QUIET must be a non-negative integer (got '$WAIT_QUIET')"

# ---------------------------------------------------------------- cleanup
tmp="$(mktemp -d /tmp/polygate-bench.XXXXXX)"
chmod 755 "$tmp"   # nginx workers may run as nobody
pids=()
cleanup() {
  local rc=$?
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  # keep the nginx error logs with the results
  for d in backend proxy; do
    [ -s "$tmp/$d/logs/error.log" ] && cp "$tmp/$d/logs/error.log" "$out/nginx-$d-error.log"
  done
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
install_missing() {
  local need=()
  command -v nginx  >/dev/null || need+=(nginx)
  command -v wrk    >/dev/null || need+=(wrk)
  command -v h2load >/dev/null || need+=(nghttp2-client)
  command -v curl   >/dev/null || need+=(curl)
  command -v top    >/dev/null || need+=(procps)
  [ ${#need[@]} -eq 0 ] && return 0
  [ "$INSTALL" = 1 ] || die "missing: ${need[*]} (INSTALL=0)"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing ${need[*]}; not root and no sudo"
    sudo=(sudo)
  fi
  log "installing from Debian: ${need[*]}"
  # policy-rc.d / no init: the packaged nginx service is not needed (and is not started here)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}
install_missing
command -v "$JAVA_BIN" >/dev/null || [ "$GATEWAY" = 0 ] || die "java not found"

port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
for p in $BACKEND_H1 $BACKEND_H2 $NGINX_H1 $NGINX_H2 $GW_PORT $GW_ADMIN; do
  port_busy "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
done

# ---------------------------------------------------------------- machine facts
{
  echo "date (UTC):   $stamp"
  echo "nproc:        $(nproc)"
  echo "CPU:          $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)"
  echo "kernel:       $(uname -srm)"
  echo "memory:       $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "loadavg:      $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
  echo "nginx:        $(nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "wrk:          $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "h2load:       $(h2load --version 2>&1 | head -1)"
  if [ "$GATEWAY" != 0 ]; then
    echo "java:         $("$JAVA_BIN" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
    echo "JVM opts:     $BENCH_JAVA_OPTS"
  fi
  if git -C "$root" rev-parse --short HEAD >/dev/null 2>&1; then
    echo "gateway rev:  $(git -C "$root" rev-parse --short HEAD)$( [ -n "$(git -C "$root" --no-optional-locks status --porcelain 2>/dev/null)" ] && echo ' (+ uncommitted changes)')"
  fi
  echo "parameters:   DURATION=${DURATION}s WARMUP=${WARMUP}s; wrk -t$THREADS -c$CONNS; h2load -t$THREADS -c$H2_CONNS -m$H2_STREAMS; nginx proxy workers=$PROXY_WORKERS"
} > "$out/machine.txt"

# is the machine quiet? (2 s sample before anything starts)
ticks="$(getconf CLK_TCK)"
warnings=()
busy_sample() {  # % of one core busy over 2 s
  local a b; a=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat); sleep 2; b=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat)
  awk -v d=$((b-a)) -v t="$ticks" 'BEGIN{printf "%.0f", 100*d/t/2}'
}
idle_busy=$(busy_sample)
quiet_deadline=$(( SECONDS + WAIT_QUIET ))
while [ "$idle_busy" -gt "$OTHER_CPU_WARN" ] && [ "$SECONDS" -lt "$quiet_deadline" ]; do
  log "machine ${idle_busy}% busy; waiting for it to go quiet (WAIT_QUIET, $(( quiet_deadline - SECONDS ))s left)"
  sleep 8; idle_busy=$(busy_sample)
done
echo "busy before:  ${idle_busy}% of a core (2 s sample before the servers start)" >> "$out/machine.txt"
top -b -n2 -d1 -w 200 2>/dev/null | awk '/^top -/{n++} n==2' | head -15 > "$out/top-before.txt" || true
if [ "$idle_busy" -gt "$OTHER_CPU_WARN" ]; then
  log "WARNING: the machine is already ${idle_busy}% busy before the benchmark starts (see $out/top-before.txt)"
  warnings+=("machine already ${idle_busy}% of a core busy before the run (see top-before.txt)")
fi

# ---------------------------------------------------------------- nginx
nginx_conf_common() {   # $1 = prefix dir, $2 = workers
  cat <<EOF
worker_processes $2;
daemon off;
pid $1/nginx.pid;
error_log $1/logs/error.log warn;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 4096; }
EOF
}
http_common() {          # $1 = prefix dir
  cat <<EOF
    access_log off;
    default_type text/plain;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    client_body_temp_path $1/tmp/body;
    proxy_temp_path $1/tmp/proxy;
    fastcgi_temp_path $1/tmp/fastcgi;
    uwsgi_temp_path $1/tmp/uwsgi;
    scgi_temp_path $1/tmp/scgi;
EOF
}

write_backend_conf() {
  local p="$tmp/backend"; mkdir -p "$p/logs" "$p/tmp"
  {
    nginx_conf_common "$p" 1
    echo "http {"
    http_common "$p"
    cat <<EOF
    server {
        listen 127.0.0.1:$BACKEND_H1;
        listen 127.0.0.1:$BACKEND_H2 http2;
        location / {
            return 200 "hello from the polygate benchmark backend: fixed text/plain body, 80 bytes long\n";
        }
    }
}
EOF
  } > "$p/nginx.conf"
}

write_proxy_conf() {
  local p="$tmp/proxy"; mkdir -p "$p/logs" "$p/tmp"
  {
    nginx_conf_common "$p" "$PROXY_WORKERS"
    echo "http {"
    http_common "$p"
    cat <<EOF
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
EOF
  } > "$p/nginx.conf"
}

start_nginx() {   # $1 = name (backend|proxy); sets ${1}_pid
  local p="$tmp/$1"
  nginx -t -q -p "$p" -c "$p/nginx.conf" || die "nginx $1: config test failed (see above)"
  nginx -p "$p" -c "$p/nginx.conf" &
  local pid=$!
  pids+=("$pid")
  printf -v "${1}_pid" '%s' "$pid"
  cp "$p/nginx.conf" "$out/nginx-$1.conf"
}

wait_http() {     # $1 = url, $2 = seconds, $3 = pid that must stay alive, [$4 = curl opt]
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    curl -sf -o /dev/null ${4:-} "$1" && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
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
gateway_pid="" gateway_problem=""
jar_stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" -path "$root/interop-tests" -prune -o -path "$root/benchmarks" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit 2>/dev/null)" ]
}
start_gateway() {
  if [ "$BUILD" = 1 ] || { [ "$BUILD" = auto ] && jar_stale; }; then
    log "building the gateway (mvn -B -q -DskipTests package -pl edge -am) ..."
    if ! (cd "$root" && mvn -B -q -DskipTests package -pl edge -am) > "$out/gateway-build.log" 2>&1; then
      gateway_problem="build failed (see $out/gateway-build.log)"; return 1
    fi
  fi
  [ -f "$jar" ] || { gateway_problem="no jar at $jar"; return 1; }
  cp "$gw_config" "$out/gateway-bench.yaml"
  log "starting the gateway on 127.0.0.1:$GW_PORT (h1 + h2c), admin :$GW_ADMIN; JVM opts: $BENCH_JAVA_OPTS"
  # shellcheck disable=SC2086  # word splitting of the JVM options is intended
  "$JAVA_BIN" $BENCH_JAVA_OPTS -jar "$jar" run --config "$gw_config" > "$out/gateway.log" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
  if ! wait_http "http://127.0.0.1:$GW_ADMIN/ready" "$READY_TIMEOUT" "$gateway_pid"; then
    if kill -0 "$gateway_pid" 2>/dev/null; then
      gateway_problem="not ready after ${READY_TIMEOUT}s (see $out/gateway.log)"
    else
      gateway_problem="exited during start-up (see $out/gateway.log)"
    fi
    return 1
  fi
}
if [ "$GATEWAY" != 0 ]; then
  start_gateway || log "GATEWAY PROBLEM: $gateway_problem"
fi

# ---------------------------------------------------------------- sanity check (one request each)
declare -A case_ok
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

# ---------------------------------------------------------------- CPU accounting
proc_ticks() {  # utime+stime of the given pids (and their children) in clock ticks
  local total=0 p c t
  for p in "$@"; do
    for c in "$p" $(ps -o pid= --ppid "$p" 2>/dev/null); do
      t=$(sed 's/^.*) //' "/proc/$c/stat" 2>/dev/null | awk '{print $12 + $13}') || t=0
      total=$(( total + ${t:-0} ))
    done
  done
  echo "$total"
}
reaped_ticks() { sed 's/^.*) //' /proc/$$/stat | awk '{print $14 + $15}'; }  # cutime+cstime: reaped children (the load tool)
sys_busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }   # user nice system irq softirq steal
foreign_ticks() {  # "pid ticks" for every user-space process outside this script's process tree
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v root=$$ '
    { i = match($0, /\) [A-Za-z] /); if (!i) next
      pid = $1; n = split(substr($0, i + 2), f, " "); pp[pid] = f[2]; t[pid] = f[12] + f[13] }
    END { for (p in t) {
            q = p; mine = 0; kern = (p == 2 || pp[p] == 2)
            for (k = 0; k < 64 && q != "" && q > 1; k++) { if (q == root) { mine = 1; break }; q = pp[q] }
            if (!mine && !kern && p != 1) print p, t[p] } }' || true
}
foreign_delta() {  # $1, $2 = foreign_ticks snapshots before/after: ticks used in between
  awk 'NR==FNR { a[$1] = $2; next } { d = $2 - (($1 in a) ? a[$1] : 0); if (d > 0) s += d } END { print s + 0 }' "$1" "$2"
}

# ---------------------------------------------------------------- runners
to_ms() {  # wrk latency "812.00us" / "1.23ms" / "1.01s" / "2.00m" -> ms
  awk -v v="$1" 'BEGIN{
    if (v ~ /us$/) { sub(/us$/,"",v); printf "%.3f", v/1000 }
    else if (v ~ /ms$/) { sub(/ms$/,"",v); printf "%.3f", v }
    else if (v ~ /m$/)  { sub(/m$/,"",v);  printf "%.3f", v*60000 }
    else if (v ~ /s$/)  { sub(/s$/,"",v);  printf "%.3f", v*1000 }
    else printf "?" }'
}
load_h1() {  # $1 = url, $2 = seconds, $3 = output file
  timeout -k 5 $(( $2 + 30 )) wrk -t"$THREADS" -c"$CONNS" -d"$2"s --latency "$1" > "$3" 2>&1
}
load_h2() {  # $1 = url, $2 = seconds, $3 = output file, [$4 = per-request log]
  local lf=(); [ -n "${4:-}" ] && lf=(--log-file="$4")
  timeout -k 5 $(( $2 + 30 )) h2load -t"$THREADS" -c"$H2_CONNS" -m"$H2_STREAMS" -D "$2" "${lf[@]}" "$1" > "$3" 2>&1
}

declare -A R_rps R_p50 R_p99 R_err R_cpu R_tool
measure() {  # $1 = case key (target-proto), $2 = url, $3 = h1|h2, $4 = pid of the proxy under test ("" for direct)
  local key=$1 url=$2 proto=$3 ppid=$4 raw rc=0
  R_tool[$key]=$([ "$proto" = h1 ] && echo wrk || echo h2load)
  if [ "${case_ok[$key]:-0}" != 1 ]; then
    R_rps[$key]="n/a"; R_p50[$key]="n/a"; R_p99[$key]="n/a"; R_err[$key]="not run (sanity check failed)"; R_cpu[$key]=""
    return 0
  fi
  log "measuring $key ($url, ${DURATION}s)"
  local b0 p0 s0 l0; b0=$(proc_ticks "$backend_pid"); p0=$( [ -n "$ppid" ] && proc_ticks "$ppid" || echo 0 ); s0=$(sys_busy_ticks)
  foreign_ticks > "$tmp/foreign0"
  # mid-run top snapshot (second frame: per-process %CPU over 1s)
  ( sleep $(( DURATION / 2 )); top -b -n2 -d1 -w 200 2>/dev/null | awk '/^top -/{n++} n==2' | head -20 > "$out/top-$key.txt" ) &
  local topper=$!
  l0=$(reaped_ticks)
  if [ "$proto" = h1 ]; then
    raw="$out/wrk-$key.txt"
    load_h1 "$url" "$DURATION" "$raw" || rc=$?
  else
    raw="$out/h2load-$key.txt"
    load_h2 "$url" "$DURATION" "$raw" "$tmp/h2load-$key.log" || rc=$?
  fi
  local b1 p1 s1 l1; l1=$(reaped_ticks); b1=$(proc_ticks "$backend_pid"); p1=$( [ -n "$ppid" ] && proc_ticks "$ppid" || echo 0 ); s1=$(sys_busy_ticks)
  foreign_ticks > "$tmp/foreign1"
  wait "$topper" 2>/dev/null || true
  # CPU in % of one core, over the measured duration
  local bc pc lc tc oc ic
  pct_of() { awk -v d="$1" -v t="$ticks" -v s="$DURATION" 'BEGIN{printf "%.0f", 100*d/t/s}'; }
  bc=$(pct_of $((b1-b0))); pc=$(pct_of $((p1-p0))); lc=$(pct_of $((l1-l0))); tc=$(pct_of $((s1-s0)))
  oc=$(pct_of "$(foreign_delta "$tmp/foreign0" "$tmp/foreign1")")
  ic=$(( tc - bc - pc - lc - oc )); [ "$ic" -ge 0 ] || ic=0
  R_cpu[$key]="$bc|$pc|$lc|$ic|$oc|$tc"
  {
    echo "backend nginx CPU%: $bc"; echo "proxy under test CPU%: $pc"; echo "load generator CPU%: $lc"
    echo "other processes on the machine (outside this script's process tree) CPU%: $oc"
    echo "kernel, not charged to a process (softirq for loopback networking, kernel threads) CPU%: $ic"
    echo "total busy CPU% (all cores): $tc"
    echo "(100% = one core, over ${DURATION}s; this machine has $(nproc) cores)"
  } > "$out/cpu-$key.txt"
  if [ "$oc" -gt "$OTHER_CPU_WARN" ]; then
    log "WARNING: $key: ${oc}% CPU went to processes outside the benchmark (see $out/top-$key.txt); results are disturbed"
    warnings+=("$key: ${oc}% of a core used outside the benchmark during the measurement (see top-$key.txt)")
  fi

  if [ "$proto" = h1 ]; then
    R_rps[$key]=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' "$raw")
    R_p50[$key]=$(to_ms "$(awk '$1=="50%"{print $2}' "$raw")")
    R_p99[$key]=$(to_ms "$(awk '$1=="99%"{print $2}' "$raw")")
    local non2xx sockerr total
    total=$(awk '/requests in/{print $1}' "$raw")
    non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/{print $2}' "$raw")
    sockerr=$(awk '/Socket errors:/{sub(/.*Socket errors: */,""); print}' "$raw")
    R_err[$key]="${total:-?} req; non-2xx/3xx: ${non2xx:-0}; socket errors: ${sockerr:-none}"
  else
    local lf="$tmp/h2load-$key.log"
    R_rps[$key]=$(awk '/^finished in/{for(i=1;i<=NF;i++) if($(i+1) ~ /^req\/s/) {gsub(/,/,"",$i); printf "%.0f", $i}}' "$raw")
    if [ -s "$lf" ]; then
      # column 3 = microseconds until end of response; nearest-rank percentiles
      local pct; pct=$(cut -f3 "$lf" | sort -n | awk '{a[NR]=$1} END{
          if (NR==0) { print "? ?"; exit }
          i50=int(NR*0.50+0.999999); i99=int(NR*0.99+0.999999); if(i50<1)i50=1; if(i99<1)i99=1
          printf "%.3f %.3f", a[i50]/1000, a[i99]/1000 }')
      R_p50[$key]=${pct% *}; R_p99[$key]=${pct#* }
      awk -F'\t' '{c[$2]++} END{for(k in c) printf "%s %d\n", k, c[k]}' "$lf" | sort > "$out/h2load-$key.status-codes.txt"
      gzip -c "$lf" > "$out/h2load-$key.log.gz"; rm -f "$lf"
    else
      R_p50[$key]="?"; R_p99[$key]="?"
    fi
    local reqs codes
    reqs=$(awk '/^requests:/{sub(/^requests: */,""); print}' "$raw")
    codes=$(awk '/^status codes:/{sub(/^status codes: */,""); print}' "$raw")
    R_err[$key]="requests: ${reqs:-?}; status codes: ${codes:-?}"
  fi
  [ "$rc" -eq 0 ] || R_err[$key]="${R_err[$key]}; load tool exit code $rc"
  [ -n "${R_rps[$key]}" ] || R_rps[$key]="?"
}

warm() {     # $1 = case key, $2 = url, $3 = h1|h2
  [ "${case_ok[$1]:-0}" = 1 ] || return 0
  log "warm-up $1 (${WARMUP}s)"
  if [ "$3" = h1 ]; then load_h1 "$2" "$WARMUP" "$out/warmup-$1.txt" || true
  else load_h2 "$2" "$WARMUP" "$out/warmup-$1.txt" || true; fi
}

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
ratio() { awk -v a="${R_rps[$1]:-}" -v b="${R_rps[$2]:-}" 'BEGIN{ if (a+0>0 && b+0>0) printf "%.2f", a/b; else printf "n/a" }'; }
row() {  # $1 = key, $2 = label
  if [ -z "${R_tool[$1]:-}" ]; then
    printf '| %s | %s | n/a | n/a | n/a | not run%s |\n' "$2" "$3" "${gateway_problem:+: gateway $gateway_problem}"
  else
    printf '| %s | %s | %s | %s | %s | %s |\n' "$2" "${R_tool[$1]}" "${R_rps[$1]}" "${R_p50[$1]}" "${R_p99[$1]}" "${R_err[$1]}"
  fi
}
cpurow() {
  local c="${R_cpu[$1]:-}"; [ -n "$c" ] || return 0
  IFS='|' read -r bc pc lc ic oc tc <<<"$c"
  local per="-"
  [ "$3" != "-" ] && per=$(awk -v p="$pc" -v r="${R_rps[$1]}" 'BEGIN{ if (r+0>0) printf "%.0f", p/100*1e6/r; else printf "n/a" }')
  printf '| %s | %s%% | %s | %s | %s%% | %s%% | %s%% | %s%% |\n' "$2" "$bc" "$( [ "$3" = "-" ] && echo "-" || echo "$pc% ($3)")" \
    "$per" "$lc" "$ic" "$oc" "$tc"
}
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
  echo
  echo "raw outputs: $out"
  if [ ${#warnings[@]} -gt 0 ]; then
    echo; echo "**WARNINGS** (numbers disturbed by other load on the machine):"
    for w in "${warnings[@]}"; do echo "- $w"; done
  fi
  [ -n "$gateway_problem" ] && echo && echo "**GATEWAY PROBLEM:** $gateway_problem"
  true
} | tee "$out/summary.md"

[ "$GATEWAY" = 0 ] || [ -z "$gateway_problem" ] || exit 1
