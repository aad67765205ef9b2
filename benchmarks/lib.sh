# Shared by the benchmark scripts (run.sh, grpc.sh, soap.sh): sourced, never run. The caller sets its settings,
# ports and `here`/`root` first, then calls bench_init; everything it starts goes into `pids` and is
# stopped on exit. Results go to $out (benchmarks/results/<UTC timestamp>[-suffix]).
# shellcheck shell=bash

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- common settings (env overridable)
DURATION="${DURATION:-15}"            # seconds per measured case
WARMUP="${WARMUP:-10}"                # seconds of warm-up per case (same for all)
THREADS="${THREADS:-2}"               # load-generator threads (wrk -t, h2load -t)
CONNS="${CONNS:-64}"                  # wrk connections (HTTP/1.1 keep-alive)
PROXY_WORKERS="${PROXY_WORKERS:-2}"   # nginx proxy worker_processes (match -Dpolygate.eventLoops)
JAVA_BIN="${JAVA:-java}"
BENCH_JAVA_OPTS="${POLYGATE_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC -Dpolygate.eventLoops=2}"
BUILD="${BUILD:-auto}"                # auto: build the jar if missing or stale; 1: always; 0: never
GATEWAY="${GATEWAY:-1}"               # 0: skip the gateway cases
INSTALL="${INSTALL:-1}"               # 0: do not apt-get install missing tools
READY_TIMEOUT="${READY_TIMEOUT:-90}"  # seconds to wait for the gateway's /ready
OTHER_CPU_WARN="${OTHER_CPU_WARN:-25}" # warn when processes outside the benchmark use more (% of a core)
WAIT_QUIET="${WAIT_QUIET:-0}"         # seconds to wait for the machine to go quiet before starting (0: don't)
JFR="${JFR:-0}"                       # 1: record the gateway with Java Flight Recorder, summarise hot methods
MVN_ARGS="${MVN_ARGS:-}"              # extra Maven arguments for the builds, e.g. -o (offline)
DEP_PLUGIN="${DEP_PLUGIN:-2.8}"       # maven-dependency-plugin version used for the benchmark programs' classpaths

jar="$root/edge/target/polygate.jar"
# the demo jar (the product plus the demo and test backends): the Calculator and the descriptor set come from it
demo_jar="$root/demo/target/polygate-demo.jar"

