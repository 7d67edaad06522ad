#!/usr/bin/env bash
# bench_feeds_http: the daemon's feed route against nginx serving the same
# bytes as a static file, both on loopback, driven by wrk at 50 and 200
# connections, for 200 responses and for 304 revalidations (If-None-Match).
# Then the starvation check: with 50 idle keep-alive connections (and then
# 50 silent ones) held open, how long a fresh request takes.
# Settings under test come from the environment (defaults = our choice):
#   CW_THREADS=256 CW_KEEPALIVE=2 CW_KEEPALIVE_MAX=10000 CW_DURATION=8s
# Fairness: both servers get the same CPU budget, every core of the machine,
# which wrk (-t2) shares with them in every row. nginx runs one event-loop
# worker per core (worker_processes = nproc), its usual configuration; the
# daemon runs CW_THREADS pool threads because cpp-httplib holds one thread per
# open connection (the 200-connection rows need at least 200), so its thread
# count is a connection budget, not a CPU one. Both keep a connection open for
# 10 000 requests. Nothing is pinned: pinning each server to one core and wrk
# to the other would measure a machine neither runs on.
# Bounded: every run is loopback-only and ends; temp files in one mktemp dir.
set -euo pipefail
BUILD="$(cd "$(dirname "$0")/../.." && pwd)"
SOURCE="@CMAKE_SOURCE_DIR@"
CW="$BUILD/daemon/courtwatch"
THREADS="${CW_THREADS:-256}"
KEEPALIVE="${CW_KEEPALIVE:-2}"
KEEPALIVE_MAX="${CW_KEEPALIVE_MAX:-10000}"
DURATION="${CW_DURATION:-8s}"
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "bench_feeds_http: needs $tool (scripts/dev deps)" >&2; exit 1; }
done
TMP="$(mktemp -d /tmp/cw-bench-feeds.XXXXXX)"
DAEMON_PID="" NGINX_PID=""
cleanup() {
  [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CW_PORT=$(free_port); NGINX_PORT=$(free_port)

cat >"$TMP/courtwatch.toml" <<TOML
[database]
path = "$TMP/cw.db"
[server]
listen = "127.0.0.1:$CW_PORT"
public_url = "https://watch.example.org"
threads = $THREADS
keep_alive_timeout = $KEEPALIVE
keep_alive_max_requests = $KEEPALIVE_MAX
[data]
sites_file = "$SOURCE/config/sites.csv"
[feeds]
coordinator_contact = "Coordinator, +1 312 555 0100, watch@example.org"
[log]
level = "warning"
TOML
# 50 sessions at CHI: 25 days, a morning and an afternoon courtroom each.
python3 - "$TMP" <<'PY'
import datetime, sys
tmp = sys.argv[1]
t = datetime.date.today()
with open(f"{tmp}/hearings.csv", "w") as f:
    f.write("date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n")
    for i in range(25):
        d = (t + datetime.timedelta(days=i + 1)).isoformat()
        for j in range(3):
            f.write(f"{d},09:{j * 10:02d},10:30,CHI,Courtroom {i % 9 + 1},Judge {i % 5},master,"
                    f"spanish,{'yes' if j == 0 else 'no'},A{i:04d}{j},,\n")
        f.write(f"{d},13:00,16:00,CHI,Courtroom 12,Judge Z,individual,mam,no,B{i:04d},,\n")
with open(f"{tmp}/volunteers.csv", "w") as f:
    f.write("id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,"
            "active,locale\n")
    for v in range(6):
        f.write(f"v{v:04d},V {v},v{v}@example.org,,watcher,CHI,spanish,3,mon tue wed thu fri,,,yes,en\n")
PY
run() { "$CW" --config "$TMP/courtwatch.toml" "$@"; }
run import csv "$TMP/hearings.csv" >/dev/null
run volunteers import "$TMP/volunteers.csv" >/dev/null
run match --from "$(date -u +%F)" --to "$(date -u -d '+30 days' +%F)" >/dev/null
FEED_PATH="$(run feed-url --site CHI | head -1 | sed 's#^https://watch.example.org##')"

"$CW" --config "$TMP/courtwatch.toml" serve >"$TMP/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$CW_PORT/healthz" >/dev/null && break; sleep 0.1; done
CW_URL="http://127.0.0.1:$CW_PORT$FEED_PATH"
mkdir -p "$TMP/www"
chmod 755 "$TMP" "$TMP/www"  # nginx workers run as nobody
curl -sf -D "$TMP/headers" -o "$TMP/www/feed.ics" "$CW_URL"
ETAG="$(grep -i '^etag:' "$TMP/headers" | cut -d' ' -f2 | tr -d '\r')"
chmod 644 "$TMP/www/feed.ics"
EVENTS="$(grep -c '^BEGIN:VEVENT' "$TMP/www/feed.ics")"

mkdir -p "$TMP/nginx"
cat >"$TMP/nginx.conf" <<NGINX
daemon off;
worker_processes $(nproc);
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/body; proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fcgi; uwsgi_temp_path $TMP/nginx/uwsgi; scgi_temp_path $TMP/nginx/scgi;
  keepalive_requests 10000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
    location / { default_type "text/calendar; charset=utf-8"; add_header Cache-Control "private, max-age=300"; }
  }
}
NGINX
nginx -c "$TMP/nginx.conf" -p "$TMP/nginx" &
NGINX_PID=$!
NGINX_URL="http://127.0.0.1:$NGINX_PORT/feed.ics"
for _ in $(seq 50); do curl -sf -o /dev/null "$NGINX_URL" && break; sleep 0.1; done
NGINX_ETAG="$(curl -sfI "$NGINX_URL" | grep -i '^etag:' | cut -d' ' -f2 | tr -d '\r')"
cmp -s "$TMP/www/feed.ics" <(curl -sf "$NGINX_URL") || { echo "nginx serves other bytes" >&2; exit 1; }

