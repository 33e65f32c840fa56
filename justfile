# Basma task runner. Install `just` with `cargo install just` (or `pip install rust-just`),
# then `just` lists the recipes.

set shell := ["bash", "-euo", "pipefail", "-c"]

# Databases for `just test-mysql`; override in the environment.
mysql_url := env("BASMA_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306")
redis_url := env("BASMA_TEST_REDIS_URL", "redis://127.0.0.1:6379")

# List the recipes.
default:
    @just --list --unsorted

# Run the server and restart it on every change (needs `cargo install cargo-watch`).
dev:
    @command -v cargo-watch >/dev/null || { echo "just dev needs cargo-watch: cargo install cargo-watch" >&2; exit 1; }
    cargo watch -x 'run -p basma'

# Run the server, optimized (SQLite by default; see SPEC.md §7 for the environment).
run *args:
    cargo run --release -p basma -- {{ args }}

# Every test of the workspace (SQLite, in-process SMTP sink; no services needed).
test *args:
    cargo test --workspace {{ args }}

# Every test, with the adapter and black-box suites also run against MySQL/MariaDB and Redis.
test-mysql *args:
    BASMA_TEST_MYSQL_URL='{{ mysql_url }}' BASMA_TEST_REDIS_URL='{{ redis_url }}' cargo test --workspace {{ args }}

# Formatting, clippy with warnings as errors, and the domain's dependency rule.
lint: fmt-check clippy deps-check

# Check formatting without changing files.
fmt-check:
    cargo fmt --all --check

# Clippy on every crate and target; any warning fails.
clippy:
    cargo clippy --workspace --all-targets -- -D warnings

# Fail if basma-domain depends (normally, transitively) on an adapter crate.
deps-check:
    .ci/check-domain-deps

# The performance benchmark against MariaDB (seeds 1M requests unless seeded, starts the release
# server, drives the load, measures the ceilings, writes docs/PERFORMANCE.md; see crates/bench).
bench *args="all":
    cargo build --release -p basma -p basma-bench
    cargo run --release -p basma-bench -- {{ args }}

# Line coverage of every workspace test (cargo-llvm-cov): HTML report and per-crate table (see README).
coverage:
    #!/usr/bin/env bash
    set -euo pipefail
    command -v cargo-llvm-cov >/dev/null || { echo "just coverage needs cargo-llvm-cov: rustup component add llvm-tools-preview && cargo install cargo-llvm-cov" >&2; exit 1; }
    target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
    cargo llvm-cov clean --workspace
    cargo llvm-cov --workspace --no-report
    cargo llvm-cov report --html
    cargo llvm-cov report --json --summary-only --output-path "$target/llvm-cov/summary.json"
    scripts/coverage-by-crate.py "$target/llvm-cov/summary.json"
    echo "report: $target/llvm-cov/html/index.html"

# Validate docker/compose.yaml (docker CLI with the compose plugin; no engine needed).
compose-config:
    docker compose -f docker/compose.yaml config -q

# Build the server image.
image tag="basma:dev":
    docker build -f docker/Dockerfile -t {{ tag }} .

# See scripts/check-monitoring.sh: it installs Debian's prometheus when missing.
# promtool on the Prometheus config and alert rules, then every Grafana panel's query against a real server.
monitoring-check:
    scripts/check-monitoring.sh

# Print the OpenAPI 3 document (what `GET /api-docs/openapi.json` serves).
openapi:
    @cargo run --quiet -p basma -- openapi

# The generated TypeScript client: types from the served document, tsc --strict, the lifecycle against a live server.
ts-client:
    scripts/check-ts-client.sh

# schemathesis against a live server as SUPER_ADMIN: no 5xx, no answer outside the document
# (MAX_EXAMPLES per operation, default 50; MAX_TIME caps the run; extra args go to `st run`).
fuzz-api *args:
    scripts/fuzz-api.sh {{ args }}

# Headless chromium opens Swagger UI (`/api-docs`) and checks it lists every documented path
# with no CSP violation; saves a screenshot under target/docs-check/.
docs-check:
    scripts/check-docs-browser.sh