# bench_init SUFFIX VAR... : checks the named numeric settings, creates $out and $tmp, installs the exit trap
bench_init() {
  local suffix=$1; shift
  local v
  for v in DURATION WARMUP THREADS CONNS PROXY_WORKERS READY_TIMEOUT OTHER_CPU_WARN "$@"; do
    [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || die "$v must be a positive integer (got '${!v}')"
  done
  [[ "$WAIT_QUIET" =~ ^[0-9]+$ ]] || die "WAIT_QUIET must be a non-negative integer (got '$WAIT_QUIET')"
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  out="$here/results/$stamp${suffix:+-$suffix}"
  mkdir -p "$out"
  tmp="$(mktemp -d /tmp/polygate-bench.XXXXXX)"
  chmod 755 "$tmp"   # nginx workers may run as nobody
  pids=()
  warnings=()
  ticks="$(getconf CLK_TCK)"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local rc=$?
  set +e
  local p d
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  # keep the nginx error logs with the results
  for d in "$tmp"/*/; do
    d="${d%/}"
    [ -s "$d/logs/error.log" ] && cp "$d/logs/error.log" "$out/nginx-$(basename "$d")-error.log"
  done
  [ "$JFR" = 1 ] && [ -s "$out/gateway.jfr" ] && jfr_summary "$out/gateway.jfr" > "$out/gateway-jfr-hot-methods.txt" 2>&1
  rm -rf "$tmp"
  exit "$rc"
}

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

port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
check_ports() {
  local p
  for p in "$@"; do
    port_busy "$p" && die "port 127.0.0.1:$p is already in use; stop whatever holds it"
  done
  return 0
}

# ---------------------------------------------------------------- machine facts
machine_facts() {  # $1 = parameters line
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
    if [ "$GATEWAY" != 0 ] || [ "${NEEDS_JAVA:-0}" = 1 ]; then
      echo "java:         $("$JAVA_BIN" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
    fi
    [ "$GATEWAY" != 0 ] && echo "JVM opts:     $BENCH_JAVA_OPTS$( [ "$JFR" = 1 ] && echo ' + JFR')"
    if git -C "$root" rev-parse --short HEAD >/dev/null 2>&1; then
      echo "gateway rev:  $(git -C "$root" rev-parse --short HEAD)$( [ -n "$(git -C "$root" --no-optional-locks status --porcelain 2>/dev/null)" ] && echo ' (+ uncommitted changes)')"
    fi
    echo "parameters:   $1"
  } > "$out/machine.txt"
}

busy_sample() {  # % of one core busy over 2 s
  local a b; a=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat); sleep 2; b=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat)
  awk -v d=$((b-a)) -v t="$ticks" 'BEGIN{printf "%.0f", 100*d/t/2}'
}
quiet_check() {  # is the machine quiet? (2 s sample before anything starts)
  local idle_busy quiet_deadline
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
}

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

start_nginx() {   # $1 = name (config in $tmp/$1/nginx.conf); sets ${1}_pid
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

wait_port() {     # $1 = port, $2 = seconds, $3 = pid that must stay alive
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    port_busy "$1" && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------- benchmark programs (backends, load generators)
# A benchmark program is a folder with a pom.xml (packaging pom, not a module of the parent build: only its
# classpath is asked for) and src/*.java, compiled with javac against that classpath and the proto module's classes.
proto_classes() {  # builds proto/target/classes (the generated demo.greeter.v1 classes) when missing
  if [ ! -f "$root/proto/target/classes/dev/polygate/demo/greeter/v1/GreeterGrpc.class" ]; then
    log "building the proto module (generated demo.greeter.v1 classes) ..."
    # shellcheck disable=SC2086
    (cd "$root" && mvn -B -q $MVN_ARGS -DskipTests package -pl proto) > "$out/proto-build.log" 2>&1 \
      || die "proto build failed (see $out/proto-build.log)"
  fi
}
# build_program DIR: sets program_cp to the program's classes + the proto classes + its dependencies
build_program() {
  local dir=$1 name; name=$(basename "$1")
  local classes="$dir/target/classes" cpfile="$dir/target/classpath.txt" stamp="$dir/target/compiled.stamp" cp
  proto_classes
  mkdir -p "$dir/target"
  if [ ! -s "$cpfile" ] || [ "$dir/pom.xml" -nt "$cpfile" ]; then
    log "resolving the classpath of $name/pom.xml ..."
    # shellcheck disable=SC2086
    mvn -B -q $MVN_ARGS -f "$dir/pom.xml" \
        "org.apache.maven.plugins:maven-dependency-plugin:$DEP_PLUGIN:build-classpath" \
        -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime > "$out/$name-classpath.log" 2>&1 \
      || die "could not resolve the dependencies of $name (see $out/$name-classpath.log)"
  fi
  cp="$root/proto/target/classes:$(cat "$cpfile")"
  if [ ! -f "$stamp" ] || [ "$cpfile" -nt "$stamp" ] || [ -n "$(find "$dir/src" -name '*.java' -newer "$stamp" -print -quit)" ]; then
    log "compiling $name ..."
    rm -rf "$classes"; mkdir -p "$classes"
    javac -d "$classes" -cp "$cp" "$dir"/src/*.java > "$out/$name-build.log" 2>&1 \
      || die "$name: compile failed (see $out/$name-build.log)"
    touch "$stamp"
  fi
  program_cp="$classes:$cp"
}

# ---------------------------------------------------------------- gateway
gateway_pid="" gateway_problem=""
jar_stale() {
  [ ! -f "$jar" ] || [ ! -f "$demo_jar" ] && return 0
  [ -n "$(find "$root" -path "$root/interop-tests" -prune -o -path "$root/benchmarks" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \( -newer "$jar" -o -newer "$demo_jar" \) \
      -print -quit 2>/dev/null)" ]
}
build_gateway() {  # builds both jars (and proto/target/classes) when BUILD says so
  if [ "$BUILD" = 1 ] || { [ "$BUILD" = auto ] && jar_stale; }; then
    log "building the gateway (mvn -B -q $MVN_ARGS -DskipTests package -pl demo -am) ..."
    # shellcheck disable=SC2086
    if ! (cd "$root" && mvn -B -q $MVN_ARGS -DskipTests package -pl demo -am) > "$out/gateway-build.log" 2>&1; then
      gateway_problem="build failed (see $out/gateway-build.log)"; return 1
    fi
  fi
  [ -f "$jar" ] || { gateway_problem="no jar at $jar"; return 1; }
  [ -f "$demo_jar" ] || { gateway_problem="no jar at $demo_jar"; return 1; }
}
start_gateway() {  # uses gw_config, GW_PORT, GW_ADMIN
  build_gateway || return 1
  cp "$gw_config" "$out/$(basename "$gw_config")"
  local opts="$BENCH_JAVA_OPTS"
  # profile settings: ~20 ms sampling; the recording is dumped when the JVM exits (SIGTERM from the cleanup)
  [ "$JFR" = 1 ] && opts="$opts -XX:StartFlightRecording=settings=profile,filename=$out/gateway.jfr,dumponexit=true"
  log "starting the gateway on 127.0.0.1:$GW_PORT (h1 + h2c), admin :$GW_ADMIN; JVM opts: $opts"
  # shellcheck disable=SC2086  # word splitting of the JVM options is intended
  "$JAVA_BIN" $opts -jar "$jar" run --config "$gw_config" > "$out/gateway.log" 2>&1 &
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

# Top frames of the gateway's execution samples (self time), and the top polygate frames anywhere on the stack.
jfr_summary() {  # $1 = .jfr file
  command -v jfr >/dev/null || { echo "jfr tool not found"; return 0; }
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$1" | awk '
    /stackTrace = \[/ { inst = 1; first = 1; delete seen; n++; next }
    inst && /^[[:space:]]*\]/ { inst = 0; next }
    inst {
      line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*/, "", line)
      if (line == "..." || line == "") next
      if (first) { self[line]++; first = 0 }
      if (line ~ /^dev\.polygate\./ && !(line in seen)) { seen[line] = 1; incl[line]++ }
    }
    END {
      printf "%d execution samples\n\nself (top of stack):\n", n
      for (m in self) printf "%6.2f%%  %s\n", 100 * self[m] / n, m | "sort -rn | head -40"
      close("sort -rn | head -40")
      printf "\npolygate methods on the stack (inclusive):\n"
      for (m in incl) printf "%6.2f%%  %s\n", 100 * incl[m] / n, m | "sort -rn | head -40"
    }'
}

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
load_h1() {  # $1 = url, $2 = seconds, $3 = output file, [wrk args..., e.g. -s script.lua]
  local url=$1 secs=$2 file=$3
  shift 3
  timeout -k 5 $(( secs + 30 )) wrk -t"$THREADS" -c"$CONNS" -d"$secs"s --latency "$@" "$url" > "$file" 2>&1
}
load_h2() {  # $1 = url, $2 = seconds, $3 = output file, $4 = per-request log ("" for none), [h2load args...]
  local url=$1 secs=$2 file=$3 lf=()
  [ -n "$4" ] && lf=(--log-file="$4")
  shift 4
  timeout -k 5 $(( secs + 30 )) h2load -t"$THREADS" -c"$H2_CONNS" -m"$H2_STREAMS" -D "$secs" "${lf[@]}" "$@" "$url" > "$file" 2>&1
}

