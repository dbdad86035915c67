"""Resolution: pure tests with hand-built DocumentFacts and a small stand-in gazetteer."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest

from graphbuild.model import (AttendanceFact, DocumentFacts, Evidence, MeetingFact, MembershipFact, OrgRef,
                              PersonMention)
from graphbuild.resolve import (Judgements, KnownPerson, PersonContext, Resolver, load_judgements, name_key,
                                normalise_name, org_key, person_precision_recall, slugify)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


# ------------------------------------------------------------ stand-in gazetteer
@dataclass
class Rec:
    org_id: str
    name: str
    kind: str = "body"
    short_name: Optional[str] = None
    aliases: list = field(default_factory=list)
    classification: Optional[str] = None
    letter: Optional[str] = None
    kommunekode: Optional[str] = None


class FakeGazetteer:
    MUNIS = {"ballerup": "151", "gentofte": "157", "vallensbæk": "187", "furesø": "190", "albertslund": "165"}

    def __init__(self):
        self.bodies = {r.org_id: r for r in [
            Rec("org:wonderful-copenhagen", "Wonderful Copenhagen", short_name="WOCO", aliases=["WoCo"]),
            Rec("org:danmarks-erhvervsfremmebestyrelse", "Danmarks Erhvervsfremmebestyrelse", short_name="DEB"),
            Rec("org:erhvervshus-hovedstaden", "Erhvervshus Hovedstaden", aliases=["Erhvervshuset"]),
            Rec("org:erhvervshus-sjaelland", "Erhvervshus Sjælland", aliases=["Erhvervshuset"]),
            Rec("org:kl", "KL", aliases=["Kommunernes Landsforening"]),
        ]}
        self.councils = {"council:kkr-hovedstaden": Rec("council:kkr-hovedstaden", "KKR Hovedstaden", kind="council")}
        self.councils["council:kkr-hovedstaden"].regionskode = "1084"
        self.bodies["org:erhvervshus-hovedstaden"].regionskode = "1084"
        self.bodies["org:erhvervshus-sjaelland"].regionskode = "1085"
        self.parties = {
            "party:a": Rec("party:a", "Socialdemokratiet", kind="party", letter="A"),
            "party:v": Rec("party:v", "Venstre", kind="party", letter="V"),
            "party:c": Rec("party:c", "Det Konservative Folkeparti", kind="party", letter="C"),
        }
        self.municipalities = {v: k for k, v in self.MUNIS.items()}

    def lookup_org(self, surface):
        s = " ".join(surface.split()).casefold()
        hits = [r.org_id for table in (self.bodies, self.councils) for r in table.values()
                if s in {x.casefold() for x in [r.name, r.short_name or "", *r.aliases] if x}]
        return hits[0] if len(hits) == 1 else None  # an ambiguous alias is no answer

    def lookup_party(self, letter, kommunekode=None):
        for r in self.parties.values():
            if r.letter == letter.upper():
                return r.org_id
        return None

    def lookup_municipality(self, surface):
        s = surface.casefold().replace(" kommune", "").strip()
        return self.MUNIS.get(s)


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
    r = Resolver(FakeGazetteer(), known, judgements)
    return r, r.resolve_all([d.facts for d in docs])


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


# ------------------------------------------------------------ normalisation
def test_normalisation():
    assert normalise_name("Gitte Kjær- Westermann") == "gitte kjær-westermann"
    assert normalise_name("  Jörgen   Aagaard ") == normalise_name("Jørgen Ågaard")
    assert normalise_name("Märta Sørensen") == "mærta sørensen"
    assert normalise_name("René Müller") == "rene muller"
    assert name_key("Ole Wedel-Brandt") == name_key("Ole Wedel Brandt")
    assert slugify("Søren Åkjær Læsø") == "soeren-aakjaer-laesoe"


# ------------------------------------------------------------ persons
def test_short_form_resolves_to_long_form():
    d = Doc("a")
    long = d.attend("Ole Bondo Christensen", "A", "Furesø Kommune")
    short = d.mention("Ole Bondo")
    _, res = resolve(d)
    assert pid(res, long) == pid(res, short) == "person:ole-bondo-christensen"
    p = person(res, pid(res, long))
    assert p.name == "Ole Bondo Christensen" and "Ole Bondo" in p.aliases


def test_two_jensens_stay_apart():
    d = Doc("a")
    anne = d.attend("Anne Jensen", "A", "Ballerup Kommune")
    peter = d.attend("Peter Jensen", "V", "Gentofte Kommune")
    _, res = resolve(d)
    assert pid(res, anne) != pid(res, peter)
    assert {pid(res, anne), pid(res, peter)} == {"person:anne-jensen", "person:peter-jensen"}


def test_same_name_contradicting_context_same_date_stays_apart():
    d1, d2 = Doc("a"), Doc("b")
    h1 = d1.attend("Hans Jensen", "A", "Ballerup Kommune")
    h2 = d2.attend("Hans Jensen", "V", "Gentofte Kommune")
    r, res = resolve(d1, d2)
    assert pid(res, h1) and pid(res, h2) and pid(res, h1) != pid(res, h2)
    assert pid(res, h1).startswith("person:hans-jensen-") and pid(res, h2).startswith("person:hans-jensen-")
    assert not r.review_candidates()  # contradiction: not even a question for the curator
    # a bare "Hans Jensen" afterwards has two candidates: unresolved, never guessed
    d3 = Doc("c", "2021-01-01")
    bare = d3.mention("Hans Jensen")
    _, res = resolve(d1, d2, d3)
    assert pid(res, bare) is None and "candidates" in unresolved_reason(res, bare)


def test_same_name_one_disagreement_goes_to_review():
    d1, d2 = Doc("a", "2020-01-01"), Doc("b", "2022-01-01")
    h1 = d1.attend("Hans Jensen", "A", "Ballerup Kommune")
    h2 = d2.attend("Hans Jensen", "A", "Gentofte Kommune")
    r, res = resolve(d1, d2)
    assert pid(res, h1) != pid(res, h2)
    cands = r.review_candidates()
    assert len(cands) == 1 and {cands[0].a_id, cands[0].b_id} == {pid(res, h1), pid(res, h2)}
    assert len(cands[0].evidence) == 2


def test_initials_one_candidate_resolves_two_stay_unresolved():
    d = Doc("a")
    mette = d.attend("Mette Frederiksen", "A", "Albertslund Kommune")
    ini = d.mention("M. Frederiksen")
    _, res = resolve(d)
    assert pid(res, ini) == pid(res, mette)

    d = Doc("b")
    d.attend("Mette Frederiksen", "A", "Albertslund Kommune")
    d.attend("Morten Frederiksen", "V", "Gentofte Kommune")
    ini = d.mention("M. Frederiksen")
    _, res = resolve(d)
    assert pid(res, ini) is None
    assert "2 candidates" in unresolved_reason(res, ini)

    d = Doc("c")
    lone = d.mention("K. Nobody")
    _, res = resolve(d)
    assert pid(res, lone) is None and "no candidate" in unresolved_reason(res, lone)


def test_single_token_never_guessed_across_documents():
    d1, d2 = Doc("a"), Doc("b")
    d1.attend("Morten Slotved", "C", "Hørsholm Kommune")
    alone = d2.mention("Slotved")
    _, res = resolve(d1, d2)
    assert pid(res, alone) is None
    here = d1.mention("Slotved")
    _, res = resolve(d1, d2)
    assert pid(res, here) == "person:morten-slotved"


def test_spelling_variants_merge():
    d1, d2 = Doc("a"), Doc("b")
    a = d1.attend("Jörgen Aagaard", "V", "Ballerup Kommune")
    b = d2.attend("Jørgen Ågaard", "V", "Ballerup Kommune")
    c = d2.mention("Gitte Kjær- Westermann")
    e = d1.mention("Gitte Kjær-Westermann")
    _, res = resolve(d1, d2)
    assert pid(res, a) == pid(res, b)
    assert pid(res, c) == pid(res, e) == "person:gitte-kjaer-westermann"
    p = person(res, pid(res, c))
    assert p.name == "Gitte Kjær-Westermann" and p.aliases == []


def test_fuzzy_spelling_needs_context():
    d1, d2 = Doc("a"), Doc("b", "2021-01-01")
    a = d1.attend("Thomas Gyldal Petersen", "A", "Ballerup Kommune")
    b = d2.attend("Thomas Gyldal Pedersen", "A", "Ballerup Kommune")
    _, res = resolve(d1, d2)
    assert pid(res, a) == pid(res, b)
    d3, d4 = Doc("c"), Doc("d", "2021-01-01")
    a = d3.mention("Jens Hansen")
    b = d4.mention("Jens Hanssen")
    r, res = resolve(d3, d4)
    assert pid(res, a) != pid(res, b)
    assert [(c.a_name, c.b_name) for c in r.review_candidates()] == [("Jens Hansen", "Jens Hanssen")]


def test_not_same_judgement_splits():
    d = Doc("a")
    long = d.attend("Ole Bondo Christensen", "A", "Furesø Kommune")
    short = d.mention("Ole Bondo")
    j = Judgements()
    j.add("ole bondo", "OLE BONDO CHRISTENSEN", "not-same", "test")
    r, res = resolve(d, judgements=j)
    assert pid(res, long) != pid(res, short)
    assert not r.review_candidates()


def test_same_judgement_merges_uncertain_pair(tmp_path):
    d3, d4 = Doc("c"), Doc("d", "2021-01-01")
    a = d3.mention("Jens Hansen")
    b = d4.mention("Jens Hanssen")
    f = tmp_path / "j.csv"
    f.write_text("name_a,name_b,decision,note\n\"# comment, ignored\",,,\nJens  HANSSEN,jens hansen,same,typo\n",
                 encoding="utf-8")
    r, res = resolve(d3, d4, judgements=load_judgements(f))
    assert pid(res, a) == pid(res, b)
    assert not r.review_candidates()


def test_default_judgements_file_loads():
    j = load_judgements()
    assert isinstance(j, Judgements)


def test_henrik_rasmussen_rule():
    """Same normalised full name + no contradicting context -> the same person.

    2020: "Henrik Rasmussen, (C), Vallensbæk Kommune" in the attendance list (and he reports from
    Erhvervshus Hovedstaden); 2023: "Formand for Erhvervshus Hovedstaden Henrik Rasmussen" (no party,
    no municipality).  Nothing contradicts, the shared body supports it -> one Person.
    """
    d20 = Doc("2020", "2020-06-19")
    a = d20.attend("Henrik Rasmussen", "C", "Vallensbæk Kommune")
    b = d20.member("Henrik Rasmussen", "Erhvervs hus Hovedstaden", "medlem")
    d23 = Doc("2023", "2023-04-21")
    c = d23.member("Henrik Rasmussen", "Erhvervshus Hovedstaden", "formand")
    _, res = resolve(d20, d23)
    assert pid(res, a) == pid(res, b) == pid(res, c) == "person:henrik-rasmussen"
    # ... but a 2023 context that contradicts on both party and municipality makes a second person
    d23b = Doc("2023b", "2023-04-21")
    e = d23b.attend("Henrik Rasmussen", "A", "Ballerup Kommune")
    _, res = resolve(d20, d23b)
    assert pid(res, a) != pid(res, e)


def test_known_person_keeps_id_and_gets_longer_name():
    kp = KnownPerson("person:ole-bondo", "Ole Bondo", [], [], [PersonContext(party="A", municipality="190")])
    d = Doc("a")
    long = d.attend("Ole Bondo Christensen", "A", "Furesø Kommune")
    r, res = resolve(d, known=[kp])
    assert pid(res, long) == "person:ole-bondo"
    p = person(res, "person:ole-bondo")
    assert p.name == "Ole Bondo Christensen" and p.aliases == ["Ole Bondo"]
    assert r.graph_merges() == []


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
    assert rd.org_of[org_key("WOCO", None)] == "org:wonderful-copenhagen"
    assert rd.org_of[org_key("Wonderful Copenhagen", None)] == "org:wonderful-copenhagen"
    assert rd.org_of[org_key("DEB's", None)] == "org:danmarks-erhvervsfremmebestyrelse"
    assert rd.org_of[org_key("Erhvervs hus Hovedstaden", None)] == "org:erhvervshus-hovedstaden"
    assert rd.org_of[org_key("Foreningen for Ukendte Ting", None)] == "body:foreningen-for-ukendte-ting"
    assert rd.org_of[org_key("KKR Hovedstaden", None)] == "council:kkr-hovedstaden"
    assert rd.org_of[org_key("Erhvervshuset", None)] == "org:erhvervshus-hovedstaden"  # shared alias: the region decides
    ids = {o.org_id for o in rd.orgs}
    assert {"org:wonderful-copenhagen", "body:foreningen-for-ukendte-ting", "council:kkr-hovedstaden"} <= ids
    new = next(o for o in rd.orgs if o.org_id == "body:foreningen-for-ukendte-ting")
    assert new.name == "Foreningen for Ukendte Ting" and new.kind == "body"


def test_parties_listed_with_letters():
    d = Doc("a")
    m = d.attend("Anne Jensen", "A", "Ballerup Kommune")
    _, res = resolve(d)
    rd = res[0]
    assert rd.party_of[m.mention_id] == "party:a"
    party = next(o for o in rd.orgs if o.org_id == "party:a")
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
    extract = pytest.importorskip("graphbuild.nlp")
    gazetteer = pytest.importorskip("graphbuild.gazetteer")
    pytest.importorskip("graphbuild.read")
    pytest.importorskip("graphbuild.structure")
    gaz = gazetteer.load_gazetteer()
    facts = [extract.extract_path(str(p), gaz) for p in sorted(SAMPLES.glob("*.txt"))]
    resolver = Resolver(gaz, (), load_judgements())
    return facts, resolver.resolve_all(facts), resolver


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
        for m in Resolver._doc_mentions(f):
            if name_key(m.name) == "henrik rasmussen":
                ids.setdefault(Path(f.path).name, set()).add(rd.person_of.get(m.mention_id))
    assert "kkr-hovedstaden-referat-2020-06-19.txt" in ids
    if "kkr-hovedstaden-dagsorden-2023-04-21.txt" not in ids:
        pytest.skip("extraction did not find the 2023 Henrik Rasmussen mention")
    found = set().union(*ids.values())
    assert found == {"person:henrik-rasmussen"}, ids


def test_samples_deterministic(samples_resolved):
    facts, resolved, _ = samples_resolved
    gaz = pytest.importorskip("graphbuild.gazetteer").load_gazetteer()
    again = Resolver(gaz, (), load_judgements()).resolve_all(facts)
    assert [sorted(r.person_of.items()) for r in again] == [sorted(r.person_of.items()) for r in resolved]
    assert [[o.org_id for o in r.orgs] for r in again] == [[o.org_id for o in r.orgs] for r in resolved]


def test_short_form_with_two_long_forms_stays_unresolved():
    d = Doc("a")
    a = d.attend("Ole Bondo Christensen", "A", "Furesø Kommune")
    b = d.attend("Ole Bondo Nielsen", "V", "Gentofte Kommune")
    short = d.mention("Ole Bondo")
    empty = d.mention(" , ")
    _, res = resolve(d)
    assert pid(res, a) != pid(res, b)
    assert pid(res, short) is None and unresolved_reason(res, short).startswith("2 candidates")
    assert pid(res, empty) is None and unresolved_reason(res, empty)
    # a context that fits only one of them settles it
    d2 = Doc("b", "2021-01-01")
    c = d2.mention("Ole Bondo", "A", "Furesø Kommune")
    _, res = resolve(d, d2)
    assert pid(res, c) == pid(res, a)


def test_same_judgement_merges_two_known_persons():
    k1 = KnownPerson("person:jens-hansen", "Jens Hansen", [], [], [])
    k2 = KnownPerson("person:jens-hanssen", "Jens Hanssen", [], ["person:old"], [])
    d = Doc("a")
    m = d.mention("Jens Hanssen")
    r, res = resolve(d, known=[k1, k2])
    assert pid(res, m) == "person:jens-hanssen" and r.graph_merges() == []
    assert [(c.a_id, c.b_id) for c in r.review_candidates()] == [("person:jens-hansen", "person:jens-hanssen")]
    j = Judgements()
    j.add("Jens Hansen", "Jens Hanssen", "same")
    r, res = resolve(d, known=[k1, k2], judgements=j)
    assert pid(res, m) == "person:jens-hansen"
    p = person(res, "person:jens-hansen")
    assert p.merged_ids == ["person:jens-hanssen", "person:old"] and p.aliases == ["Jens Hanssen"]
    assert r.graph_merges() == [("person:jens-hansen", "person:jens-hanssen")]
