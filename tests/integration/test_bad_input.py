"""Bad input through the CLI against a real Neo4j: `failed: PATH: REASON` on stderr, exit status 1,
nothing of the failed document in the graph, the good documents of the same run loaded.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, graph_counts, wipe
from graphbuild.cli import main
from graphbuild.pipeline import MAX_LINE_BYTES, NOTHING_STATED

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
GOOD = SAMPLES / "kkr-hovedstaden-dagsorden-2023-04-21.txt"  # the smallest sample: fast to ingest

# file in tests/data/bad -> the exact reason the user reads
CORPUS = {
    "empty.txt": "empty document",
    "whitespace.txt": "empty document",
    "random-bytes.txt": "binary data, not text",
    "nul-bytes.txt": "binary data, not text",
    "png-renamed.pdf": "not a readable PDF (Data format error)",
    "truncated.pdf": "not a readable PDF (Data format error)",
    "encrypted.pdf": "encrypted PDF",
    "no-text-layer.pdf": "no text layer (scanned?)",
    "recipe.txt": NOTHING_STATED,
    "lorem-ipsum.md": NOTHING_STATED,
}


# ------------------------------------------------------------------ cases made at test time
def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def unreadable_file(folder: Path) -> Path:
    """A *.txt whose read() fails, also for root (root ignores chmod 000).

    Not root: a file with mode 000.  Root: a symlink to /proc/self/mem, whose read at
    offset 0 fails with EIO (address 0 is never mapped) -- a real open()+read() failure.
    """
    p = folder / "unreadable.txt"
    if is_root():
        os.symlink("/proc/self/mem", p)
    else:
        p.write_text("DAGSORDEN\n", encoding="utf-8")
        p.chmod(0)
    return p


def make_runtime_cases(folder: Path) -> dict[str, str]:
    """Cases that are generated, not committed: name -> reason (regex)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("does-not-exist.txt", folder / "dangling.txt")
    os.mkfifo(folder / "fifo.txt")
    unreadable_file(folder)
    with open(folder / "huge-one-line.txt", "wb") as fh:  # 50 MB, a single line
        chunk = b"kommunalbestyrelsen " * 52429
        for _ in range(50):
            fh.write(chunk)
    (folder / "long-line.txt").write_bytes(b"DAGSORDEN 2023\n" + b"x" * (MAX_LINE_BYTES + 1) + b"\n")
    return {
        "loop-a.txt": re.escape("broken symbolic link (or a link loop)"),
        "loop-b.txt": re.escape("broken symbolic link (or a link loop)"),
        "dangling.txt": re.escape("broken symbolic link (or a link loop)"),
        "fifo.txt": re.escape("not a regular file (a FIFO, socket or device)"),
        "unreadable.txt": r"cannot read file: (Input/output error|Permission denied)",
        "huge-one-line.txt": re.escape("document too large (50.0 MB; the limit is 16.0 MB)"),
        "long-line.txt": re.escape(f"line 2 is {MAX_LINE_BYTES + 1:,} bytes long (the limit is {MAX_LINE_BYTES:,}): "
                                   "not a meeting document"),
    }


# ------------------------------------------------------------------ through the CLI, against Neo4j
def fact_sets(driver) -> dict:
    """The facts of the graph by natural keys (independent of doc_id / path)."""
    q = {
        "persons": "MATCH (p:Person) RETURN p.name AS k",
        "attendance": "MATCH (p:Person)-[a:ATTENDED]->(m:Meeting) RETURN [p.name, m.meeting_id, a.status, a.role, a.line] AS k",
        "items": "MATCH (i:AgendaItem)-[:ON_AGENDA_OF]->(m:Meeting) RETURN [m.meeting_id, i.number, i.title] AS k",
        "decisions": "MATCH (d:Decision) RETURN [d.decision_id, d.outcome] AS k",
        "memberships": "MATCH (p:Person)-[:HAS_MEMBERSHIP]->(ms:Membership)-[:IN_ORGANIZATION]->(o) "
                       "RETURN [p.name, o.name, ms.role, ms.status] AS k",
        "meetings": "MATCH (m:Meeting) RETURN [m.meeting_id, m.date, m.location] AS k",
        "evidence_lines": "MATCH (n)-[e:EVIDENCED_BY]->(:Document) RETURN [labels(n)[0], e.line, e.quote] AS k",
    }
    with driver.session() as s:
        return {name: sorted(map(repr, (r["k"] for r in s.run(stmt)))) for name, stmt in q.items()}


