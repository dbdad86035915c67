"""The accuracy command's scoring, without Neo4j: normalisation, matching, tallies, gold loading.

(The run against a real Neo4j is in tests/integration/test_accuracy.py.)
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.evaluate import (
    EvalError, GoldDoc, Fact, KIND_NAMES, fold, gold_kind, load_gold_dir, match_facts, municipality_score,
    name_score, norm_name, norm_role, org_score, org_tokens, party_match, person_duplicates, render_table,
    render_why, score_corpus, score_document, title_score,
)

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "corpus" / "dev"
SAMPLES_GOLD = ROOT / "tests" / "corpus" / "samples"


# ------------------------------------------------------------------ normalisation and matching rules
def test_danish_folding():
    assert fold("Bodil  Baagø") == "bodil baagoe"
    assert fold("Ærø\u00a0Kommune") == "aeroe kommune"
    assert norm_name("Hans-Henrik  Sørensen.") == "hans henrik soerensen"
    assert norm_name("Keld I. Hansen") == "keld i hansen"


@pytest.mark.parametrize("gold, graph, ok", [
    ("Anker Ulsdal", ["Anker Ulsdal"], True),
    ("Anker Ulsdal", ["Ankers Ulsdal"], True),                # a typo in the text
    ("Ib Boye Lauritsen", ["Ib Lauritsen"], True),            # middle name missing
    ("Søren Ø. Hansen", ["Soeren Oe Hansen"], True),          # folded spelling
    ("Anker Ulsdal", ["Elin Winther"], False),
    ("Lars Jensen", ["Lars Hansen"], False),                  # same first name only
    ("Jens Kristian Hedegaard", ["Jens Hedegaard Kristensen"], False),
    ("Steen Christiansen", ["Steen C.", "Steen Christiansen"], True),  # any alias
])
def test_name_matching(gold, graph, ok):
    assert (name_score(gold, graph) > 0) is ok


@pytest.mark.parametrize("gold, graph, ok", [
    ("Byrådet (Vejen)", ["Vejen Byråd"], True),
    ("Byrådet (Vejen)", ["Byrådet i Vejen Kommune"], True),
    ("Byrådet", ["Byrådet Vejen"], True),                     # bare gold name, graph knows the municipality
    ("Byrådet (Vejen)", ["Byrådet"], False),                  # the graph lost the municipality
    ("Byrådet (Vejen)", ["Byrådet Kolding"], False),
    ("Esbjerg Kommune", ["Esbjerg Kommunes"], True),          # genitive
    ("Regionsrådet (Region Syddanmark)", ["Regionsrådet Region Syddanmark"], True),
    ("Økonomiudvalget", ["Økonomiudvalg"], True),             # definite ending
    ("Økonomiudvalget", ["Teknik- og Miljøudvalget"], False),
    ("KKR Hovedstaden", ["KKR Sjælland"], False),
    ("Social- og Sundhedsudvalget", ["Social og Sundhedsudvalget"], True),
    ("KB", ["Kommunalbestyrelsen"], True),                    # a whole-name abbreviation
    ("ØU", ["Økonomiudvalget"], True),
    ("KB", ["KKR"], False),
])
def test_organisation_matching(gold, graph, ok):
    assert (org_score(gold, graph) > 0) is ok


def test_org_tokens_drop_kommune_and_endings():
    assert org_tokens("Vejen Kommunes Byråd") == org_tokens("Byrådet (Vejen)")


@pytest.mark.parametrize("gold, graph, ok", [
    ("A", "A", True), ("S", "A", True), ("SF", "F", True), ("K", "C", True), ("K", "K", True),
    ("RV", "B", True), ("Ø", "Ø", True), ("A", "V", False), ("S", "F", False), (None, "A", False),
])
def test_party_letters_as_written(gold, graph, ok):
    assert party_match(gold, graph) is ok


@pytest.mark.parametrize("gold, graph, ok", [
    ("Godkendelse af dagsorden", "Godkendelse af dagsorden.", True),
    ("Godkendelse af dagsorden", "1. Godkendelse af dagsorden", True),
    ("Indkaldelse af stedfortræder (C)", "Indkaldelse af stedfortræder (C)Sagsnummer", True),
    ("Godkendelse af dagsorden", "Meddelelser", False),
    ("Valg af borgmester", "Valg af 1. og 2. viceborgmester", False),
])
def test_title_matching(gold, graph, ok):
    assert (title_score(gold, graph) > 0) is ok


def test_roles_normalised():
    assert norm_role("Bestyrelsesmedlem") == norm_role("medlem")
    assert norm_role("1. næstformand") == norm_role("næstformand")
    assert norm_role("formand") != norm_role("næstformand")
    assert municipality_score("Guldborgssund", ["Guldborgsund"]) > 0
    assert municipality_score("Aarhus", ["Århus"]) > 0
    assert municipality_score("Vejen", ["Vejle"]) == 0


def test_matching_is_one_to_one_best_first():
    gold = [Fact("a", dict(n="Anker Ulsdal")), Fact("b", dict(n="Anker Ulsdal Jensen"))]
    graph = [Fact("x", dict(n="Anker Ulsdal"))]
    r = match_facts(gold, graph, lambda g, x: name_score(g.fields["n"], [x.fields["n"]]))
    assert (r.tally.gold, r.tally.graph, r.tally.tp) == (2, 1, 1)
    assert r.misses == ["b"] and r.extras == []


def test_duplicates_count_once():
    gold = [Fact("a", {}, ("k",)), Fact("a again", {}, ("k",))]
    r = match_facts(gold, [], lambda g, x: 100)
    assert r.tally.gold == 1 and r.tally.f1 == 0.0


# ------------------------------------------------------------------ one document
GOLD = {
    "council": "Byrådet (Vejen)", "meeting_date": "2020-09-15", "location": None,
    "agenda_items": [{"number": "1", "title": "Indkaldelse af stedfortræder (C)"}],
    "attendance": [{"name": "Elin Winther", "status": "absent", "party_letter": "A", "municipality": None, "role": None},
                   {"name": "Anker Ulsdal", "status": "absent", "party_letter": "F", "municipality": None, "role": None}],
    "person_roles": [{"name": "Anker Ulsdal", "role": "medlem", "organisation": "Byrådet (Vejen)", "party_letter": "F", "municipality": None},
                     {"name": "Bodil Baagø", "role": "stedfortræder", "organisation": "Byrådet (Vejen)", "party_letter": "F", "municipality": None},
                     {"name": "Jens Borgmester", "role": "borgmester", "organisation": None, "party_letter": None, "municipality": None}],
    "appointments": [{"person": "Bodil Baagø", "body": "Byrådet (Vejen)", "action": "appointed", "replaces": "Anker Ulsdal",
                      "party_letter": "F", "municipality": None}],
    "persons_mentioned": ["Elin Winther", "Anker Ulsdal", "Bodil Baagø", "Ankers Ulsdal"],
    "bodies_mentioned": ["Byrådet", "Handicaprådet", "Socialdemokratiet"],
    "municipalities_mentioned": ["Vejen"],
}
COUNCIL = dict(organization="Byrådet Vejen", organization_aliases=[], organization_label="Council", org_id="council:vejen")


def _doc(data=GOLD, name="08_vejen", kind=None):
    return GoldDoc(name, Path(f"/x/{name}.gold.json"), Path(f"/x/{name}.txt"), dict(data), kind or gold_kind(data))


def _rows():
    return {
        "meetings": [dict(meeting_id="m1", date="2020-09-15", council="Byrådet Vejen", council_aliases=[])],
        "agenda_items": [dict(agenda_item_id="m1:1", number="1", title="Indkaldelse af stedfortræder (C)"),
                         dict(agenda_item_id="m1:2", number="2", title="Juli")],
        "attendance": [dict(person_id="p:ew", name="Elin Winther", aliases=[], status="absent", parties=["A"], municipalities=[]),
                       dict(person_id="p:au", name="Anker Ulsdal", aliases=[], status="present", parties=["V"], municipalities=[])],
        "memberships": [
            dict(COUNCIL, person_id="p:au", name="Anker Ulsdal", aliases=[], role="medlem", status="member", parties=["F"],
                 municipalities=[], replaces=[]),
            dict(COUNCIL, person_id="p:bb", name="Bodil Baagø", aliases=[], role="stedfortræder", status="appointed",
                 parties=["F"], municipalities=[], replaces=["Anker Ulsdal"]),
        ],
        "persons": [dict(person_id="p:ew", name="Elin Winther", aliases=[]), dict(person_id="p:au", name="Anker Ulsdal", aliases=[]),
                    dict(person_id="p:bb", name="Bodil Baagø", aliases=[]), dict(person_id="p:x", name="Hans Ekstra", aliases=[])],
        "bodies": [dict(org_id="council:vejen", name="Byrådet Vejen", aliases=[], label="Council")],
        "municipalities": [dict(kommunekode="575", name="Vejen Kommune", aliases=["Vejen"])],
    }


def test_score_document_counts_hits_misses_and_extras():
    r = score_document(_doc(), _rows(), frozenset({"socialdemokratiet"}))
    t = {k: (v.tally.gold, v.tally.graph, v.tally.tp) for k, v in r.items()}
    assert t["meetings"] == (1, 1, 1)
    assert t["agenda_items"] == (1, 2, 1) and r["agenda_items"].extras == ["2 | Juli"]
    assert t["attendance"] == (2, 2, 1)  # Anker Ulsdal: present in the graph, absent in the text
    assert r["attendance"].misses == ["Anker Ulsdal | absent"]
    assert t["attendance_party"] == (2, 2, 1)
    assert t["roles"] == (2, 2, 2)  # the mayor without an organisation is skipped
    assert t["roles_party"] == (2, 2, 2)
    assert t["appointments"] == (1, 1, 1)
    assert t["appointments_replaces"] == (1, 1, 1)
    # "Ankers Ulsdal" is a variant of Anker Ulsdal; the mayor named only in person_roles counts as a person
    assert t["persons"] == (4, 4, 3) and r["persons"].extras == ["Hans Ekstra"]
    assert r["persons"].misses == ["Jens Borgmester"]
    assert t["bodies"] == (2, 1, 1) and r["bodies"].misses == ["Handicaprådet"]  # a named party is not scored here
    assert t["municipalities"] == (1, 1, 1)
    # "Vejen Kommune" as a body is the Municipality node in the graph
    r2 = score_document(_doc(dict(GOLD, bodies_mentioned=["Vejen Kommune", "Kolding Kommune"])), _rows(), frozenset())
    assert (r2["bodies"].tally.gold, r2["bodies"].tally.graph, r2["bodies"].tally.tp) == (2, 2, 1)
    assert r2["bodies"].misses == ["Kolding Kommune"] and r2["bodies"].extras == ["Byrådet Vejen"]
    rows = dict(_rows(), regions=[dict(regionskode="1083", name="Region Syddanmark", aliases=["Syddanmark"])])
    r3 = score_document(_doc(dict(GOLD, bodies_mentioned=["Region Syddanmark"])), rows, frozenset())
    assert (r3["bodies"].tally.gold, r3["bodies"].tally.graph, r3["bodies"].tally.tp) == (1, 2, 1)


def test_a_proposal_is_not_a_role_held():
    rows = _rows()
    rows["memberships"].append(dict(COUNCIL, person_id="p:x", name="Hans Ekstra", aliases=[], role="formand",
                                    status="proposed", parties=[], municipalities=[], replaces=[]))
    r = score_document(_doc(), rows, frozenset())
    assert r["roles"].tally.graph == 2  # the proposal is an appointment fact, not a role
    assert r["appointments"].extras == ["Hans Ekstra | Byrådet Vejen | proposed"]


def test_a_refused_document_misses_everything_and_a_negative_must_be_refused():
    neg = {k: ([] if isinstance(v, list) else None) for k, v in GOLD.items()}
    golds = [_doc(), _doc(neg, "59_negativ")]
    rows = {k: [dict(r, doc_id="d2") for r in v] for k, v in _rows().items()}
    rows["documents"] = [dict(doc_id="d2", kind="unknown")]
    res = score_corpus(golds, {"08_vejen": "d1", "59_negativ": "d2"}, rows, {"08_vejen": "not a meeting document"},
                       party_names=frozenset())
    docs = res.overall["documents"]
    assert (docs.gold, docs.graph, docs.tp) == (1, 1, 0)  # the positive refused, the negative accepted
    assert res.overall["persons"].tp == 0 and res.overall["persons"].gold == 4
    assert res.overall["persons"].graph == 4  # the negative's people are all extra
    assert set(res.by_kind) == {"meeting", "negative"}
    text = render_table(res)
    assert "negative examples refused: 0 of 1" in text
    why = render_why(res)
    assert "refused: not a meeting document  <- should be accepted" in why
    assert "accepted  <- should be refused" in why
    assert "+ extra: Hans Ekstra" in why


def test_figures_have_every_kind_and_f1_is_none_only_without_facts():
    res = score_corpus([_doc()], {"08_vejen": "d1"}, {"documents": [dict(doc_id="d1")],
                                                     **{k: [dict(r, doc_id="d1") for r in v] for k, v in _rows().items()}},
                       {}, party_names=frozenset())
    figs = res.figures()
    assert list(figs) == KIND_NAMES
    assert figs["attendance_municipality"]["f1"] is None  # nothing stated, nothing found
    assert figs["meetings"] == dict(precision=1.0, recall=1.0, f1=1.0, gold=1, graph=1, matched=1)
    json.dumps(res.to_dict())


def test_person_duplicates_split_and_merged():
    golds = [_doc(dict(GOLD, persons_mentioned=["Anker Ulsdal", "Elin Winther", "Bo Hansen"]))]
    rows = [dict(person_id="p1", name="Anker Ulsdal", aliases=[]), dict(person_id="p2", name="Anker  Ulsdal", aliases=[]),
            dict(person_id="p3", name="Elin Winther", aliases=["Bo Hansen"])]
    d = person_duplicates(golds, rows)
    assert d["split"] == 1 and d["split_detail"] == {"Anker Ulsdal": ["p1", "p2"]}
    assert d["merged"] == 1 and d["merged_detail"] == {"p3": ["Bo Hansen", "Elin Winther"]}


# ------------------------------------------------------------------ gold files
def test_gold_dir_errors_name_the_file(tmp_path):
    with pytest.raises(EvalError, match="no \\*.gold.json"):
        load_gold_dir(tmp_path)
    (tmp_path / "a.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvalError, match="a.gold.json: not a readable gold file"):
        load_gold_dir(tmp_path)
    (tmp_path / "a.gold.json").write_text(json.dumps({"council": "X"}), encoding="utf-8")
    with pytest.raises(EvalError, match="a.gold.json: the document it describes is missing"):
        load_gold_dir(tmp_path)
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    [g] = load_gold_dir(tmp_path)
    assert g.document.name == "a.html" and g.kind == "page" and g.data["attendance"] == []


@pytest.mark.parametrize("corpus", [c for c in (DEV, SAMPLES_GOLD) if c.is_dir()], ids=lambda c: c.name)
def test_every_gold_file_loads_and_states_only_what_its_document_says(corpus):
    golds = load_gold_dir(corpus)
    assert golds
    for g in golds:
        text = fold(g.document.read_text(encoding="utf-8", errors="replace"))
        names = set(g.data["persons_mentioned"]) | {a["name"] for a in g.data["attendance"]}
        for n in names:  # every person the gold states is written in the text (first and last name)
            parts = fold(n).split()
            assert parts[0] in text and parts[-1] in text, (g.name, n)
        for i in g.data["agenda_items"]:
            assert i.get("title"), (g.name, i)
        for a in g.data["attendance"]:
            assert a["status"] in ("present", "absent"), (g.name, a)
        for a in g.data["appointments"]:
            assert a["action"] in ("appointed", "resigned", "proposed"), (g.name, a)


def test_dev_corpus_has_its_negatives():
    kinds = [g.kind for g in load_gold_dir(DEV)]
    assert kinds.count("negative") >= 3 and len(kinds) >= 61


def test_an_undated_meeting_of_the_gold_council_is_not_scored_but_another_councils_is_extra():
    from graphbuild.evaluate.match import match_meetings
    gold = {"meeting_date": None, "council": "Byrådet (Silkeborg)"}
    own = {"meeting_id": "m1", "date": None, "council": "Byrådet Silkeborg", "council_aliases": []}
    other = {"meeting_id": "m2", "date": None, "council": "Økonomiudvalget", "council_aliases": []}
    dated = {"meeting_id": "m3", "date": "2022-04-19", "council": "Byrådet Silkeborg", "council_aliases": []}
    res = match_meetings(gold, {"meetings": [own, other, dated]})
    assert (res.tally.tp, res.tally.graph, res.tally.gold) == (0, 2, 0)  # the dated one and the other council's: extras
    assert sorted(res.extras) == ["2022-04-19 | Byrådet Silkeborg", "– | Økonomiudvalget"]
