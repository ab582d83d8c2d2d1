#!/usr/bin/env bash
# Several app instances for real, on this machine (README "Running several instances"):
#
#   PostgreSQL  (/usr/local/bin/initdb + pg_ctl, run as a non-root user)   port CLUSTER_PG_PORT (55450)
#   storage     (scripts/storage-server.ts: the embedded S3 server alone)   port CLUSTER_S3_PORT (4710)
#   N instances (`next start` of one production build)                     ports CLUSTER_APP_PORT (3211) …
#   nginx       (Debian's, in front, loopback only)                        port CLUSTER_PORT (3200)
#
# scripts/cluster.sh start | stop | status | kill N | restart N | stop-db | start-db | stop-storage | start-storage
#
#   start            starts what is not running (builds first when the sources changed)
#   stop             nginx, then each instance gracefully (SIGTERM: requests in flight finish,
#                    claimed jobs released), storage, PostgreSQL
#   kill N           SIGKILL instance N (a drill: it dies holding what it claimed)
#   restart N        SIGTERM instance N, wait, start it again
#   stop-db/start-db, stop-storage/start-storage   take one dependency away and back (drills)
#
# Everything lives under CLUSTER_DIR (data/cluster): data, logs (one JSON line per request),
# pid files, nginx.conf. With DATABASE_URL set, that database is used and no PostgreSQL is
# started (CI). Any other app variable (README's configuration table) passes through to every
# instance. Needs: nginx (apt-get install -y nginx), PostgreSQL binaries in PG_BIN (/usr/local/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

