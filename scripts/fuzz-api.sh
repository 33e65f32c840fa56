#!/usr/bin/env bash
# Property-based API testing with schemathesis against a live server signed in as the
# SUPER_ADMIN: every operation of the OpenAPI document is called with generated valid and
# invalid input, and the run fails on any 5xx, any answer outside the documented statuses,
# content types, headers and schemas, a 405 without `Allow`, or a signed-in operation that
# answers without valid credentials.
#
#   scripts/fuzz-api.sh                      # default budget (MAX_EXAMPLES=50 per operation)
#   MAX_EXAMPLES=10 scripts/fuzz-api.sh     # the bounded CI run (~1 min)
#   MAX_TIME=600 scripts/fuzz-api.sh         # keep fuzzing until 600 s are spent
#   scripts/fuzz-api.sh --seed 42            # extra arguments go to `st run`
#
# schemathesis comes from PyPI into a venv (SCHEMATHESIS_VENV, default ~/.cache/basma-py).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${SCHEMATHESIS_VENV:-$HOME/.cache/basma-py}
if [ ! -x "$venv/bin/st" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis
fi
# shellcheck source=scripts/serve-for-checks.sh
. scripts/serve-for-checks.sh
# Generous limits: the run is about the contract, not about being throttled.
RUST_LOG=${RUST_LOG:-info} start_server BASMA_RATE_LIMIT_PER_MINUTE=1000000 BASMA_AUTH_RATE_LIMIT_PER_MINUTE=1000000

token=$(curl -fsS -H 'content-type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" \
    "$BASE_URL/api/v1/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["accessToken"])')

checks=not_a_server_error,status_code_conformance,content_type_conformance
checks=$checks,response_headers_conformance,response_schema_conformance
# Also: undeclared methods must be 405 with `Allow`; signed-in operations must refuse
# requests without valid credentials.
checks=$checks,unsupported_method,ignored_auth
report=${REPORT_DIR:-target/fuzz-api}
mkdir -p "$report"
report=$(cd "$report" && pwd)
run() { # name, extra st arguments...
    local name=$1; shift
    echo "== schemathesis: $name"
    # From the temp dir, so schemathesis's example database stays out of the work tree.
    (cd "$WORK" && "$venv/bin/st" run "$BASE_URL/api-docs/openapi.json" \
        --header "Authorization: Bearer $token" \
        --checks "$checks" \
        --max-examples "${MAX_EXAMPLES:-50}" \
        ${MAX_TIME:+--max-time "$MAX_TIME"} \
        --request-timeout 10 \
        --report junit --report-junit-path "$report/$name.xml" \
        "$@")
}
status=0
# Signing out (or revoking the admin's own session, which schemathesis finds through
# `GET /auth/sessions`) would end the session every later call uses, so those run last.
sign_out=(logout logoutAll revokeSession)
run main "${sign_out[@]/#/--exclude-operation-id=}" "$@" || status=1
run sign-out "${sign_out[@]/#/--include-operation-id=}" "$@" || status=1
cp "$WORK/server.log" "$report/server.log"
exit $status
