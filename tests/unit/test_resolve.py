"""Resolution: pure tests with hand-built DocumentFacts and a small real gazetteer (tests/data/gazetteer/);
the person cases are data (tests/data/resolve_cases.csv)."""
from __future__ import annotations

import csv
import fnmatch
import hashlib
import random
from collections import defaultdict
from pathlib import Path

import pytest

from graphbuild.nlp import extract_path
from graphbuild.gazetteer import load_gazetteer
from graphbuild.model import (AttendanceFact, DocumentFacts, Evidence, GraphMerge, MeetingFact, MembershipFact, OrgRef,
                              PersonMention)
from graphbuild.resolve import (Judgement, Judgements, KnownPerson, PersonContext, Resolver, doc_mentions,
                                load_judgements, name_key, normalise_name, org_key, person_precision_recall, slugify)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


# ------------------------------------------------------------ a small real gazetteer
GAZ = load_gazetteer(ROOT / "tests" / "data" / "gazetteer")
CASES = ROOT / "tests" / "data" / "resolve_cases.csv"


# ------------------------------------------------------------ builders
def _doc_id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


class Doc:
    def __init__(self, name: str, date: str = "2020-06-19"):
        self.doc_id = _doc_id(name)
        self.facts = DocumentFacts(doc_id=self.doc_id, path=f"{name}.txt", kind="referat", title=name)
        self.facts.meeting = MeetingFact(OrgRef("KKR Hovedstaden", None, "council"), date, None, None, self.ev(1, name))
        self.line = 10

    def ev(self, line, text):
        return Evidence(self.doc_id, line, text)

    def mention(self, name, party=None, muni_name=None, line=None):
        self.line += 1
        line = line or self.line
        m = PersonMention(f"{self.doc_id[:16]}:{line}:0", name, self.ev(line, f"{name} ({party}), {muni_name}"),
                          party=party, municipality_name=muni_name)
        self.facts.mentions.append(m)
        return m

    def attend(self, name, party=None, muni_name=None):
        m = self.mention(name, party, muni_name)
        self.facts.attendance.append(AttendanceFact(m, "present", None, m.evidence))
        return m

    def member(self, name, org_surface, role="medlem", party=None, muni_name=None):
        m = self.mention(name, party, muni_name)
        self.facts.memberships.append(MembershipFact(m, OrgRef(org_surface), role, "member", m.evidence))
        return m


def resolve(*docs, known=(), judgements=None):
    """-> (the Resolution, its documents)."""
    resolution = Resolver(GAZ, known, judgements).resolve_all([d.facts for d in docs])
    return resolution, resolution.documents


def pid(resolved, mention):
    for rd in resolved:
        if mention.mention_id in rd.person_of:
            return rd.person_of[mention.mention_id]
    return None


def unresolved_reason(resolved, mention):
    for rd in resolved:
        for u in rd.unresolved:
            if u.mention.mention_id == mention.mention_id:
                return u.reason
    return None


def person(resolved, person_id):
    for rd in resolved:
        for p in rd.persons:
            if p.person_id == person_id:
                return p
    raise KeyError(person_id)


