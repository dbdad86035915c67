"""Benchmark: page times of the web pages (`graphbuild serve`) on the N-document benchmark graph.

    python benchmarks/web.py --docs 1000 [--keep DIR] [--json FILE] [--per-kind 25] [--runs 5]

Generates N documents (benchmarks/corpus.py), starts its own Neo4j (LocalNeo4j, temporary home, free port)
and ingests them; with --keep DIR an earlier run's graph in DIR is used again (no new ingest). Then starts
`graphbuild serve` as its own process against that graph, collects pages of every kind by following the
pages' links from searches for the generated people's names (no Cypher here: the pages are the way in),
requests every collected page once untimed (warm-up), then --runs times, timed from the request to the last
byte over HTTP, one request at a time. Prints p50 / p95 / max per page kind and over all pages.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict, deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_mod  # noqa: E402
from run import free_port, percentile, say  # noqa: E402

KINDS = ("search", "person", "body", "municipality", "meeting", "document", "network", "feed", "json", "csv")


def kind_of(url: str) -> str:
    if url == "/" or url.startswith("/search"):
        return "search"
    if url.startswith("/feed/"):
        return "feed"
    if url.endswith(".json"):
        return "json"
    if url.endswith(".csv"):
        return "csv"
    return url.split("/")[1]


def build_graph(n: int, workdir: Path):
    """The running LocalNeo4j holding the N-document graph (ingested now, or kept from an earlier run)."""
    from graphbuild.db.connection import ConnectionSettings, open_driver
    from graphbuild.db.load import GraphWriter
    from graphbuild.db.runtime import LocalNeo4j, default_home
    from graphbuild.pipeline import ingest

    os.environ.setdefault("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))
    corpus_dir, home = workdir / "corpus", workdir / "neo4j-home"
    fresh = not (workdir / "ingested").exists()
    if fresh:
        shutil.rmtree(corpus_dir, ignore_errors=True)
        corpus_mod.generate(n, corpus_dir)
    server = LocalNeo4j(home=home, bolt_port=free_port())
    server.start(timeout=900, echo=lambda m: None)
    c = server.credentials()
    settings = ConnectionSettings(c.uri, c.user, c.password, None, "benchmark")
    if fresh:
        t = time.perf_counter()
        driver = open_driver(settings)
        rep = ingest([str(corpus_dir)], GraphWriter(driver))
        driver.close()
        say(f"ingest: {len(rep.loaded)} documents loaded in {time.perf_counter() - t:.0f} s")
        (workdir / "ingested").write_text(str(n))
    names = [p for p in json.loads((corpus_dir / "truth.json").read_text(encoding="utf-8"))["people"].values()]
    return server, settings, names


def start_app(settings) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, NEO4J_URI=settings.uri, NEO4J_USER=settings.user, NEO4J_PASSWORD=settings.password)
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, f"http://127.0.0.1:{port}"


def wait_until_up(client, proc) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"graphbuild serve exited: {proc.stderr.read().decode()[-500:]}")
        try:
            client.get("/")
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit("graphbuild serve did not answer in 60 s")


def collect(client, names: list[str], per_kind: int) -> dict[str, list[str]]:
    """Pages of every kind, found by following links from searches (breadth first)."""
    found: dict[str, list[str]] = defaultdict(list)
    queue = deque(f"/search?q={name}" for name in names[: per_kind])
    seen: set[str] = set()
    while queue and any(len(found[k]) < per_kind for k in KINDS):
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        kind = kind_of(url)
        if len(found[kind]) >= per_kind:
            continue
        r = client.get(url)
        if r.status_code != 200:
            raise SystemExit(f"{url}: {r.status_code}")
        found[kind].append(url)
        if r.headers["content-type"].startswith("text/html"):
            queue.extend(u.split("#")[0].replace("&amp;", "&") for u in re.findall(r'href="(/[^"]*)"', r.text))
    return found


def measure(client, pages: dict[str, list[str]], runs: int) -> dict:
    for urls in pages.values():  # warm-up: plans cached, files read once
        for u in urls:
            client.get(u)
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        for kind, urls in pages.items():
            for u in urls:
                t = time.perf_counter()
                r = client.get(u)
                _ = r.content
                times[kind].append((time.perf_counter() - t) * 1000)
    out = {k: dict(pages=len(pages[k]), requests=len(v), p50_ms=round(statistics.median(v), 1),
                   p95_ms=round(percentile(v, 95), 1), max_ms=round(max(v), 1)) for k, v in times.items()}
    every = [x for v in times.values() for x in v]
    out["all"] = dict(pages=sum(len(u) for u in pages.values()), requests=len(every),
                      p50_ms=round(statistics.median(every), 1), p95_ms=round(percentile(every, 95), 1),
                      max_ms=round(max(every), 1))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--keep", metavar="DIR", help="keep the corpus and graph in DIR (and use them again)")
    ap.add_argument("--per-kind", type=int, default=25)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    import httpx

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="graphbuild-webbench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    server, settings, names = build_graph(args.docs, workdir)
    proc = None
    try:
        proc, base = start_app(settings)
        with httpx.Client(base_url=base, timeout=60) as client:
            wait_until_up(client, proc)
            pages = collect(client, names, args.per_kind)
            result = dict(docs=args.docs, runs=args.runs, kinds=measure(client, pages, args.runs))
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
        server.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    say(f"web pages on the {args.docs}-document graph ({args.runs} timed runs of each page, one at a time):")
    say(f"{'kind':<13}{'pages':>6}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for k, v in result["kinds"].items():
        say(f"{k:<13}{v['pages']:>6}{v['requests']:>9}{v['p50_ms']:>9}{v['p95_ms']:>9}{v['max_ms']:>9}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
