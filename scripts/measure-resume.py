#!/usr/bin/env python3
"""Measures what a WebSocket `resume` costs with many stored events (issue 11 item 14).

Starts BIN (a built `basma`) on a throwaway MariaDB database, stores EVENTS events of a
request the measured customer may not see (copies of one event, set-based), then times, for
a customer with one request and for a SUPER_ADMIN, `resume` from 0 and from an old id: the
time from sending the resume to the `pong` of a ping sent right after it (a socket handles
its frames in order, so the pong comes once the replay is sent). Prints medians of REPS.

Usage: scripts/measure-resume.py BIN [EVENTS=10000] [REPS=5]   (KEEP_DB=1 keeps the database)
Needs MariaDB at 127.0.0.1:3306 (root, no password), the `mysql` client and the Python
packages `requests` and `websockets`.
"""

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid

import requests
import websockets

ADMIN = ("measure@basma.test", "Measure-pass-2026")


def sql(db, text):
    subprocess.run(["mysql", "-uroot", "-h127.0.0.1", db, "-e", text], check=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    return s.getsockname()[1]


def start(bin_path, db, port):
    env = dict(
        os.environ,
        DATABASE_URL=f"mysql://root@127.0.0.1:3306/{db}",
        BASMA_LISTEN=f"127.0.0.1:{port}",
        BASMA_JWT_SECRET="measure-secret-0123456789abcdef0123456789",
        BASMA_ADMIN_EMAIL=ADMIN[0],
        BASMA_ADMIN_PASSWORD=ADMIN[1],
        BASMA_BCRYPT_COST="4",
        BASMA_RATE_LIMIT_PER_MINUTE="100000",
        BASMA_AUTH_RATE_LIMIT_PER_MINUTE="100000",
        RUST_LOG="warn",
    )
    proc = subprocess.Popen([bin_path, "serve"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{base}/health", timeout=1).ok:
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not come up")


def login(base, email, password):
    r = requests.post(f"{base}/api/v1/auth/login", json={"email": email, "password": password})
    r.raise_for_status()
    return r.json()["data"]["accessToken"] if "data" in r.json() else r.json()["accessToken"]


def post(base, token, path, body):
    r = requests.post(f"{base}/api/v1{path}", json=body,
                      headers={"authorization": f"Bearer {token}"})
    if r.status_code >= 300:
        sys.exit(f"{path}: {r.status_code} {r.text}")
    return r.json()["data"]


def world(base):
    admin = login(base, *ADMIN)
    prop = post(base, admin, "/properties", {"name": "M", "code": "MEAS", "city": "Riyadh"})
    building = post(base, admin, f"/properties/{prop['id']}/buildings",
                    {"name": "A", "code": "BA"})
    cats = requests.get(f"{base}/api/v1/categories",
                        headers={"authorization": f"Bearer {admin}"}).json()["data"]
    email = f"c-{uuid.uuid4().hex[:8]}@basma.test"
    post(base, admin, "/users", {"name": "C", "email": email, "role": "CUSTOMER",
                                 "password": "Passw0rd-cust"})
    customer = login(base, email, "Passw0rd-cust")
    body = {"title": "Water leak in kitchen",
            "description": "Water is dripping under the sink since morning.",
            "categoryId": cats[0]["id"], "buildingId": building["id"]}
    post(base, customer, "/requests", body)
    post(base, admin, "/requests", body)
    return admin, customer


async def time_resumes(base, token, after, reps):
    url = base.replace("http://", "ws://") + "/ws"
    times, frames = [], 0
    async with websockets.connect(url, additional_headers={"authorization": f"Bearer {token}"},
                                  max_size=None, max_queue=None) as ws:
        await ws.recv()  # welcome
        for _ in range(reps):
            start = time.perf_counter()
            await ws.send(json.dumps({"type": "resume", "lastEventId": after}))
            await ws.send(json.dumps({"type": "ping"}))
            got = 0
            while True:
                frame = json.loads(await ws.recv())
                if frame["type"] == "pong":
                    break
                got += 1
            times.append((time.perf_counter() - start) * 1000)
            frames = got
            await asyncio.sleep(1.1)  # stay under 20 client frames per 10 s
    return statistics.median(times), frames


def main():
    bin_path = sys.argv[1]
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    db = f"basma_measure_{uuid.uuid4().hex[:12]}"
    port = free_port()
    proc, base = start(bin_path, db, port)
    try:
        admin, customer = world(base)
        cols = ("request_id, kind, actor_id, from_status, to_status, technician_id, note, "
                "comment_id, internal, at")
        sql(db, "SET SESSION max_recursive_iterations = 1000000; "
                f"INSERT INTO request_events ({cols}) "
                f"WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < {events}) "
                f"SELECT {cols} FROM n CROSS JOIN (SELECT {cols} FROM request_events "
                "ORDER BY seq DESC LIMIT 1) AS e")
        old_id = events // 5
        for who, token in (("customer", customer), ("SUPER_ADMIN", admin)):
            for after in (0, old_id):
                ms, frames = asyncio.run(time_resumes(base, token, after, reps))
                print(f"{who:12} resume from {after:>6}: median {ms:8.1f} ms, "
                      f"{frames} frames back")
    finally:
        proc.terminate()
        proc.wait()
        if os.environ.get("KEEP_DB"):
            print(f"kept database {db}")
        else:
            sql("mysql", f"DROP DATABASE IF EXISTS {db}")


if __name__ == "__main__":
    main()
