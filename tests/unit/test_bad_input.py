"""Bad input: every broken, hostile or odd file fails alone, with one line naming it and the reason.

The small cases live in tests/data/bad/ (see its README); big, unreadable and link-loop cases are
made in tmp_path at test time.  Here without a database (read and extract); the CLI runs against a real
Neo4j are in tests/integration/test_bad_input.py.
"""
from __future__ import annotations

import os
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from graphbuild.gazetteer import load_gazetteer
from graphbuild.errors import InputError
from graphbuild.pipeline import MAX_TEXT_BYTES, NOTHING_STATED, discover, extract_one

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
GOOD = SAMPLES / "kkr-hovedstaden-dagsorden-2023-04-21.txt"  # the smallest sample: fast to ingest
CP1252_FIXTURE = Path(__file__).resolve().parents[1] / "data" / "dagsorden-2021-06-16-cp1252.txt"

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


def test_corpus_is_complete():
    assert sorted(p.name for p in BAD.iterdir() if p.name != "README.md") == sorted(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_bad_file_fails_with_its_reason(name):
    e = extract_one(str(BAD / name))
    assert e.facts is None
    assert e.error == CORPUS[name]
    assert "\n" not in e.error


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


def test_huge_single_line_is_refused_quickly_in_bounded_memory(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # 50 MB on one line
        for _ in range(50):
            fh.write(b"a" * (1024 * 1024))
    tracemalloc.start()
    e = extract_one(str(big))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert e.error == "document too large (50.0 MB; the limit is 16.0 MB)"
    assert peak < 5 * 1024 * 1024  # refused from its size, before the 50 MB are read


def test_just_under_the_size_limit_with_a_long_line_is_refused_quickly(tmp_path):
    p = tmp_path / "one-line.txt"
    p.write_bytes(b"b" * (MAX_TEXT_BYTES - 1))
    e = extract_one(str(p))
    assert e.error.startswith("line 1 is ") and e.error.endswith("not a meeting document")


def test_unreadable_file_fails_for_root_too(tmp_path):
    p = unreadable_file(tmp_path)
    with pytest.raises(OSError):
        p.read_bytes()  # the premise: this really fails for whoever runs the tests
    assert extract_one(str(p)).error.startswith("cannot read file (")


def test_directory_without_documents(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README.md").write_text("# readme\n")
    found = discover([str(tmp_path)])
    assert found.files == []
    assert found.problems == [(str(tmp_path), "directory holds no documents (.txt, .md, .html or .pdf)")]


def test_directory_symlink_loop_does_not_hang(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    os.symlink("..", d / "up")  # a directory loop: walking must not follow it
    shutil.copy(GOOD, d / "good.txt")
    found = discover([str(tmp_path)])
    assert [f.name for f in found.files] == ["good.txt"]


def test_cp1252_fixture_extracts_like_its_utf8_original():
    a = extract_one(str(SAMPLES / "kkr-hovedstaden-dagsorden-2021-06-16.txt")).facts
    b = extract_one(str(CP1252_FIXTURE)).facts
    assert b is not None
    key = lambda f: ([(i.number, i.title, i.evidence.line) for i in f.agenda_items],
                     sorted((x.person.name, x.status, x.evidence.line) for x in f.attendance))
    assert key(a) == key(b)


# ------------------------------------------------------------------ properties: read -> structure -> extract
_WORDS = st.sampled_from([
    "DAGSORDEN 2021", "REFERAT 2020", "KKR HOVEDSTADEN", "KKR SJÆLLAND", "Dato: 19-06-2020 09:30", "Sted: X",
    "1. Godkendelse", "1.1. Godkendelse af referat", "2.1 Udpegning til Praksisplanudvalget", "SAG-2020-03175 ssan",
    "Beslutning", "Indstilling", "Deltagere", "Afbud", "Ole Hansen (A), Ballerup Kommune", "formand",
    "Jacob Netteberg (A) udpeges som medlem", "Bilag 1: Brev", "", "tekst", "\x00", "\ufeff", "\t|\t", "#",
    "Mette Frederiksen (V), Rudersdal Kommune, erstatter Hans Jensen (C)", "næstformand", "suppleant",
])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_WORDS, st.text(max_size=40)), max_size=40),
       st.sampled_from(["utf-8", "utf-16", "cp1252"]), st.sampled_from(["p.txt", "p.md"]))
def test_extract_never_raises_and_every_evidence_line_is_inside_the_file(tmp_path_factory, lines, enc, name):
    from graphbuild.nlp import extract
    from graphbuild.read import read_bytes
    from graphbuild.structure import structure

    text = "\n".join(lines) + "\n"
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        src = read_bytes(data, name)
    except InputError:
        return
    facts = extract(structure(src), load_gazetteer())
    n = src.original_line_count
    evidences = []

    def walk(obj, depth=0):
        if depth > 6:
            return
        if hasattr(obj, "line") and hasattr(obj, "quote") and isinstance(getattr(obj, "line"), int):
            evidences.append(obj)
        if isinstance(obj, (list, tuple)):
            for x in obj:
                walk(x, depth + 1)
        elif hasattr(obj, "__dataclass_fields__"):
            for f in obj.__dataclass_fields__:
                walk(getattr(obj, f), depth + 1)

    walk(facts)
    for ev in evidences:
        assert 1 <= ev.line <= n, (ev, n)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.md", "a.pdf"]))
def test_extract_one_never_raises_on_arbitrary_bytes(tmp_path_factory, data, name):
    p = tmp_path_factory.mktemp("arb") / name
    p.write_bytes(data)
    e = extract_one(str(p))
    assert (e.error is None) != (e.facts is None)
    if e.error:
        assert "\n" not in e.error and not e.error.startswith("internal error")