DIR=${CLUSTER_DIR:-$ROOT/data/cluster}
case "$DIR" in /*) ;; *) DIR="$ROOT/$DIR" ;; esac
N=${CLUSTER_INSTANCES:-2}
PORT=${CLUSTER_PORT:-3200}
APP_PORT=${CLUSTER_APP_PORT:-3211}
PG_PORT=${CLUSTER_PG_PORT:-55450}
S3_PORT=${CLUSTER_S3_PORT:-4710}
PG_BIN=${PG_BIN:-/usr/local/bin}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
SITE="http://localhost:$PORT"
S3_KEY=${S3_ACCESS_KEY_ID:-accredit-cluster}
S3_SECRET=${S3_SECRET_ACCESS_KEY:-accredit-cluster-secret-key}
mkdir -p "$DIR/logs" "$DIR/run"

log() { echo "[cluster] $*"; }
pidof_() { local f="$DIR/run/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f" || true; }
wait_http() { # url seconds
  local url=$1 until=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -fsS -o /dev/null --max-time 3 "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

# --- PostgreSQL -------------------------------------------------------------
PG_OS_USER=postgres
id "$PG_OS_USER" >/dev/null 2>&1 || { PG_OS_USER=accredit-ci; id "$PG_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$PG_OS_USER"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi; }
PGDATA_DIR="$DIR/pg"
own_db() { [ -z "${DATABASE_URL:-}" ] || [ "${CLUSTER_OWN_DB:-}" = 1 ]; }
db_url() { echo "postgres://accredit@127.0.0.1:$PG_PORT/accredit"; }

start_db() {
  own_db || return 0
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    mkdir -p "$PGDATA_DIR"; chmod 700 "$PGDATA_DIR"
    [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$PGDATA_DIR" "$DIR/logs"
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U accredit -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$DIR/logs"
  if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then return 0; fi
  log "PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$DIR/logs/postgres.log" -w -o \
    "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=${CLUSTER_PG_MAX_CONNECTIONS:-200} -c fsync=${CLUSTER_PG_FSYNC:-on} -c shared_buffers=${CLUSTER_PG_SHARED_BUFFERS:-256MB}" start >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U accredit -d postgres -tAc "select 1 from pg_database where datname = 'accredit'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$PG_PORT" -U accredit -d postgres -qc "create database accredit"
}
stop_db() {
  own_db || return 0
  [ -f "$PGDATA_DIR/PG_VERSION" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m "${1:-fast}" stop >/dev/null 2>&1 && log "PostgreSQL stopped" || true
}

# --- storage ----------------------------------------------------------------
start_storage() {
  [ -n "$(pidof_ storage)" ] && return 0
  log "storage on 127.0.0.1:$S3_PORT ($DIR/s3)"
  STORAGE_PORT=$S3_PORT STORAGE_DIR="$DIR/s3" S3_ACCESS_KEY_ID=$S3_KEY S3_SECRET_ACCESS_KEY=$S3_SECRET STORAGE_ALLOWED_ORIGINS=$SITE \
    nohup "$ROOT/node_modules/.bin/tsx" scripts/storage-server.ts >>"$DIR/logs/storage.log" 2>&1 &
  echo $! >"$DIR/run/storage.pid"
  local until=$(( $(date +%s) + 30 ))
  until (exec 3<>/dev/tcp/127.0.0.1/$S3_PORT) 2>/dev/null; do
    [ "$(date +%s)" -lt "$until" ] || { log "storage did not start: $DIR/logs/storage.log"; tail -20 "$DIR/logs/storage.log"; exit 1; }
    sleep 0.3
  done
}
stop_storage() {
  local pid; pid=$(pidof_ storage)
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$DIR/run/storage.pid"; log "storage stopped"
}

# --- app instances ----------------------------------------------------------
instance_env() { # i
  local i=$1
  export PORT=$(( APP_PORT + i - 1 )) INSTANCE_ID="app$i" NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NEXT_MANUAL_SIG_HANDLE=true

  export APP_URL=${APP_URL:-$SITE}
  export DATABASE_URL=${DATABASE_URL:-$(db_url)}
  export S3_ENDPOINT="http://127.0.0.1:$S3_PORT" S3_PUBLIC_ENDPOINT="http://localhost:$S3_PORT" S3_ACCESS_KEY_ID=$S3_KEY S3_SECRET_ACCESS_KEY=$S3_SECRET S3_FORCE_PATH_STYLE=true
  # nginx compresses (gzip level 1, in C, off the event loop): the instances send plain responses (saves ~40% of a page's CPU).
  export RESPONSE_COMPRESSION=${RESPONSE_COMPRESSION:-false}
  # One proxy (nginx) in front appends to X-Forwarded-For.
  export TRUSTED_PROXY_HOPS=${TRUSTED_PROXY_HOPS:-1}
  # /api/metrics of each instance (http://127.0.0.1:<port>/api/metrics): a token made once per cluster unless given.
  if [ -z "${METRICS_TOKEN:-}" ]; then
    [ -f "$DIR/metrics-token" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$DIR/metrics-token")
    METRICS_TOKEN=$(cat "$DIR/metrics-token")
  fi
  export METRICS_TOKEN
}
start_instance() { # i
  local i=$1
  [ -n "$(pidof_ "app$i")" ] && return 0
  ( instance_env "$i"
    log "instance app$i on 127.0.0.1:$PORT"
    # CLUSTER_NODE_ARGS: node flags for the instances (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
    # shellcheck disable=SC2086
    nohup node ${CLUSTER_NODE_ARGS:-} "$ROOT/node_modules/next/dist/bin/next" start -H 127.0.0.1 -p "$PORT" >>"$DIR/logs/app$i.log" 2>&1 &
    echo $! >"$DIR/run/app$i.pid" )
}
wait_instance() { # i
  local i=$1 port=$(( APP_PORT + $1 - 1 ))
  wait_http "http://127.0.0.1:$port/api/ready" "${CLUSTER_BOOT_TIMEOUT:-180}" || { log "app$i is not ready: $DIR/logs/app$i.log"; tail -30 "$DIR/logs/app$i.log"; exit 1; }
}
stop_instance() { # i [signal]
  local i=$1 sig=${2:-TERM} pid; pid=$(pidof_ "app$i")
  [ -n "$pid" ] || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$DIR/run/app$i.pid"
  log "app$i stopped ($sig)"
}

# --- nginx ------------------------------------------------------------------
write_nginx_conf() {
  local ng="$DIR/nginx" servers="" pins="" maps="" i
  mkdir -p "$ng/tmp"
  for i in $(seq 1 "$N"); do
    servers+="    server 127.0.0.1:$(( APP_PORT + i - 1 )) max_fails=1 fail_timeout=3s;"$'\n'
    pins+="  upstream accredit_app$i { server 127.0.0.1:$(( APP_PORT + i - 1 )); keepalive 16; }"$'\n'
    maps+="    app$i accredit_app$i;"$'\n'
  done
  local user_line=""
  if [ "$(id -u)" = 0 ]; then user_line="user www-data;"; id www-data >/dev/null 2>&1 || user_line="user nobody nogroup;"; fi
  # nginx serves the build's static files itself when its worker can read them (below); otherwise they go through the
  # instances as every other request does (the cluster smoke test reads which from the generated nginx.conf).
  local static_location="" worker_user
  worker_user=$(echo "$user_line" | awk '{print $2}' | tr -d ';')
  if { [ -z "$worker_user" ] && [ -r "$ROOT/.next/static" ]; } || { [ -n "$worker_user" ] && runuser -u "$worker_user" -- test -r "$ROOT/.next/static/." -a -x "$ROOT/.next/static/."; }; then
    static_location=yes
  else
    log "nginx's worker cannot read $ROOT/.next/static: the build's static files go through the instances"
  fi
  local static_block=""
  if [ -n "$static_location" ]; then
    static_block=$(cat <<EOF
    # The build's hashed, immutable files (scripts, styles, fonts) straight from disk: every instance runs the same
    # build from $ROOT, so the instances' event loops are left to pages and actions. A file nginx cannot read (its
    # worker's user, a build in progress) goes to an instance as before.
    location /_next/static/ {
      alias $ROOT/.next/static/;
      # Only what a build's static folder holds (Debian's mime.types is not needed); the rest is sniffed by nobody.
      types {
        application/javascript js;
        text/css css;
        font/woff2 woff2;
        font/woff woff;
        font/ttf ttf;
        image/svg+xml svg;
        image/png png;
        image/jpeg jpg jpeg;
        image/webp webp;
        image/x-icon ico;
        application/json json;
        text/plain txt map;
      }
      default_type application/octet-stream;
      add_header Cache-Control "public, max-age=31536000, immutable" always;
      add_header X-Content-Type-Options nosniff always;
      error_page 403 404 = @instance;
    }
    location @instance {
      proxy_pass http://\$accredit_upstream;
      add_header X-Upstream \$upstream_addr always;
    }
EOF
)
    static_block+=$'\n'
  fi
  cat >"$ng/nginx.conf" <<EOF
# Generated by scripts/cluster.sh: $N instances behind one nginx on loopback.
$user_line
worker_processes ${CLUSTER_NGINX_WORKERS:-1};
pid $ng/nginx.pid;
error_log $DIR/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  log_format json escape=json '{"time":"\$time_iso8601","requestId":"\$req_id","method":"\$request_method","uri":"\$uri","status":\$status,"upstream":"\$upstream_addr","durationMs":\$request_time,"upstreamMs":"\$upstream_response_time"}';
  access_log ${CLUSTER_NGINX_ACCESS_LOG:-$DIR/logs/nginx-access.log} json;
  client_body_temp_path $ng/tmp/body;
  proxy_temp_path $ng/tmp/proxy;
  fastcgi_temp_path $ng/tmp/fastcgi;
  uwsgi_temp_path $ng/tmp/uwsgi;
  scgi_temp_path $ng/tmp/scgi;
  # Server actions take up to 4 MB; uploads go straight to the storage (presigned PUT).
  client_max_body_size 5m;
  sendfile on;
  keepalive_timeout 65;
  # The instances run with RESPONSE_COMPRESSION=false: compressing here is cheaper (level 1, C, another process).
  gzip on;
  gzip_comp_level 1;
  gzip_min_length 1024;
  gzip_proxied any;
  gzip_vary on;
  gzip_types text/plain text/css text/x-component application/javascript application/json image/svg+xml;

  upstream accredit {
    least_conn;
$servers    keepalive 64;
  }
  # A client may ask for one instance (cookie accredit_instance=app1 …): the cluster smoke test
  # signs in on one and goes on on the other. Anything else is balanced.
$pins
  map \$cookie_accredit_instance \$accredit_upstream {
    default accredit;
$maps  }
  map \$http_x_request_id \$req_id {
    default \$http_x_request_id;
    "" \$request_id;
  }

  server {
    listen 127.0.0.1:$PORT;
    server_name localhost;
    # How requests go to the instances, for every location below that proxies.
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_set_header X-Request-Id \$req_id;
    # A refused connection (an instance stopped or draining) goes to the next one; a request
    # already sent is retried only if it is idempotent (nginx never resends a POST).
    proxy_next_upstream error timeout http_502;
    proxy_next_upstream_tries 3;
    proxy_connect_timeout 2s;
    proxy_read_timeout 120s;
    proxy_buffers 16 16k;
    proxy_buffer_size 32k;
$static_block    location / {
      proxy_pass http://\$accredit_upstream;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
  [ "$(id -u)" = 0 ] && chown -R "$(echo "$user_line" | awk '{print $2}' | tr -d ';')" "$ng/tmp" 2>/dev/null || true
}
start_nginx() {
  [ -x "$NGINX" ] || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 1; }
  write_nginx_conf
  if [ -f "$DIR/nginx/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null; then
    "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s reload; return 0
  fi
  log "nginx on 127.0.0.1:$PORT → $N instance(s)"
  "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/logs/nginx-error.log"
}
stop_nginx() {
  [ -f "$DIR/nginx/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null || return 0
  "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/logs/nginx-error.log" -s quit || true
  for _ in $(seq 1 50); do [ -f "$DIR/nginx/nginx.pid" ] || break; sleep 0.1; done
  log "nginx stopped"
}

status() {
  local i
  if own_db; then as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1 && echo "postgres  up   127.0.0.1:$PG_PORT" || echo "postgres  down"; else echo "postgres  external ($DATABASE_URL)"; fi
  [ -n "$(pidof_ storage)" ] && echo "storage   up   127.0.0.1:$S3_PORT" || echo "storage   down"
  for i in $(seq 1 "$N"); do
    local p=$(( APP_PORT + i - 1 )) st
    st=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$p/api/ready" 2>/dev/null || true)
    [ -n "$(pidof_ "app$i")" ] && echo "app$i      up   127.0.0.1:$p (ready: $st)" || echo "app$i      down"
  done
  [ -f "$DIR/nginx/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null && echo "nginx     up   $SITE" || echo "nginx     down"
}

cmd=${1:-start}
case "$cmd" in
  start)
    start_db
    start_storage
    [ "${CLUSTER_BUILD:-auto}" = skip ] || node scripts/start.mjs --build-only
    # The first instance migrates and seeds alone; the others start once it is ready.
    start_instance 1; wait_instance 1
    for i in $(seq 2 "$N"); do start_instance "$i"; done
    for i in $(seq 2 "$N"); do wait_instance "$i"; done
    start_nginx
    wait_http "$SITE/api/ready" 30 || { log "nginx does not answer: $DIR/logs/nginx-error.log"; exit 1; }
    log "ready: $SITE ($N instances; logs in $DIR/logs)"
    ;;
  stop)
    stop_nginx
    for i in $(seq 1 "$N"); do stop_instance "$i" TERM & done; wait
    stop_storage
    stop_db fast
    ;;
  status) status ;;
  kill) stop_instance "${2:?instance number}" KILL ;;
  restart) stop_instance "${2:?instance number}" TERM; start_instance "$2"; wait_instance "$2" ;;
  start-instance) start_instance "${2:?instance number}"; wait_instance "$2" ;;
  stop-db) stop_db "${2:-fast}" ;;
  start-db) start_db ;;
  stop-storage) stop_storage ;;
  start-storage) start_storage ;;
  env) instance_env "${2:-1}"; env | grep -E '^(PORT|INSTANCE_ID|APP_URL|DATABASE_URL|S3_[A-Z_]*|TRUSTED_PROXY_HOPS|METRICS_TOKEN)=' ;;
  *) sed -n '2,22p' "$0"; exit 2 ;;
esac
