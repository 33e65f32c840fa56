#!/usr/bin/env bash
# Checks the monitoring stack of docker/ against the real server, on loopback only:
#
#   1. promtool validates a copy of docker/prometheus.yml (pointed at a local server and a
#      temporary token file), docker/alerts.yml, and runs docker/alerts.test.yml;
#   2. the real server (`cargo build -p basma`, a throwaway SQLite database, a metrics token)
#      and Debian's real `prometheus` (that config and rules, 1 s scrapes) are started;
#   3. some traffic: logins (good and bad), a property, requests of every priority walked
#      to COMPLETED and CLOSED, reads, an unknown URL, and a WebSocket held open;
#   4. every PromQL expression of docker/grafana/dashboards/basma.json is evaluated through
#      Prometheus's HTTP API (`/api/v1/query`): one that returns no data (or only NaN) fails
#      the script, naming its panel.
#
# Needs curl, python3 and Debian's `prometheus` package (installed here when missing and
# running as root). Bounded: every wait has a deadline. Everything started is stopped.
#
#   scripts/check-monitoring.sh            # SCRAPE_WAIT=6 seconds of scrapes after traffic
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq prometheus >/dev/null
    else
        echo "needs promtool and prometheus (Debian: apt-get install prometheus)" >&2
        exit 1
    fi
fi
for tool in curl python3; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done

WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_for() { # url seconds [curl args...]: polls until the URL answers 2xx
    local url=$1 seconds=$2
    shift 2
    for _ in $(seq 1 $((seconds * 5))); do
        if curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "no answer from $url within ${seconds}s" >&2
    return 1
}

APP_PORT=$(free_port)
PROM_PORT=$(free_port)
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
printf '%s' "$TOKEN" >"$WORK/metrics_token"
ADMIN_EMAIL=monitoring-check@basma.test
ADMIN_PASSWORD=Monitoring-check-2026

# 1. Static checks. The compose config names the container's token file and the `app`
# service; the copy points both at this machine and scrapes every second.
sed -e "s|/etc/prometheus/metrics_token|$WORK/metrics_token|" \
    -e "s|\"app:8080\"|\"127.0.0.1:$APP_PORT\"|" \
    -e "s|\"localhost:9090\"|\"127.0.0.1:$PROM_PORT\"|" \
    -e "s|scrape_interval: .*|scrape_interval: 1s|" \
    -e "s|scrape_timeout: .*|scrape_timeout: 1s|" \
    -e "s|evaluation_interval: .*|evaluation_interval: 1s|" \
    docker/prometheus.yml >"$WORK/prometheus.yml"
grep -q "127.0.0.1:$APP_PORT" "$WORK/prometheus.yml" || {
    echo "docker/prometheus.yml no longer scrapes app:8080; update this script" >&2
    exit 1
}
cp docker/alerts.yml "$WORK/alerts.yml"
echo "== promtool check config (docker/prometheus.yml, local copy)"
promtool check config "$WORK/prometheus.yml"
echo "== promtool check rules docker/alerts.yml"
promtool check rules docker/alerts.yml
if [ -f docker/alerts.test.yml ]; then
    echo "== promtool test rules docker/alerts.test.yml"
    promtool test rules docker/alerts.test.yml
fi

# 2. The server and Prometheus.
echo "== starting basma on 127.0.0.1:$APP_PORT and prometheus on 127.0.0.1:$PROM_PORT"
cargo build --quiet -p basma
target=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
env DATABASE_URL="sqlite://$WORK/basma.db?mode=rwc" \
    BASMA_LISTEN="127.0.0.1:$APP_PORT" \
    BASMA_JWT_SECRET="monitoring-check-secret-0123456789abcdef" \
    BASMA_METRICS_TOKEN="$TOKEN" \
    BASMA_ADMIN_EMAIL="$ADMIN_EMAIL" BASMA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    BASMA_BCRYPT_COST=4 RUST_LOG=warn \
    BASMA_RATE_LIMIT_PER_MINUTE=1000000 BASMA_AUTH_RATE_LIMIT_PER_MINUTE=1000000 \
    "$target/debug/basma" serve >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$APP_PORT/api/v1/monitoring/ready" 60 ||
    { tail -n 30 "$WORK/server.log" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/metrics")
[ "$code" = 401 ] || { echo "/metrics without the token answered $code, not 401" >&2; exit 1; }

prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$PROM_PORT/-/ready" 30 ||
    { tail -n 30 "$WORK/prometheus.log" >&2; exit 1; }
# Ready is not scraping yet: target discovery delivers its first targets after ~5 s.
scrapes() {
    curl -fsS --max-time 2 "http://127.0.0.1:$PROM_PORT/api/v1/query" \
        --data-urlencode 'query=sum_over_time(up{job="basma"}[1m])' |
        python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)'
}
for _ in $(seq 1 150); do
    [ "$(scrapes 2>/dev/null || echo 0)" -ge 2 ] && break
    sleep 0.2
done
[ "$(scrapes 2>/dev/null || echo 0)" -ge 2 ] ||
    { echo "prometheus did not scrape basma within 30 s" >&2; tail -n 30 "$WORK/prometheus.log" >&2; exit 1; }

