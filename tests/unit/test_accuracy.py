"""The accuracy command without a server: its refusals, and floors for every fact kind.

(The runs against a real Neo4j and the floor guard are in tests/integration/test_accuracy.py.)
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from graphbuild.cli import main
from graphbuild.evaluate import KIND_NAMES

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "tests" / "corpus" / "floors.json").read_text(encoding="utf-8"))
# Every corpus with floors is guarded (tests/corpus/<name>/ holds its gold files).
CORPORA = {name: ROOT / "tests" / "corpus" / name for name in FLOORS if not name.startswith("_")}
REFERAT = SAMPLES / "kkr-hovedstaden-referat-2020-06-19.txt"
NEGATIVE = ROOT / "tests" / "corpus" / "dev" / "60_negativ-stroemming-rugbroed-opskrift"

# A small gold for the referat sample: facts the text states, plus one attendee it does not name, which the
# graph must not have (a miss) - the test checks the machinery, not the extractor's figures.
SMALL_GOLD = {
    "council": "KKR Hovedstaden", "meeting_date": "2020-06-19", "location": None, "agenda_items": [],
    "attendance": [
        {"name": "Steen Christiansen", "status": "present", "party_letter": "A", "municipality": "Albertslund", "role": "formand"},
        {"name": "Karsten Søndergaard", "status": "present", "party_letter": "V", "municipality": "Egedal", "role": "næstformand"},
        {"name": "Fiktiv Testperson", "status": "present", "party_letter": None, "municipality": None, "role": None},
    ],
    "person_roles": [], "appointments": [],
    "persons_mentioned": ["Steen Christiansen", "Karsten Søndergaard"],
    "bodies_mentioned": ["KKR Hovedstaden"], "municipalities_mentioned": ["Albertslund", "Egedal"],
}


@pytest.fixture
def small_corpus(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    (d / "referat.gold.json").write_text(json.dumps(dict(SMALL_GOLD, document=str(REFERAT))), encoding="utf-8")
    shutil.copy(NEGATIVE.with_suffix(".txt"), d / "negative.txt")
    shutil.copy(Path(str(NEGATIVE) + ".gold.json"), d / "negative.gold.json")
    return d


def test_eval_wipe_needs_a_server(small_corpus):
    r = CliRunner().invoke(main, ["eval", str(small_corpus), "--wipe"], env={"NEO4J_URI": None})
    assert r.exit_code == 2 and "--wipe" in r.output


def test_eval_bad_corpus_is_one_line(tmp_path):
    r = CliRunner().invoke(main, ["eval", str(tmp_path)], env={"NEO4J_URI": None})
    assert r.exit_code == 1 and r.output.strip() == f"Error: {tmp_path}: no *.gold.json files"


def test_floors_cover_every_fact_kind():
    assert "dev" in CORPORA
    for corpus in CORPORA:
        assert CORPORA[corpus].is_dir(), corpus
        assert set(KIND_NAMES) <= set(FLOORS[corpus]), corpus
        assert "max" in FLOORS[corpus]["person_duplicates_split"]
