"""The accuracy command against a real Neo4j, and the regression guard on the dev corpus and the samples.

The guard ingests each gold corpus into the suite's (emptied) Neo4j, scores it with the same code as
`graphbuild eval`, and fails when a figure drops below its floor in tests/corpus/floors.json (floors sit just
under the last measured value; scripts/accuracy_floors.py raises them, see the file's _comment).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, wipe
from graphbuild.cli import main
from graphbuild.evaluate import KIND_NAMES, run_eval
from graphbuild.pipeline import file_digest

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


def test_eval_scores_a_small_corpus(driver, small_corpus):
    wipe(driver)
    res = run_eval(small_corpus, driver)
    by_name = {r.gold.name: r for r in res.documents}
    ref, neg = by_name["referat"], by_name["negative"]
    assert ref.doc_id == file_digest(REFERAT) and ref.accepted
    assert not neg.accepted and neg.reason  # refused, with the ingest's reason
    assert res.overall["documents"].tp == 1 and res.overall["documents"].graph == 1
    assert ref.kinds["meetings"].tally.tp == 1
    att = ref.kinds["attendance"]
    assert att.tally.gold == 3 and "Fiktiv Testperson | present" in att.misses
    assert att.tally.tp == 2  # the two who are on the participant list
    # The graph knows more people than this small gold names: they are counted as extra, not ignored.
    assert ref.kinds["persons"].tally.graph > 2 and ref.kinds["persons"].extras
    for k in KIND_NAMES:
        t = ref.kinds[k].tally
        assert t.tp + len(ref.kinds[k].misses) == t.gold and t.tp + len(ref.kinds[k].extras) == t.graph, k


def test_eval_command_refuses_a_non_empty_database_without_wipe(driver, neo4j_env, small_corpus, tmp_path):
    wipe(driver)
    with driver.session() as s:
        s.run("CREATE (:Document {doc_id: 'someone-elses-data'})").consume()
    r = CliRunner().invoke(main, ["eval", str(small_corpus)], env=neo4j_env)
    assert r.exit_code == 1 and "is not empty (1 nodes)" in r.output and "--wipe" in r.output
    with driver.session() as s:
        assert s.run("MATCH (d:Document {doc_id: 'someone-elses-data'}) RETURN count(d) AS n").single()["n"] == 1
    out = tmp_path / "acc.json"
    r = CliRunner().invoke(main, ["eval", str(small_corpus), "--wipe", "--why", "--json", str(out)], env=neo4j_env)
    assert r.exit_code == 0, r.output
    assert "attendance" in r.output and "- miss:  Fiktiv Testperson | present" in r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["overall"]) == set(KIND_NAMES)
    assert {d["name"]: d["accepted"] for d in data["documents"]} == {"negative": False, "referat": True}
    with driver.session() as s:
        assert s.run("MATCH (d:Document {doc_id: 'someone-elses-data'}) RETURN count(d) AS n").single()["n"] == 0


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_accuracy_does_not_drop_below_the_floors(driver, corpus):
    wipe(driver)
    res = run_eval(CORPORA[corpus], driver)
    figures = res.figures()
    drops = []
    for kind, floors in FLOORS[corpus].items():
        if kind == "person_duplicates_split":
            if res.duplicates["split"] > floors["max"]:
                drops.append(f"person duplicates {res.duplicates['split']} > {floors['max']}")
            continue
        for metric, floor in floors.items():
            value = figures[kind][metric]
            if value is None or value < floor:
                drops.append(f"{kind} {metric}: {value} < floor {floor}")
    assert not drops, f"{corpus}: accuracy dropped (run `graphbuild eval {CORPORA[corpus].relative_to(ROOT)} --why`):\n" + "\n".join(drops)
