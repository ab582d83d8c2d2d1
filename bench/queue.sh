#!/usr/bin/env bash
# `npm run bench:queue`: the staff queue at scale (bench/staff-queue.ts) in one command. Starts the
# cluster (scripts/cluster.sh) with BENCH_ROUTES=true — restarting running instances that lack it —,
# seeds BENCH_APPS (1,000,000) applications into its database once, and measures.
# `npm run bench:queue -- --drop` deletes the seeded applications (numbers BQ…) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export CLUSTER_DIR=${CLUSTER_DIR:-$(pwd)/data/cluster}
export BENCH_ROUTES=true
N=${CLUSTER_INSTANCES:-2}
scripts/cluster.sh start
eval "$(scripts/cluster.sh env 1 | grep -E '^(DATABASE_URL|METRICS_TOKEN)=' | sed 's/^/export /')"
if [ "${1:-}" = "--drop" ]; then
  psql "$DATABASE_URL" -c "delete from applications where number like 'BQ%'" -c "vacuum analyze applications"
  exit 0
fi
APP_PORT=${CLUSTER_APP_PORT:-3211}
for i in $(seq 1 "$N"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(( APP_PORT + i - 1 ))/api/bench/queue?op=counts&staff=reviewer" -H "authorization: Bearer $METRICS_TOKEN" || true)
  if [ "$code" = 404 ]; then scripts/cluster.sh restart "$i"; fi
done
export CLUSTER_URL=${CLUSTER_URL:-http://localhost:${CLUSTER_PORT:-3200}}
NODE_NO_WARNINGS=1 exec npx tsx bench/run.ts staff-queue