# record_cpu KEY BACKEND PROXY LOAD OTHER TOTAL [LINE...]: % of one core each; the kernel's share is what is left.
# Sets R_cpu[KEY], writes cpu-KEY.txt (with the extra lines), warns when other processes took more than OTHER_CPU_WARN.
record_cpu() {
  local key=$1 bc=$2 pc=$3 lc=$4 oc=$5 tc=$6 ic
  shift 6
  ic=$(( tc - bc - pc - lc - oc )); [ "$ic" -ge 0 ] || ic=0
  R_cpu[$key]="$bc|$pc|$lc|$ic|$oc|$tc"
  {
    echo "backend CPU%: $bc"; echo "proxy under test CPU%: $pc"; echo "load generator CPU%: $lc"
    echo "other processes on the machine (outside this script's process tree) CPU%: $oc"
    echo "kernel, not charged to a process (softirq for loopback networking, kernel threads) CPU%: $ic"
    echo "total busy CPU% (all cores): $tc"
    [ $# -eq 0 ] || printf '%s\n' "$@"
    echo "(100% = one core, over ${DURATION}s measured; this machine has $(nproc) cores)"
  } > "$out/cpu-$key.txt"
  if [ "$oc" -gt "$OTHER_CPU_WARN" ]; then
    log "WARNING: $key: ${oc}% CPU went to processes outside the benchmark (see $out/top-$key.txt); results are disturbed"
    warnings+=("$key: ${oc}% of a core used outside the benchmark during the measurement (see top-$key.txt)")
  fi
}

declare -A case_ok R_rps R_p50 R_p99 R_err R_cpu R_tool
declare -A EXPECT_DATA   # case key -> expected response body (DATA) bytes per request, checked for h2load cases
# measure KEY URL h1|h2 PROXY_PID [h2load or wrk args...]: PROXY_PID "" for direct; uses $backend_pid
measure() {
  local key=$1 url=$2 proto=$3 ppid=$4 raw rc=0
  shift 4
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
    load_h1 "$url" "$DURATION" "$raw" "$@" || rc=$?
  else
    raw="$out/h2load-$key.txt"
    load_h2 "$url" "$DURATION" "$raw" "$tmp/h2load-$key.log" "$@" || rc=$?
  fi
  local b1 p1 s1 l1; l1=$(reaped_ticks); b1=$(proc_ticks "$backend_pid"); p1=$( [ -n "$ppid" ] && proc_ticks "$ppid" || echo 0 ); s1=$(sys_busy_ticks)
  foreign_ticks > "$tmp/foreign1"
  wait "$topper" 2>/dev/null || true
  # CPU in % of one core, over the measured duration
  local bc pc lc tc oc ic
  pct_of() { awk -v d="$1" -v t="$ticks" -v s="$DURATION" 'BEGIN{printf "%.0f", 100*d/t/s}'; }
  bc=$(pct_of $((b1-b0))); pc=$(pct_of $((p1-p0))); lc=$(pct_of $((l1-l0))); tc=$(pct_of $((s1-s0)))
  oc=$(pct_of "$(foreign_delta "$tmp/foreign0" "$tmp/foreign1")")
  record_cpu "$key" "$bc" "$pc" "$lc" "$oc" "$tc"

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
    if [ -n "${EXPECT_DATA[$key]:-}" ]; then
      # every answer must carry the expected body: an error answered without one (a gRPC trailers-only
      # status, which h2load counts as a 2xx success) shows up as fewer DATA bytes per request
      local per
      per=$(awk '/^traffic:/{ for (i = 1; i <= NF; i++) if ($i ~ /^data/) { d = $(i-1); gsub(/[()]/, "", d) } }
                 /^requests:/{ for (i = 1; i <= NF; i++) if ($(i+1) ~ /^succeeded/) s = $i }
                 END { if (s > 0) printf "%.2f", d / s; else printf "?" }' "$raw")
      R_err[$key]="${R_err[$key]}; body bytes/request: $per (expected ${EXPECT_DATA[$key]})"
      if ! awk -v a="$per" -v e="${EXPECT_DATA[$key]}" 'BEGIN{ exit !(a + 0 >= e - 0.01 && a + 0 <= e + 0.5) }'; then
        R_err[$key]="${R_err[$key]} MISMATCH"
        warnings+=("$key: $per body bytes per request instead of ${EXPECT_DATA[$key]}: some answers were errors")
      fi
    fi
  fi
  [ "$rc" -eq 0 ] || R_err[$key]="${R_err[$key]}; load tool exit code $rc"
  [ -n "${R_rps[$key]}" ] || R_rps[$key]="?"
}

warm() {     # $1 = case key, $2 = url, $3 = h1|h2, [h2load or wrk args...]
  local key=$1 url=$2 proto=$3
  shift 3
  [ "${case_ok[$key]:-0}" = 1 ] || return 0
  log "warm-up $key (${WARMUP}s)"
  if [ "$proto" = h1 ]; then load_h1 "$url" "$WARMUP" "$out/warmup-$key.txt" "$@" || true
  else load_h2 "$url" "$WARMUP" "$out/warmup-$key.txt" "" "$@" || true; fi
}

# ---------------------------------------------------------------- report
ratio() { awk -v a="${R_rps[$1]:-}" -v b="${R_rps[$2]:-}" 'BEGIN{ if (a+0>0 && b+0>0) printf "%.2f", a/b; else printf "n/a" }'; }
row() {  # $1 = key, $2 = label
  if [ -z "${R_tool[$1]:-}" ]; then
    printf '| %s | %s | n/a | n/a | n/a | not run%s |\n' "$2" "$3" "${gateway_problem:+: gateway $gateway_problem}"
  else
    printf '| %s | %s | %s | %s | %s | %s |\n' "$2" "${R_tool[$1]}" "${R_rps[$1]}" "${R_p50[$1]}" "${R_p99[$1]}" "${R_err[$1]}"
  fi
}
cpurow() {  # $1 = key, $2 = label, $3 = proxy process name or "-" for direct
  local c="${R_cpu[$1]:-}"; [ -n "$c" ] || return 0
  IFS='|' read -r bc pc lc ic oc tc <<<"$c"
  local per="-"
  [ "$3" != "-" ] && per=$(awk -v p="$pc" -v r="${R_rps[$1]}" 'BEGIN{ if (r+0>0) printf "%.0f", p/100*1e6/r; else printf "n/a" }')
  printf '| %s | %s%% | %s | %s | %s%% | %s%% | %s%% | %s%% |\n' "$2" "$bc" "$( [ "$3" = "-" ] && echo "-" || echo "$pc% ($3)")" \
    "$per" "$lc" "$ic" "$oc" "$tc"
}
report_tail() {  # raw output location, warnings, gateway problem
  echo
  echo "raw outputs: $out"
  if [ ${#warnings[@]} -gt 0 ]; then
    echo; echo "**WARNINGS** (numbers disturbed by other load on the machine, or answers that were not clean):"
    local w; for w in "${warnings[@]}"; do echo "- $w"; done
  fi
  [ -n "$gateway_problem" ] && echo && echo "**GATEWAY PROBLEM:** $gateway_problem"
  true
}