def ingest_cli(paths, env):
    return CliRunner().invoke(main, ["ingest", *map(str, paths)], env=env)


@pytest.fixture(scope="module")
def good_alone(driver, neo4j_env, tmp_path_factory):
    """The graph after ingesting only the good document: what every mixed run must also produce."""
    wipe(driver)
    folder = tmp_path_factory.mktemp("good")
    shutil.copy(GOOD, folder / "good.txt")
    result = ingest_cli([folder / "good.txt"], neo4j_env)
    assert result.exit_code == 0, result.output
    return graph_counts(driver), fact_sets(driver)


def test_every_bad_case_fails_alone_through_the_cli(good_alone, empty_graph, neo4j_env, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(BAD, run_dir)
    (run_dir / "README.md").unlink(missing_ok=True)
    expected = {name: re.escape(reason) for name, reason in CORPUS.items()}
    expected.update(make_runtime_cases(run_dir / "generated"))
    shutil.copy(GOOD, run_dir / "good.txt")
    empty_dir = tmp_path / "empty-dir"
    empty_dir.mkdir()

    result = ingest_cli([run_dir, empty_dir], neo4j_env)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failed_lines = [ln for ln in result.output.splitlines() if ln.startswith("failed: ")]
    by_name = {}
    for ln in failed_lines:
        m = re.match(r"failed: (.+?): (.+)$", ln)
        assert m, ln
        by_name.setdefault(Path(m.group(1)).name, []).append(m.group(2))
    for name, reason in expected.items():
        assert name in by_name, f"{name} not reported: {result.output}"
        assert len(by_name[name]) == 1, by_name[name]
        assert re.fullmatch(reason, by_name[name][0]), (name, by_name[name][0])
    assert by_name["empty-dir"] == ["directory holds no documents (.txt, .md, .html or .pdf)"]
    assert "good.txt" not in by_name
    assert "documents: 1 loaded" in result.output

    # Nothing of any failed document, and exactly the good document's facts.
    with empty_graph.session() as s:
        paths = [r["p"] for r in s.run("MATCH (d:Document) RETURN d.path AS p")]
    assert paths == [str((run_dir / "good.txt").absolute())]
    counts, facts = good_alone
    assert graph_counts(empty_graph) == counts
    assert fact_sets(empty_graph) == facts


ENCODINGS = ["utf-16", "utf-16-le-nobom", "cp1252", "latin-1"]


def _plain(text: str) -> str:
    """The sample with its few non-latin-1 characters replaced (same facts in every encoding)."""
    return text.replace("–", "-").replace("”", '"').replace("“", '"').replace("•", "*")


def test_other_encodings_give_the_same_facts(empty_graph, neo4j_env, tmp_path):
    text = _plain(GOOD.read_text(encoding="utf-8"))
    base = tmp_path / "utf8" / GOOD.name
    base.parent.mkdir()
    base.write_text(text, encoding="utf-8")
    assert ingest_cli([base], neo4j_env).exit_code == 0
    want_counts, want = graph_counts(empty_graph), fact_sets(empty_graph)
    assert want["items"] and want["persons"] and want["evidence_lines"]
    for enc in ENCODINGS:
        wipe(empty_graph)
        p = tmp_path / enc / GOOD.name
        p.parent.mkdir()
        data = text.encode("utf-16-le") if enc == "utf-16-le-nobom" else text.encode(enc)
        p.write_bytes(data)
        result = ingest_cli([p], neo4j_env)
        assert result.exit_code == 0, (enc, result.output)
        assert fact_sets(empty_graph) == want, enc
        assert graph_counts(empty_graph) == want_counts, enc
