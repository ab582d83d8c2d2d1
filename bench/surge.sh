#!/usr/bin/env bash
# `npm run bench:surge`: the registration surge over HTTP (bench/http-surge.ts) in one command.
# Starts the cluster (scripts/cluster.sh: PostgreSQL, storage, CLUSTER_INSTANCES=2 instances, nginx)
# unless one is already running, then runs the bench against it. BENCH_N (200) candidates at once.
# The cluster keeps running afterwards (scripts/cluster.sh stop).
#
# `npm run bench:surge -- --pg-restart`: the fault drill instead (issue #16.4) — the cluster's PostgreSQL
# is restarted (pg_ctl -m immediate) in the middle of the surge; candidates who meet an error retry the step;
# then every acknowledged order and payment must exist once and the instances serve on, never restarted.
# Needs the cluster's own PostgreSQL (no DATABASE_URL of your own). BENCH_PG_DOWN_SECONDS (3),
# BENCH_PG_STOP_MODE (immediate | fast), BENCH_FAULT_AFTER (0.25 of the candidates' orders acknowledged).
#
# The instances get a lighter proof-of-work captcha (CAPTCHA_MAX_NUMBER=2000: the bench client solves
# every candidate's challenge on the same CPUs as the servers; the scheme and its checks are the same),
# and no demo seeding beyond the first start. Everything else is the production configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  --pg-restart) export BENCH_FAULT=pg-restart ;;
  "") ;;
  *) echo "usage: bench/surge.sh [--pg-restart]" >&2; exit 2 ;;
esac
export CLUSTER_DIR=${CLUSTER_DIR:-$(pwd)/data/cluster}
export CAPTCHA_MAX_NUMBER=${CAPTCHA_MAX_NUMBER:-2000}
scripts/cluster.sh start
eval "$(scripts/cluster.sh env 1 | grep '^DATABASE_URL=' | sed 's/^/export /')"
export CLUSTER_URL=${CLUSTER_URL:-http://localhost:${CLUSTER_PORT:-3200}}
NODE_NO_WARNINGS=1 exec npx tsx bench/run.ts http-surge
