#!/usr/bin/env bash
# The backup/restore test (README "Backup and restore"), against a running cluster (scripts/cluster.sh start):
# back up its database and bucket while it runs, restore into a new empty database and a new empty
# bucket (a second storage server), and compare: every table's row count and checksum as of the
# dump's snapshot, every object's SHA-256, every file a row names present with its size.
# Exits non-zero on any difference. .ci/run runs it after the cluster smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_NO_WARNINGS=1
eval "$(scripts/cluster.sh env 1 | sed 's/^/export /')"
S3_PORT=${CLUSTER_S3_PORT:-4710}
CHECK_PORT=$(( S3_PORT + 1 ))
TMP=$(mktemp -d /tmp/accredit-backup.XXXXXX)
SRC_DB=$DATABASE_URL
RESTORE_DB="${SRC_DB%/*}/accredit_restore_check"
ADMIN_DB="${SRC_DB%/*}/postgres"
cleanup() {
  if [ -n "${STORAGE_PID:-}" ]; then
    kill -TERM "$STORAGE_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$STORAGE_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  psql "$ADMIN_DB" -qc "drop database if exists accredit_restore_check with (force)" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "== backup of the running cluster"
npx tsx scripts/backup.ts backup "$TMP/backup"

echo "== an empty database and an empty bucket"
psql "$ADMIN_DB" -qc "drop database if exists accredit_restore_check with (force)"
psql "$ADMIN_DB" -qc "create database accredit_restore_check"
STORAGE_PORT=$CHECK_PORT STORAGE_DIR="$TMP/s3" S3_BUCKET=${S3_BUCKET:-accredit} node_modules/.bin/tsx scripts/storage-server.ts >"$TMP/storage.log" 2>&1 &
# tsx itself (not npx, which would leave tsx and its node child running when killed): it passes SIGTERM on.
STORAGE_PID=$!
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$CHECK_PORT) 2>/dev/null && break; sleep 0.2; done

echo "== restore"
DATABASE_URL=$RESTORE_DB S3_ENDPOINT="http://127.0.0.1:$CHECK_PORT" npx tsx scripts/backup.ts restore "$TMP/backup"

echo "== verify"
DATABASE_URL=$RESTORE_DB S3_ENDPOINT="http://127.0.0.1:$CHECK_PORT" npx tsx scripts/backup.ts verify "$TMP/backup"
