#!/usr/bin/env bash
# The OpenAPI document proves itself on a generated client (issue 12): starts an SMTP sink and
# a fresh server, generates TypeScript types from the document the server serves
# (openapi-typescript), compiles tests/client with `tsc --strict` (a wrong type in the
# document fails the build), then runs its register → verify → login → create → assign →
# start → complete → rate → close → list flow with openapi-fetch against the server.
# npm packages are pinned in tests/client/package-lock.json and installed with `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null && command -v npm >/dev/null || { echo "needs node and npm" >&2; exit 1; }
# shellcheck source=scripts/serve-for-checks.sh
. scripts/serve-for-checks.sh
client=tests/client
SINK_PID=
stop_all() {
    if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; fi
    stop_server
}
trap stop_all EXIT

(cd "$client" && npm ci --no-audit --no-fund --loglevel=error)
smtp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export BASMA_MAILBOX="$WORK/mailbox.jsonl" BASMA_SMTP_PORT="$smtp_port"
node "$client/sink.mjs" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 50); do
    grep -q "smtp sink on" "$WORK/sink.log" 2>/dev/null && break
    sleep 0.1
done
start_server SMTP_URL="smtp://127.0.0.1:$smtp_port"

export BASMA_OPENAPI_URL="$BASE_URL/api-docs/openapi.json"
(cd "$client" && rm -rf dist && npm run --silent generate && npm run --silent build)
BASMA_BASE_URL="$BASE_URL" BASMA_ADMIN_EMAIL="$ADMIN_EMAIL" BASMA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    node "$client/dist/flow.js" || { echo "server log:" >&2; tail -n 30 "$WORK/server.log" >&2; exit 1; }
