#!/usr/bin/env bash
# Opens Swagger UI (`GET /api-docs`) in headless Debian chromium against a freshly started
# server and checks, on the rendered DOM, that the page lists the API's operations and that
# the browser reported no Content-Security-Policy violation. Also saves a screenshot
# (default target/docs-check/api-docs.png; override with SCREENSHOT=path).
# Needs `chromium` (Debian: apt-get install chromium). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "needs chromium (Debian: apt-get install chromium)" >&2; exit 1; }
# shellcheck source=scripts/serve-for-checks.sh
. scripts/serve-for-checks.sh
start_server

csp=$(curl -fsS -D - -o /dev/null "$BASE_URL/api-docs" | tr -d '\r' | grep -i '^content-security-policy:' || true)
echo "docs page CSP: ${csp#*: }"
case "$csp" in
    *"script-src 'self'"*) ;;
    *) echo "FAIL: /api-docs does not carry the docs CSP" >&2; exit 1 ;;
esac

browse() { # extra chromium flags...
    chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --user-data-dir="$(mktemp -d -p "$WORK")" \
        --virtual-time-budget=15000 --enable-logging=stderr --v=0 "$@" "$BASE_URL/api-docs"
}

browse --dump-dom >"$WORK/dom.html" 2>"$WORK/chromium.log"
screenshot=${SCREENSHOT:-target/docs-check/api-docs.png}
mkdir -p "$(dirname "$screenshot")"
browse --window-size=1280,2400 --screenshot="$screenshot" >/dev/null 2>>"$WORK/chromium.log"

failed=0
if grep -qi "content security policy" "$WORK/chromium.log"; then
    echo "FAIL: the browser reported CSP violations:" >&2
    grep -i "content security policy" "$WORK/chromium.log" | head -5 >&2
    failed=1
fi
# Every documented path must be rendered as an operation.
paths=$(curl -fsS "$BASE_URL/api-docs/openapi.json" \
    | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["paths"]))')
total=0 missing=0
while IFS= read -r path; do
    total=$((total + 1))
    if ! grep -qF "data-path=\"$path\"" "$WORK/dom.html"; then
        echo "FAIL: $path is not listed on the page" >&2
        missing=$((missing + 1))
    fi
done <<<"$paths"
blocks=$(grep -o 'class="opblock opblock-' "$WORK/dom.html" | wc -l)
echo "rendered operations: $blocks; documented paths listed: $((total - missing))/$total"
[ "$blocks" -gt 0 ] || failed=1
[ "$missing" -eq 0 ] || failed=1
grep -qF '/api/v1/requests/{id}/status' "$WORK/dom.html" || failed=1
echo "screenshot: $screenshot"
if [ "$failed" -ne 0 ]; then
    echo "FAIL: Swagger UI check" >&2
    exit 1
fi
echo "OK: Swagger UI renders every documented path under its CSP"
