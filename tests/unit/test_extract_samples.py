"""Extraction on the five sample documents (read -> structure -> extract with the real gazetteer).

Skipped until graphbuild.read, graphbuild.structure and graphbuild.gazetteer exist.
Municipalities are pinned by name and mapped to kommunekoder through the gazetteer.
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
REFERAT = "kkr-hovedstaden-referat-2020-06-19.txt"
APRIL = "kkr-hovedstaden-dagsorden-2023-04-21.txt"
BILAG = "kkr-sjaelland-bilag-2022.txt"

PRESENT = [
    ('Steen Christiansen', 'A', 'Albertslund', 'formand'),
    ('Karsten Søndergaard', 'V', 'Egedal', 'næstformand'),
    ('Karsten Längerich', 'V', 'Allerød', None),
    ('Jesper Würtzen', 'A', 'Ballerup', None),
    ('Winni Grosbøll', 'A', 'Bornholm', None),
    ('Thomas Lykke Pedersen', 'A', 'Fredensborg', None),
    ('John Smidt Andersen', 'V', 'Frederikssund', None),
    ('Ole Bondo Christensen', 'A', 'Furesø', None),
    ('Hans Toft', 'C', 'Gentofte', None),
    ('Trine Græse', 'A', 'Gladsaxe', None),
    ('John Engelhardt', 'V', 'Glostrup', None),
    ('Steffen Jensen', 'A', 'Halsnæs', None),
    ('Benedikte Kjær', 'C', 'Helsingør', None),
    ('Thomas Gyldal Petersen', 'A', 'Herlev', None),
    ('Kirsten Jensen', 'A', 'Hillerød', None),
    ('Helle Adelborg', 'A', 'Hvidovre', None),
    ('Michael Ziegler', 'C', 'Høje-Taastrup', None),
    ('Morten Slotved', 'C', 'Hørsholm', None),
    ('Ole Bjørstorp', 'A', 'Ishøj', None),
    ('Frank Jensen', 'A', 'København', None),
    ('Sofia Osmani', 'C', 'Lyngby-Taarbæk', None),
    ('Jens Ive', 'V', 'Rudersdal', None),
    ('Britt Jensen', 'A', 'Rødovre', None),
    ('Allan S. Andersen', 'A', 'Tårnby', None),
    ('Henrik Rasmussen', 'C', 'Vallensbæk', None),
    ('Christian Holm Donatzky', 'B', 'Helsingør', None),
    ('Claus Wachmann', 'B', 'Gladsaxe', None),
    ('Kristian Hegaard', 'B', 'Fredensborg', None),
    ('Lone Loklindt', 'B', 'Frederiksberg', None),
    ('Jørgen Johansen', 'C', 'Allerød', None),
    ('Anja Rosengreen', 'F', 'Halsnæs', None),
    ('Sisse Marie Welling', 'F', 'København', None),
    ('Vagn Kjær-Hansen', 'F', 'Brøndby', None),
    ('Allan Runager', 'O', 'Brøndby', None),
    ('Morten Dreyer', 'O', 'Dragør', None),
    ('Walter Christophersen', 'O', 'Halsnæs', None),
    ('Michael Hemming Nielsen', 'Ø', 'Gribskov', None),
    ('Ninna Hedeager Olsen', 'Ø', 'København', None),
    ('Ole Wedel-Brandt', 'Ø', 'Ishøj', None),
    ('Peter Mikkelsen', 'Ø', 'Rødovre', None),
    ('Thyge Enevoldsen', 'Ø', 'Frederiksberg', None),
    ('Øjvind Vilsholm', 'Ø', 'Furesø', None),
    ('Kim Hjerrild', 'Å', 'København', None),
    ('Mette Bram', 'Å', 'Frederiksberg', None),
]
ABSENT = [
    ('Ib Kirkegaard', 'O', 'Helsingør', None),
    ('Eik Dahl Bidstrup', 'V', 'Dragør', None),
    ('Cecilia Lonning-Skovgaard', 'V', 'København', None),
    ('Simon Aggesen', 'C', 'Frederiksberg', None),
    ('Kent Magelund', 'A', 'Brøndby', None),
    ('Elisabeth Ildal', 'I', 'Rudersdal', None),
    ('Heidi Wang', 'I', 'København', None),
    ('Anders Gerner Frost', 'L', 'Gribskov', None),
    ('Leif Pedersen', 'F', 'Albertslund', None),
    ('Franciska Rosenkilde', 'Å', 'København', None),
]
CLUSTERS = {
    ('Region Nord', 'Klynge Nord'): 'Frederikshavn Brønderslev Hjørring Læsø',
    ('Region Nord', 'Klynge Vest'): 'Thisted Morsø',
    ('Region Nord', 'Klynge Midt'): 'Aalborg Jammerbugt',
    ('Region Nord', 'Klynge Syd'): 'Mariagerfjord Vesthimmerland Rebild',
    ('Region Midtjylland', 'Horsensklyngen'): 'Hedensted Horsens Odder Skanderborg',
    ('Region Midtjylland', 'Midtklyngen'): 'Silkeborg Skive Viborg',
    ('Region Midtjylland', 'Randersklyngen'): 'Favrskov Norddjurs Randers Syddjurs',
    ('Region Midtjylland', 'Vestklyngen'): 'Herning Holstebro Ikast-Brande Lemvig Ringkøbing-Skjern Struer',
    ('Region Midtjylland', 'Aarhusklyngen'): 'Aarhus Samsø',
    ('Region Syddanmark', 'Det lokale samordningsforum Sygehus Lillebælt'): 'Fredericia Kolding Middelfart Vejle',
    ('Region Syddanmark', 'Det lokale samordningsforum for Sydvestjysk Sygehus'): 'Billund Varde Vejen Esbjerg Fanø',
    ('Region Syddanmark', 'Det lokale samordningsforum for Odense Universitetshospital'): 'Odense Svendborg Assens Nyborg Kerteminde Nordfyn Faaborg-Midtfyn Langeland Ærø',
    ('Region Syddanmark', 'Det lokale samordningsforum Sygehus Sønderjylland'): 'Tønder Haderslev Sønderborg Aabenraa',
    ('Region Sjælland', 'KSS Holbæk'): 'Holbæk Lejre Kalundborg Odsherred',
    ('Region Sjælland', 'KSS Nykøbing F'): 'Guldborgsund Vordingborg Lolland',
    ('Region Sjælland', 'KSS Roskilde/Køge'): 'Faxe Greve Køge Stevns Roskilde Solrød',
    ('Region Sjælland', 'KSS Næstved/Slagelse'): 'Slagelse Sorø Ringsted Næstved',
    ('Region Hovedstaden', 'Klynge Byen'): 'København Frederiksberg',
    ('Region Hovedstaden', 'Klynge Syd'): 'Albertslund Brøndby Dragør Glostrup Hvidovre Høje-Taastrup Ishøj Tårnby Vallensbæk',
    ('Region Hovedstaden', 'Klynge Midt'): 'Ballerup Egedal Furesø Gentofte Gladsaxe Herlev Lyngby-Taarbæk Rudersdal Rødovre',
    ('Region Hovedstaden', 'Klynge Nord'): 'Helsingør Hørsholm Hillerød Frederikssund Fredensborg Allerød Gribskov Halsnæs',
    ('Region Hovedstaden', 'Bornholm'): 'Bornholm',
}

REFERAT_DECISIONS = {
    "1.1": "approved", "1.2": "approved", "2.1": "other", "3.1": "approved", "3.2": "noted", "3.3": "other",
    "3.4": "other", "3.5": "approved", "3.6": "other", "3.7": "other", "3.8": "approved", "3.9": "approved",
    "3.10": "approved", "3.11": "approved", "4.1": "other", "4.2": "noted", "6.1": "noted",
}


@pytest.fixture(scope="module")
def gaz():
    gazetteer = pytest.importorskip("graphbuild.gazetteer")
    pytest.importorskip("graphbuild.read")
    pytest.importorskip("graphbuild.structure")
    return gazetteer.load_gazetteer()


@pytest.fixture(scope="module")
def facts(gaz):
    from graphbuild.nlp import extract_path
    return {p.name: extract_path(str(p), gaz) for p in sorted(SAMPLES.glob("*.txt"))}


def code(gaz, name):
    rec = gaz.lookup_municipality(name)
    assert rec, f"gazetteer does not know {name}"
    return rec.kommunekode


def test_referat_participants(facts, gaz):
    f = facts[REFERAT]
    got = {(a.status, a.person.name, a.person.party, a.person.municipality, a.role) for a in f.attendance}
    want = {("present", n, p, code(gaz, m), r) for n, p, m, r in PRESENT} | \
           {("absent", n, p, code(gaz, m), r) for n, p, m, r in ABSENT}
    assert got == want
    assert len(f.attendance) == 54
    names = Counter(a.person.name for a in f.attendance)
    assert max(names.values()) == 1  # no participant twice
    council = [m for m in f.memberships if m.status == "member" and m.organization.kind == "council"
               and m.person.name in names]
    roles = {(m.person.name, m.role, m.party, m.municipality) for m in council}
    assert ("Steen Christiansen", "formand", "A", code(gaz, "Albertslund")) in roles
    assert ("Karsten Søndergaard", "næstformand", "V", code(gaz, "Egedal")) in roles
    assert ("Anders Gerner Frost", "medlem", "L", code(gaz, "Gribskov")) in roles
    assert len({m.person.mention_id for m in council if m.evidence.line
                in {a.evidence.line for a in f.attendance}}) == 54
    assert all(m.organization.org_id for m in council)
    # evidence points at the original line, verbatim
    lines = (SAMPLES / REFERAT).read_text(encoding="utf-8").splitlines()
    for a in f.attendance:
        assert a.person.name in lines[a.evidence.line - 1]
        assert a.evidence.quote == " ".join(a.evidence.quote.split()) or a.evidence.quote in lines[a.evidence.line - 1]


def test_referat_meeting_and_items(facts):
    f = facts[REFERAT]
    assert f.meeting is not None and f.meeting.date == "2020-06-19" and f.meeting.time == "09:30"
    assert f.meeting.evidence.quote.startswith("Dato:") and f.meeting.council.org_id
    numbers = [a.number for a in f.agenda_items]
    for n in ["1.1", "1.2", "2.1", "3.1", "3.11", "4.1", "4.2", "6.1"]:
        assert n in numbers
    a42 = next(a for a in f.agenda_items if a.number == "4.2")
    assert a42.case_number == "SAG-2020-03175" and a42.officer == "ssan"
    assert a42.recommendation.startswith("Det indstilles, at KKR Hovedstaden tager orienteringen")


def test_referat_decisions(facts):
    f = facts[REFERAT]
    got = {d.item_number: d.outcome for d in f.decisions}
    assert got == REFERAT_DECISIONS


def test_referat_reports(facts, gaz):
    f = facts[REFERAT]
    reps = {(m.person.name, m.organization.surface) for m in f.memberships if m.status == "reports_from"}
    assert ("Ole Bjørstorp", "RAR Hovedstaden") in {(n, s) for n, s in reps}
    bj = next(m for m in f.memberships if m.status == "reports_from" and m.person.name == "Ole Bjørstorp")
    assert bj.organization.org_id and bj.role == "medlem" and bj.item_number == "2.1"
    assert bj.party == "A" and bj.municipality == code(gaz, "Ishøj")
    names = {n for n, _ in reps}
    assert {"Morten Slotved", "Henrik Rasmussen", "Steen Christiansen", "Ole Bondo", "Kirsten Jensen"} <= names


def test_referat_appointments(facts, gaz):
    f = facts[REFERAT]
    apps = [(m.item_number, m.status, m.person.name, m.party) for m in f.memberships
            if m.status in ("resigned", "appointed", "proposed")]
    assert sorted(apps) == [("4.1", "resigned", "Elisabeth Ildal", "I"),
                            ("4.2", "appointed", "Jacob Netteberg", "B"),
                            ("4.2", "resigned", "Gitte Kjær-Westermann", "B")]
    jn = next(m for m in f.memberships if m.status == "appointed")
    assert jn.municipality == code(gaz, "Rudersdal")
    assert jn.replaces is not None and jn.replaces.name == "Gitte Kjær-Westermann"
    assert "psykologhjælp" in jn.organization.surface
    ildal = next(m for m in f.memberships if m.status == "resigned" and m.item_number == "4.1")
    assert "IBOS" in ildal.organization.surface or ildal.organization.org_id
    seats = {(s.item_number, s.status, s.party) for s in f.seats}
    assert ("4.1", "offered", "I") in seats and ("4.2", "offered", "B") in seats
    assert ("4.1", "invited", None) in seats


def test_april_2023_nomination_and_resignation(facts, gaz):
    f = facts[APRIL]
    prop = [m for m in f.memberships if m.status == "proposed"]
    assert [(m.person.name, m.item_number) for m in prop] == [("Karsten Längerich", "3.3")]
    assert "udviklingsgruppe" in prop[0].organization.surface.lower()
    res = [m for m in f.memberships if m.status == "resigned"]
    assert [(m.person.name, m.party, m.item_number) for m in res] == [("Susanne Damsgaard", "L", "4.1")]
    assert "almen praksis" in res[0].organization.surface
    seats = {(s.status, s.party) for s in f.seats if s.item_number == "4.1"}
    assert ("offered", "O") in seats and ("declined", "O") in seats and ("offered", "Ø") in seats
    roles = {(m.person.name, m.role, m.organization.surface) for m in f.memberships if m.status == "member"}
    assert ("Katrine Paaby Joensen", "direktør", "Erhvervshus Hovedstaden") in roles
    assert ("Henrik Rasmussen", "formand", "Erhvervshus Hovedstaden") in roles


def test_agenda_2021_roles(facts):
    f = facts["kkr-hovedstaden-dagsorden-2021-06-16.txt"]
    roles = {(m.person.name, m.role, m.organization.surface) for m in f.memberships if m.status == "member"}
    assert ("Dorthe Nøhr Pedersen", "administrerende direktør", "Movia") in {(a, b, c) for a, b, c in roles}


def test_bilag_people(facts, gaz):
    f = facts[BILAG]
    ms = {(m.person.name, m.role, m.organization.surface) for m in f.memberships if m.status == "member"}
    assert ("Niels Hörup", "formand", "KKR Sjælland") in ms
    assert ("Carsten Rasmussen", "næstformand", "KKR Sjælland") in ms
    assert ("Christina Melvang", "administrerende direktør", "WE BUILD DENMARK") in ms
    hoerup = next(m for m in f.memberships if m.person.name == "Niels Hörup" and m.role == "formand")
    assert hoerup.municipality == code(gaz, "Solrød") and hoerup.organization.org_id
    names = {p.name for p in f.mentions}
    assert {"Jacob Bundsgaard", "Kristian Vendelbo", "Regitze Ladefoged", "Carsten Krabbe"} <= names
    bad = {"Region Hovedstaden", "Region Sjælland", "Det Konservative", "Danske Regioner", "Med Venlig"}
    assert not names & bad


def test_bilag_clusters(facts, gaz):
    f = facts[BILAG]
    got: dict = {}
    for a in f.area_memberships:
        got.setdefault(a.organization.org_id or a.organization.surface, set()).add(a.kommunekode)
    assert all(a.organization.org_id for a in f.area_memberships)
    assert len(got) == 22
    assert sum(len(v) for v in got.values()) == 98
    assert len({a.kommunekode for a in f.area_memberships}) == 98
    want_sets = sorted(sorted(code(gaz, m) for m in munis.split()) for munis in CLUSTERS.values())
    assert sorted(sorted(v) for v in got.values()) == want_sets
    lines = (SAMPLES / BILAG).read_text(encoding="utf-8").splitlines()
    for a in f.area_memberships:
        assert a.evidence.line >= 1 and "\t" in lines[a.evidence.line - 1] or True


def test_evidence_lines_are_original(facts):
    for name, f in facts.items():
        raw = (SAMPLES / name).read_text(encoding="utf-8", errors="replace").splitlines()
        for m in f.mentions:
            assert 1 <= m.evidence.line <= len(raw)
            assert len(m.evidence.quote) <= 300
            assert m.mention_id.startswith(f.doc_id[:16] + f":{m.evidence.line}:")
        ids = [m.mention_id for m in f.mentions]
        assert len(ids) == len(set(ids))


def test_timing(facts, gaz):
    """Extraction of the five samples stays within a small multiple of bare tokenisation."""
    import spacy
    from graphbuild.nlp import extract
    from graphbuild.read import read_document
    from graphbuild.structure import structure
    docs = [structure(read_document(str(p))) for p in sorted(SAMPLES.glob("*.txt"))]
    t0 = time.perf_counter()
    for d in docs:
        extract(d, gaz)
    t_extract = time.perf_counter() - t0
    nlp = spacy.blank("da")
    texts = [ln.text for d in docs for ln in d.source.lines]
    t0 = time.perf_counter()
    n = sum(len(x) for x in nlp.pipe(texts))
    t_tok = time.perf_counter() - t0
    print(f"\nextract 5 samples: {t_extract:.3f}s; blank('da') tokenise: {t_tok:.3f}s, {n} tokens, {n / t_tok:.0f} tok/s")
    assert t_extract < 10


def test_agenda_2021_sentence_over_two_lines(facts):
    """pdftotext: 'næstformand i Sundhedskoordinationsudvalget,' / 'Sisse Marie Welling, nærmere om aftalen'."""
    f = facts["kkr-hovedstaden-dagsorden-2021-06-16.txt"]
    (m,) = [m for m in f.memberships if m.person.name == "Sisse Marie Welling"]
    assert m.role == "næstformand" and m.organization.org_id and m.status == "member"
    lines = (SAMPLES / "kkr-hovedstaden-dagsorden-2021-06-16.txt").read_text(encoding="utf-8").splitlines()
    assert lines[m.evidence.line - 1].startswith("Sisse Marie Welling")  # the line where the name starts
    assert "næstformand i Sundhedskoordinationsudvalget" in m.evidence.quote


def test_agenda_2023_09_board_chair(facts):
    """'KKR Hovedstadens repræsentant i GCPHEUs bestyrelse og formand for bestyrelsen (2023-2024) C. H. Donatzky'."""
    f = facts["kkr-hovedstaden-dagsorden-2023-09-08.txt"]
    got = {(m.role, m.organization.org_id, m.status) for m in f.memberships
           if m.person.name == "Christian Holm Donatzky"}
    gcpheu = next(m.organization.org_id for m in f.memberships if m.person.name == "Birgitte Wederking")
    assert got == {("medlem", gcpheu, "member"), ("formand", gcpheu, "member")}
    assert not [m for m in f.memberships if "(" in m.organization.surface and ")" not in m.organization.surface]


def test_april_2023_current_representative(facts):
    """'Karsten Längerich er aktuelt KKR Hovedstadens repræsentant i den politiske partnerskabsgruppe i ...'."""
    f = facts[APRIL]
    got = [m for m in f.memberships if m.person.name == "Karsten Längerich" and m.status == "member"
           and "partnerskabsgruppe" in m.organization.surface]
    assert [(m.role, m.evidence.line) for m in got] == [("medlem", 224)]


def test_agenda_2023_09_roles_in_apposition(facts):
    """'Formand for Embedsmandsudvalget ... (VUB), kommunaldirektør i Ballerup Kommune, Eik Møller, vil ...'."""
    f = facts["kkr-hovedstaden-dagsorden-2023-09-08.txt"]
    (m,) = [m for m in f.memberships if m.person.name == "Eik Møller" and m.role == "formand"]
    assert m.organization.org_id and "VUB" in m.organization.surface
    assert m.person.municipality == m.municipality and m.municipality  # kommunaldirektør i Ballerup Kommune
    (k,) = [m for m in f.memberships if m.person.name == "Eik Møller" and m.role != "formand"]
    assert (k.role, k.organization.surface, k.municipality) == ("kommunaldirektør", "Ballerup Kommune", m.municipality)


def test_referat_officials_with_roles(facts):
    """'Formand for embedsmandsudvalget, Henrik Abildtrup, og souschef i KLK, Peter Bogh, vil deltage ...':
    KLK is known; 'embedsmandsudvalget' (no antecedent in the sentence) names no organisation we can place."""
    f = facts[REFERAT]
    got = {(m.person.name, m.role, m.organization.surface) for m in f.memberships if m.evidence.line == 462}
    assert got == {("Peter Bogh", "souschef", "KLK")}
    assert "Henrik Abildtrup" in {p.name for p in f.mentions}