echo "feed: $EVENTS events, $(stat -c %s "$TMP/www/feed.ics") bytes; daemon threads=$THREADS" \
     "keep_alive_timeout=${KEEPALIVE}s keep_alive_max_requests=$KEEPALIVE_MAX; nginx workers=$(nproc);" \
     "wrk -t2 $DURATION per run; $(nproc) cores shared by all; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-6s %5s %10s %9s %9s %9s %8s %s\n' server resp conns req/s p50 p99 max cpu/req errors
# CPU ticks (user + system, every thread) of a process and its children.
cpu_ticks() {  # PID
  local total=0 pid
  for pid in "$1" $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    total=$((total + $(awk '{print $14 + $15}' /proc/"$pid"/stat 2>/dev/null || echo 0)))
  done
  echo "$total"
}
declare -A RPS
bench() {  # NAME RESP CONNS URL [HEADER]
  local out pid before after
  pid=$([ "$1" = courtwatch ] && echo "$DAEMON_PID" || echo "$NGINX_PID")
  before=$(cpu_ticks "$pid")
  out="$(wrk -t2 -c"$3" -d"$DURATION" --latency ${5:+-H "$5"} "$4")"
  after=$(cpu_ticks "$pid")
  local requests cpu
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  # The server's CPU time per request, in microseconds.
  cpu=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { if (n > 0) printf "%.1fus", t / hz * 1e6 / n; else print "-" }')
  local rps p50 p99 max errs non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  max=$(awk '/^    Latency/ {print $4}' <<<"$out")
  errs=$(awk '/Socket errors/ {print $3,$4,$5,$6,$7,$8,$9,$10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-8s %-6s %5s %10s %9s %9s %9s %8s %s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" "$max" \
    "$cpu" "${errs:-none}${non2xx:+ non-2xx/3xx=$non2xx}"
  RPS["$1 $2 $3"]=$rps
}
for conns in 50 200; do
  bench courtwatch 200 "$conns" "$CW_URL"
  bench nginx 200 "$conns" "$NGINX_URL"
  bench courtwatch 304 "$conns" "$CW_URL" "If-None-Match: $ETAG"
  bench nginx 304 "$conns" "$NGINX_URL" "If-None-Match: $NGINX_ETAG"
done
for conns in 50 200; do
  for resp in 200 304; do
    awk -v a="${RPS[courtwatch $resp $conns]}" -v b="${RPS[nginx $resp $conns]}" \
      -v r="$resp" -v c="$conns" 'BEGIN { printf "courtwatch / nginx, %s at %s connections: %.0f%%\n", r, c, 100 * a / b }'
  done
done

# Starvation: 50 idle keep-alive connections (after one request each), then
# 50 silent connections; a fresh request must still be answered fast.
python3 - "$CW_PORT" "$FEED_PATH" <<'PY'
import socket, sys, time
port, path = int(sys.argv[1]), sys.argv[2]
req = f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
def fresh():
    t = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(req.replace(b"Host: x", b"Host: x\r\nConnection: close"))
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    s.close()
    assert data.startswith(b"HTTP/1.1 200"), data[:40]
    return (time.perf_counter() - t) * 1000
for kind in ("keep-alive idle", "silent"):
    held = []
    for _ in range(50):
        s = socket.create_connection(("127.0.0.1", port))
        if kind == "keep-alive idle":
            s.sendall(req)
            s.settimeout(5)
            got = b""
            while b"END:VCALENDAR\r\n" not in got:
                got += s.recv(65536)
        held.append(s)
    worst = max(fresh() for _ in range(20))
    print(f"fresh request with 50 {kind} connections held open: worst of 20 = {worst:.1f} ms")
    for s in held:
        s.close()
PY