# ------------------------------------------------------------ persons: the cases in resolve_cases.csv
def _cases() -> dict[str, list[dict]]:
    out = defaultdict(list)
    with open(CASES, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["case"].startswith("#"):
                out[row["case"]].append(row)
    return out


def _run_case(rows: list[dict]):
    docs = {}
    placed = []
    for row in rows:
        d = docs.setdefault(row["doc"], Doc(row["doc"], row["date"]))
        party, muni = row["party"] or None, row["municipality"] or None
        if row["how"] == "attend":
            m = d.attend(row["name"], party, muni)
        elif row["how"] == "member":
            m = d.member(row["name"], row["org"], row["role"] or "medlem", party, muni)
        else:
            assert row["how"] == "mention", row
            m = d.mention(row["name"], party, muni)
        placed.append((row, m))
    _, res = resolve(*docs.values())
    return placed, res


@pytest.mark.parametrize("case", sorted(_cases()))
def test_resolution_case(case):
    placed, res = _run_case(_cases()[case])
    ids_of_label = defaultdict(set)
    for row, m in placed:
        got = pid(res, m)
        if row["unresolved"]:
            assert got is None, (row, got)
            assert row["unresolved"] in (unresolved_reason(res, m) or ""), (row, unresolved_reason(res, m))
            continue
        assert got is not None, (row, unresolved_reason(res, m))
        if row["person_id"]:
            assert fnmatch.fnmatchcase(got, row["person_id"]), (row, got)
        if row["label"]:
            ids_of_label[row["label"]].add(got)
    assert all(len(ids) == 1 for ids in ids_of_label.values()), dict(ids_of_label)
    firsts = [next(iter(ids)) for ids in ids_of_label.values()]
    assert len(set(firsts)) == len(firsts), dict(ids_of_label)


def test_the_cases_file_covers_every_kind_of_expectation():
    rows = [r for rs in _cases().values() for r in rs]
    assert {r["how"] for r in rows} == {"attend", "mention", "member"}
    assert any(r["unresolved"] for r in rows) and any(r["person_id"] for r in rows) and any(r["label"] for r in rows)


def test_normalisation():
    assert normalise_name("Gitte Kjær- Westermann") == "gitte kjær-westermann"
    assert normalise_name("  Jörgen   Aagaard ") == normalise_name("Jørgen Ågaard")
    assert normalise_name("Märta Sørensen") == "mærta sørensen"
    assert normalise_name("René Müller") == "rene muller"
    assert name_key("Ole Wedel-Brandt") == name_key("Ole Wedel Brandt")
    assert slugify("Søren Åkjær Læsø") == "soeren-aakjaer-laesoe"


def test_contradicting_namesakes_are_not_a_review_question():
    d1, d2 = Doc("a"), Doc("b")
    d1.attend("Hans Jensen", "A", "Ballerup Kommune")
    d2.attend("Hans Jensen", "V", "Gentofte Kommune")
    r, _ = resolve(d1, d2)
    assert r.candidates == ()


def test_same_name_one_disagreement_goes_to_review():
    d1, d2 = Doc("a", "2020-01-01"), Doc("b", "2022-01-01")
    h1 = d1.attend("Hans Jensen", "A", "Ballerup Kommune")
    h2 = d2.attend("Hans Jensen", "A", "Gentofte Kommune")
    r, res = resolve(d1, d2)
    assert pid(res, h1) != pid(res, h2)
    cands = r.candidates
    assert len(cands) == 1 and {cands[0].a_id, cands[0].b_id} == {pid(res, h1), pid(res, h2)}
    assert len(cands[0].evidence) == 2


def test_a_fuzzy_spelling_alone_goes_to_review():
    d3, d4 = Doc("c"), Doc("d", "2021-01-01")
    a = d3.mention("Jens Hansen")
    b = d4.mention("Jens Hanssen")
    r, res = resolve(d3, d4)
    assert pid(res, a) != pid(res, b)
    assert [(c.a_name, c.b_name) for c in r.candidates] == [("Jens Hansen", "Jens Hanssen")]


def test_not_same_judgement_splits():
    d = Doc("a")
    long = d.attend("Ole Bondo Christensen", "A", "Furesø Kommune")
    short = d.mention("Ole Bondo")
    j = Judgements()
    j.add("ole bondo", "OLE BONDO CHRISTENSEN", "not-same", "test")
    r, res = resolve(d, judgements=j)
    assert pid(res, long) != pid(res, short)
    assert not r.candidates


def test_same_judgement_merges_uncertain_pair(tmp_path):
    d3, d4 = Doc("c"), Doc("d", "2021-01-01")
    a = d3.mention("Jens Hansen")
    b = d4.mention("Jens Hanssen")
    f = tmp_path / "j.csv"
    f.write_text("name_a,name_b,decision,note\n\"# comment, ignored\",,,\nJens  HANSSEN,jens hansen,same,typo\n",
                 encoding="utf-8")
    r, res = resolve(d3, d4, judgements=load_judgements(f))
    assert pid(res, a) == pid(res, b)
    assert not r.candidates


def test_default_judgements_file_loads():
    j = load_judgements()
    assert isinstance(j, Judgements)


def test_known_person_keeps_id_and_gets_longer_name():
    kp = KnownPerson("person:ole-bondo", "Ole Bondo", [], [], [PersonContext(party="A", municipality="190")])
    d = Doc("a")
    long = d.attend("Ole Bondo Christensen", "A", "Furesø Kommune")
    r, res = resolve(d, known=[kp])
    assert pid(res, long) == "person:ole-bondo"
    p = person(res, "person:ole-bondo")
    assert p.name == "Ole Bondo Christensen" and p.aliases == ("Ole Bondo",)
    assert r.merges == ()


def test_known_person_slug_is_not_reused():
    kp = KnownPerson("person:hans-jensen", "Hans Jensen", [], [], [PersonContext(party="A", municipality="151")])
    d = Doc("a")
    other = d.attend("Hans Jensen", "V", "Gentofte Kommune")
    _, res = resolve(d, known=[kp])
    assert pid(res, other).startswith("person:hans-jensen-")


def test_ids_deterministic_and_order_independent():
    def build(shuffle_seed=None):
        d1, d2 = Doc("a"), Doc("b", "2021-01-01")
        d1.attend("Hans Jensen", "A", "Ballerup Kommune")
        d1.attend("Ole Bondo Christensen", "A", "Furesø Kommune")
        d1.mention("Ole Bondo")
        d2.attend("Hans Jensen", "V", "Gentofte Kommune")
        d2.attend("Hans Jensen", "A", "Ballerup Kommune") if False else None
        d2.mention("M. Frederiksen")
        d2.attend("Mette Frederiksen", "A", "Albertslund Kommune")
        if shuffle_seed is not None:
            rnd = random.Random(shuffle_seed)
            for d in (d1, d2):
                rnd.shuffle(d.facts.mentions)
                rnd.shuffle(d.facts.attendance)
        _, res = resolve(d1, d2)
        return [sorted(rd.person_of.items()) for rd in res], [[(p.person_id, p.name, p.aliases) for p in rd.persons]
                                                             for rd in res]

    first = build()
    assert build() == first
    for seed in range(5):
        assert build(seed) == first


# ------------------------------------------------------------ organizations
def test_orgs_resolve_to_gazetteer():
    d = Doc("a")
    d.member("Steen Christiansen", "WOCO")
    d.member("Kim Hjerrild", "Wonderful Copenhagen")
    d.member("Morten Slotved", "DEB's")
    d.member("Henrik Rasmussen", "Erhvervs hus Hovedstaden")
    d.member("Ole Bjørstorp", "Foreningen for Ukendte Ting")
    d.member("Jens Ive", "Erhvervshuset")
    _, res = resolve(d)
    rd = res[0]
    assert rd.org_of[org_key("WOCO", None)] == "body:wonderful-copenhagen"
    assert rd.org_of[org_key("Wonderful Copenhagen", None)] == "body:wonderful-copenhagen"
    assert rd.org_of[org_key("DEB's", None)] == "body:danmarks-erhvervsfremmebestyrelse"
    assert rd.org_of[org_key("Erhvervs hus Hovedstaden", None)] == "body:erhvervshus-hovedstaden"
    assert rd.org_of[org_key("Foreningen for Ukendte Ting", None)] == "body:foreningen-for-ukendte-ting"
    assert rd.org_of[org_key("KKR Hovedstaden", None)] == "council:kkr-hovedstaden"
    assert rd.org_of[org_key("Erhvervshuset", None)] == "body:erhvervshus-hovedstaden"  # shared alias: the region decides
    ids = {o.org_id for o in rd.orgs}
    assert {"body:wonderful-copenhagen", "body:foreningen-for-ukendte-ting", "council:kkr-hovedstaden"} <= ids
    new = next(o for o in rd.orgs if o.org_id == "body:foreningen-for-ukendte-ting")
    assert new.name == "Foreningen for Ukendte Ting" and new.kind == "body"


def test_parties_listed_with_letters():
    d = Doc("a")
    m = d.attend("Anne Jensen", "A", "Ballerup Kommune")
    _, res = resolve(d)
    rd = res[0]
    assert rd.party_of[m.mention_id] == "party:A"
    party = next(o for o in rd.orgs if o.org_id == "party:A")
    assert party.kind == "party" and party.letter == "A"
    assert rd.municipality_of[m.mention_id] == "151"


# ------------------------------------------------------------ benchmark helper
def test_precision_recall():
    truth = {"m1": "x", "m2": "x", "m3": "y", "m4": "y"}
    assert person_precision_recall({"m1": "p", "m2": "p", "m3": "q", "m4": "q"}, truth) == (1.0, 1.0)
    p, r = person_precision_recall({"m1": "p", "m2": "p", "m3": "p", "m4": "p"}, truth)
    assert p == pytest.approx(2 / 6) and r == 1.0
    p, r = person_precision_recall({"m1": "p"}, truth)
    assert p == 1.0 and r == 0.0


# ------------------------------------------------------------ the five samples (needs extract + gazetteer)
@pytest.fixture(scope="module")
def samples_resolved():
    gaz = load_gazetteer()
    facts = [extract_path(str(p), gaz) for p in sorted(SAMPLES.glob("*.txt"))]
    return facts, Resolver(gaz, (), load_judgements()).resolve_all(facts).documents, None


def test_samples_no_duplicate_persons(samples_resolved):
    _, resolved, _ = samples_resolved
    persons = {p.person_id: p for rd in resolved for p in rd.persons}
    by_key = {}
    for p in persons.values():
        by_key.setdefault(name_key(p.name), []).append(p.person_id)
    dupes = {k: v for k, v in by_key.items() if len(v) > 1}
    assert not dupes, dupes
    # every resolved mention points at a person listed by its document
    for rd in resolved:
        assert set(rd.person_of.values()) <= {p.person_id for p in rd.persons}


def test_samples_henrik_rasmussen_rule(samples_resolved):
    facts, resolved, _ = samples_resolved
    ids = {}
    for f, rd in zip(facts, resolved):
        for m in doc_mentions(f):
            if name_key(m.name) == "henrik rasmussen":
                ids.setdefault(Path(f.path).name, set()).add(rd.person_of.get(m.mention_id))
    assert {"kkr-hovedstaden-referat-2020-06-19.txt", "kkr-hovedstaden-dagsorden-2023-04-21.txt"} <= set(ids)
    found = set().union(*ids.values())
    assert found == {"person:henrik-rasmussen"}, ids


def test_samples_deterministic(samples_resolved):
    facts, resolved, _ = samples_resolved
    again = Resolver(load_gazetteer(), (), load_judgements()).resolve_all(facts).documents
    assert [sorted(r.person_of.items()) for r in again] == [sorted(r.person_of.items()) for r in resolved]
    assert [[o.org_id for o in r.orgs] for r in again] == [[o.org_id for o in r.orgs] for r in resolved]


def test_same_judgement_merges_two_known_persons():
    k1 = KnownPerson("person:jens-hansen", "Jens Hansen", [], [], [])
    k2 = KnownPerson("person:jens-hanssen", "Jens Hanssen", [], ["person:old"], [])
    d = Doc("a")
    m = d.mention("Jens Hanssen")
    r, res = resolve(d, known=[k1, k2])
    assert pid(res, m) == "person:jens-hanssen" and r.merges == ()
    assert [(c.a_id, c.b_id) for c in r.candidates] == [("person:jens-hansen", "person:jens-hanssen")]
    j = Judgements()
    j.add("Jens Hansen", "Jens Hanssen", "same")
    r, res = resolve(d, known=[k1, k2], judgements=j)
    assert pid(res, m) == "person:jens-hansen"
    p = person(res, "person:jens-hansen")
    assert p.merged_ids == ("person:jens-hanssen", "person:old") and p.aliases == ("Jens Hanssen",)
    assert r.merges == (GraphMerge("person:jens-hansen", "person:jens-hanssen"),)