# 3. Traffic: two rounds a few scrapes apart, so rates see counters move; the WebSocket
# stays open (and is sent events) until this script ends.
export BASE_URL="http://127.0.0.1:$APP_PORT" ADMIN_EMAIL ADMIN_PASSWORD
echo "== traffic"
timeout 120 python3 - "$WORK/traffic.done" <<'PY' &
import base64, json, os, socket, sys, time, urllib.error, urllib.request, uuid

base = os.environ["BASE_URL"]

def call(method, path, token=None, body=None, want=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    if want is not None and status != want:
        sys.exit(f"{method} {path}: {status}, wanted {want}: {raw[:300]!r}")
    return (json.loads(raw) if raw else {}).get("data") if status < 300 else None

def login(email, password):
    return call("POST", "/api/v1/auth/login", None, {"email": email, "password": password}, 200)["accessToken"]

def websocket(token):
    s = socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n").encode())
    head = s.recv(4096)
    if not head.startswith(b"HTTP/1.1 101"):
        sys.exit(f"websocket refused: {head[:200]!r}")
    return s

admin = login(os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"])
call("POST", "/api/v1/auth/login", None, {"email": os.environ["ADMIN_EMAIL"], "password": "wrong"}, 401)
code = "M" + uuid.uuid4().hex[:8].upper()
prop = call("POST", "/api/v1/properties", admin, {"name": "Monitoring", "code": code, "city": "Riyadh"}, 201)
building = call("POST", f"/api/v1/properties/{prop['id']}/buildings", admin, {"name": "A", "code": "BA"}, 201)
category = call("GET", "/api/v1/categories", admin, None, 200)[0]
people = {}
for role in ("CUSTOMER", "TECHNICIAN"):
    email = f"{role.lower()}-{uuid.uuid4().hex[:8]}@basma.test"
    user = call("POST", "/api/v1/users", admin, {"name": role, "email": email, "role": role, "password": "Passw0rd-check"}, 201)
    people[role] = (user["id"], login(email, "Passw0rd-check"))
customer = people["CUSTOMER"][1]
ws = websocket(customer)

for round_ in range(2):
    ids = []
    for priority in ("LOW", "MEDIUM", "HIGH", "URGENT"):
        body = {"title": "Water leak in kitchen", "description": "Water is dripping under the sink.",
                "categoryId": category["id"], "buildingId": building["id"], "priority": priority}
        ids.append(call("POST", "/api/v1/requests", customer, body, 201)["id"])
    for i, rid in enumerate(ids[:3]):
        call("POST", f"/api/v1/requests/{rid}/assign", admin, {"technicianId": people["TECHNICIAN"][0]}, 200)
        for status in ("IN_PROGRESS", "COMPLETED") + (("CLOSED",) if i == 0 else ()):
            call("PATCH", f"/api/v1/requests/{rid}/status", admin, {"status": status}, 200)
    for _ in range(5):
        call("GET", "/api/v1/requests", customer, None, 200)
        call("GET", f"/api/v1/requests/{ids[0]}", admin, None, 200)
        call("GET", f"/no/such/{uuid.uuid4().hex}", None, None, 404)
    call("GET", "/api/v1/monitoring/stats", admin, None, 200)
    time.sleep(3)

open(sys.argv[1], "w").close()
time.sleep(110)  # keeps the socket open while the dashboard is queried
ws.close()
PY
PIDS+=($!)
for _ in $(seq 1 300); do
    [ -e "$WORK/traffic.done" ] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "the traffic generator failed" >&2; exit 1; }
    sleep 0.2
done
[ -e "$WORK/traffic.done" ] || { echo "the traffic generator did not finish in time" >&2; exit 1; }
sleep "${SCRAPE_WAIT:-6}"

# 4. Every dashboard expression, with Grafana's variables as a dashboard showing "All"
# over a short range would set them.
echo "== dashboard queries (docker/grafana/dashboards/basma.json)"
PROM_URL="http://127.0.0.1:$PROM_PORT" python3 - docker/grafana/dashboards/basma.json <<'PY'
import json, math, os, sys, urllib.parse, urllib.request

dashboard = json.load(open(sys.argv[1]))
variables = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "1h", "${instance}": ".*", "$instance": ".*"}

def panels(items):
    for p in items:
        yield p
        yield from panels(p.get("panels", []))

failures = checked = 0
for panel in panels(dashboard["panels"]):
    for target in panel.get("targets", []):
        expr = target.get("expr")
        if not expr:
            continue
        query = expr
        for name, value in variables.items():
            query = query.replace(name, value)
        url = os.environ["PROM_URL"] + "/api/v1/query?" + urllib.parse.urlencode({"query": query})
        with urllib.request.urlopen(url, timeout=10) as r:
            answer = json.load(r)
        result = answer.get("data", {}).get("result", []) if answer.get("status") == "success" else []
        values = [float(s["value"][1]) for s in result]
        real = [v for v in values if not math.isnan(v)]
        checked += 1
        label = f'panel {panel.get("id")} "{panel.get("title")}" ({target.get("refId", "?")})'
        if real:
            shown = ", ".join(f"{v:.4g}" for v in real[:4]) + (" …" if len(real) > 4 else "")
            print(f"ok    {label}: {len(result)} series [{shown}]")
        else:
            failures += 1
            why = answer.get("error") or ("only NaN" if values else "no data")
            print(f"FAIL  {label}: {why}\n      {query}")
print(f"{checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
PY
