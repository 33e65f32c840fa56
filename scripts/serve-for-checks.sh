# Sourced by the docs checks: builds the server, starts it on a free loopback port against a
# throwaway SQLite database, and stops it on exit. Sets BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD
# and WORK (a temp dir removed on exit).
# shellcheck shell=bash

ADMIN_EMAIL=${ADMIN_EMAIL:-docs-check@basma.test}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-Docs-check-pass-2026}
WORK=$(mktemp -d)
SERVER_PID=

stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop_server EXIT

start_server() { # extra VAR=value settings...
    cargo build --quiet -p basma
    local target bin port
    target=$(cargo metadata --format-version 1 --no-deps \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
    bin="$target/debug/basma"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    BASE_URL="http://127.0.0.1:$port"
    env DATABASE_URL="sqlite://$WORK/basma.db?mode=rwc" \
        BASMA_LISTEN="127.0.0.1:$port" \
        BASMA_JWT_SECRET="docs-check-secret-0123456789abcdef0123456789" \
        BASMA_ADMIN_EMAIL="$ADMIN_EMAIL" BASMA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        BASMA_BCRYPT_COST=4 RUST_LOG="${RUST_LOG:-warn}" \
        "$@" "$bin" serve >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        if curl -fsS "$BASE_URL/health" >/dev/null 2>&1; then return 0; fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
        sleep 0.2
    done
    echo "the server did not come up; its log:" >&2
    tail -n 40 "$WORK/server.log" >&2
    return 1
}
