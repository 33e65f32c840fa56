#!/usr/bin/env python3
"""Line coverage per crate, as a Markdown table, from `cargo llvm-cov report --json
--summary-only` (the llvm-cov export format): every file is attributed to the workspace
member whose folder holds it (per `cargo metadata`).

    cargo llvm-cov report --json --summary-only --output-path cov.json
    scripts/coverage-by-crate.py cov.json
"""

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def members() -> list[tuple[pathlib.Path, str]]:
    """(folder, package name) of every workspace member, deepest folder first."""
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--no-deps", "--format-version", "1"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    found = [(pathlib.Path(p["manifest_path"]).parent, p["name"]) for p in meta["packages"]]
    return sorted(found, key=lambda m: len(m[0].parts), reverse=True)


def crate_of(path: pathlib.Path, crates: list[tuple[pathlib.Path, str]]) -> str | None:
    for folder, name in crates:
        if path.is_relative_to(folder):
            return name
    return None  # the standard library or a dependency


def main() -> int:
    export = json.loads(pathlib.Path(sys.argv[1]).read_text())
    crates = members()
    totals: dict[str, list[int]] = {}
    for data in export["data"]:
        for entry in data["files"]:
            crate = crate_of(pathlib.Path(entry["filename"]), crates)
            if crate is None:
                continue
            lines = entry["summary"]["lines"]
            bucket = totals.setdefault(crate, [0, 0])
            bucket[0] += lines["count"]
            bucket[1] += lines["covered"]
    print("| crate | lines | covered | line coverage |")
    print("|---|---:|---:|---:|")
    for crate, (count, covered) in sorted(totals.items()):
        print(f"| {crate} | {count} | {covered} | {100 * covered / max(count, 1):.1f}% |")
    count = sum(c for c, _ in totals.values())
    covered = sum(c for _, c in totals.values())
    print(f"| **workspace** | {count} | {covered} | **{100 * covered / max(count, 1):.1f}%** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
