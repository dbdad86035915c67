"""Unit tests for graphbuild.nlp on snippets copied from the samples.

A small real gazetteer (tests/data/gazetteer/) stands in for the full one so these tests pin the extraction rules
alone.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.meeting.decisions import outcome_of
from graphbuild.nlp.components.outcome import decision_outcome
from graphbuild.nlp.components.participants import parse_participant
from graphbuild.gazetteer import Gazetteer, load_gazetteer
from graphbuild.nlp import build_nlp, extract, facts_to_jsonl
from graphbuild.model import Attachment, Item, Line, Section, SourceText, StructuredDocument

ROOT = Path(__file__).resolve().parents[2]
GAZ = load_gazetteer(ROOT / "tests" / "data" / "gazetteer")  # a small real gazetteer


def doc_of(kind="referat", present=(), absent=(), items=(), attachments=(), header=None):
    lines = []
    n = [0]

    def L(text):
        n[0] += 1
        ln = Line(text, n[0] * 2)  # original line numbers differ from positions on purpose
        lines.append(ln)
        return ln

    hdr = L(header or "Dato: 19-06-2020 09:30")
    pres = [L(t) for t in present]
    abs_ = [L(t) for t in absent]
    its = []
    for number, title, sections in items:
        head = L(f"{number}. {title}")
        it = Item(number=number, title=title, line=head.line, case_number="SAG-2020-03175", officer="ssan")
        for sname, texts in sections:
            sh = L(sname)
            sec = Section(sname, sh.line, [L(t) for t in texts])
            it.sections.append(sec)
            it.lines += sec.lines
        its.append(it)
    atts = []
    for number, title, texts in attachments:
        atts.append(Attachment(number, title, n[0] * 2, [L(t) for t in texts]))
    src = SourceText(doc_id="f" * 64, path="x.txt", encoding="utf-8", layout="clean", lines=lines,
                     original_line_count=n[0] * 2)
    return StructuredDocument(source=src, kind=kind, council="KKR Hovedstaden", council_line=1, year=2020,
                              date="2020-06-19", time="09:30", location="Pharmakon", header_line=hdr.line,
                              title="Referat", present=pres, absent=abs_, items=its, attachments=atts)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(GAZ)


# ------------------------------------------------------------ participants
@pytest.mark.parametrize("text,expected", [
    ("Steen Christiansen (A), Albertslund Kommune (formand)",
     dict(name="Steen Christiansen", party="A", place="Albertslund Kommune", role="formand")),
    ("Hans Toft, (C), Gentofte Kommune", dict(name="Hans Toft", party="C", place="Gentofte Kommune", role=None)),
    ("Jesper Würtzen (A),Ballerup Kommune", dict(name="Jesper Würtzen", party="A", place="Ballerup Kommune", role=None)),
    ("Øjvind Vilsholm, (Ø) Furesø Kommune", dict(name="Øjvind Vilsholm", party="Ø", place="Furesø Kommune", role=None)),
    ("Allan S. Andersen (A), Tårnby Kommune", dict(name="Allan S. Andersen", party="A", place="Tårnby Kommune", role=None)),
    ("Vagn Kjær-Hansen (F), Brøndby Kommune", dict(name="Vagn Kjær-Hansen", party="F", place="Brøndby Kommune", role=None)),
    ("Mette Bram (Å) Frederiksberg Kommune", dict(name="Mette Bram", party="Å", place="Frederiksberg Kommune", role=None)),
    ("Anne Andersen, KL", dict(name="Anne Andersen", party=None, place="KL", role=None)),
])
def test_parse_participant(text, expected):
    assert parse_participant(text) == expected


@pytest.mark.parametrize("text", ["Region Hovedstaden (A)", "Deltagere", "Det Konservative Folkeparti (C), x"])
def test_parse_participant_rejects(text):
    assert parse_participant(text) is None


def test_participants_to_facts():
    d = doc_of(present=["Steen Christiansen (A), Albertslund Kommune (formand)",
                        "Ninna Hedeager Olsen, (Ø), Københavns Kommune",
                        "Steen Christiansen (A), Albertslund Kommune (formand)",
                        "uforståelig linje med Navn Navnesen"],
               absent=["Elisabeth Ildal (I), Rudersdal Kommune"])
    f = extract(d, GAZ)
    assert [(a.person.name, a.status, a.role) for a in f.attendance] == [
        ("Steen Christiansen", "present", "formand"), ("Ninna Hedeager Olsen", "present", None),
        ("Elisabeth Ildal", "absent", None)]
    steen = f.attendance[0].person
    assert (steen.party, steen.municipality, steen.roles) == ("A", "165", ["formand"])
    assert f.attendance[1].person.municipality == "101"
    assert steen.mention_id == "f" * 16 + f":{steen.evidence.line}:0"
    ms = [(m.person.name, m.organization.org_id, m.role, m.status, m.party, m.municipality) for m in f.memberships]
    assert ("Steen Christiansen", "council:kkr-hovedstaden", "formand", "member", "A", "165") in ms
    assert ("Elisabeth Ildal", "council:kkr-hovedstaden", "medlem", "member", "I", "230") in ms
    assert len(f.unresolved) == 1 and "uforståelig" in f.unresolved[0].quote
    assert f.meeting.council.org_id == "council:kkr-hovedstaden" and f.meeting.evidence.quote.startswith("Dato:")


# ----------------------------------------------------------------- roles
def roles_of(nlp, text):
    d = nlp(text)
    return [(r["name"], r["role"], r["org"], r["org_id"]) for r in d._.gb_person_roles or []]


def test_role_for_org_name(nlp):
    assert roles_of(nlp, "Direktør for Erhvervshus Hovedstaden Katrine Paaby Joensen vil på mødet præsentere") == [
        ("Katrine Paaby Joensen", "direktør", "Erhvervshus Hovedstaden", "body:erhvervshus-hovedstaden")]


def test_role_for_org_comma_name(nlp):
    assert roles_of(nlp, "Administrerende direktør for Movia, Dorthe Nøhr Pedersen, vil på mødet i") == [
        ("Dorthe Nøhr Pedersen", "administrerende direktør", "Movia", "body:movia")]


def test_two_roles_one_line(nlp):
    got = roles_of(nlp, "Formand for Erhvervshus Hovedstaden Henrik Rasmussen og formand for Erhvervshusets "
                        "bestyrelse på Bornholm Jakob Trøst vil desuden orientere KKR")
    assert got[0] == ("Henrik Rasmussen", "formand", "Erhvervshus Hovedstaden", "body:erhvervshus-hovedstaden")
    assert got[1][:3] == ("Jakob Trøst", "formand", "Erhvervshusets bestyrelse på Bornholm")


def test_name_then_role(nlp):
    got = roles_of(nlp, "Birgitte Wederking, direktør for Greater Copenhagen EU Office (GCPHEU), giver KKR")
    assert got == [("Birgitte Wederking", "direktør", "Greater Copenhagen EU Office", None)]


def test_role_prefix_council(nlp):
    got = roles_of(nlp, "KKR-formandskabet indstiller, at KKR-næstformand Karsten Längerich udpeges som repræsentant")
    assert got == [("Karsten Längerich", "næstformand", "KKR", None)]


def test_no_false_person(nlp):
    assert roles_of(nlp, "Formanden for Region Hovedstaden og Det Konservative Folkeparti har") == []
    assert nlp("Region Hovedstaden")._.gb_name_only is None
    assert nlp("Det Konservative")._.gb_name_only is None


def test_signature_block():
    d = doc_of(kind="bilag", attachments=[("2.4", "Rammeaftale", [
        "Vi ser frem til samarbejdet.",
        "Borgmester Niels Hörup, Solrød",
        "Formand for KKR Sjælland",
        "Borgmester Carsten Rasmussen, Lejre",
        "Næstformand for KKR Sjælland",
        "Med venlig hilsen",
        "Christina Melvang",
        "Adm. direktør, WE BUILD DENMARK",
    ])])
    f = extract(d, GAZ)
    ms = [(m.person.name, m.role, m.organization.surface, m.organization.org_id, m.municipality)
          for m in f.memberships]
    assert ("Niels Hörup", "formand", "KKR Sjælland", "council:kkr-sjaelland", "269") in ms
    assert ("Carsten Rasmussen", "næstformand", "KKR Sjælland", "council:kkr-sjaelland", "350") in ms
    assert ("Christina Melvang", "administrerende direktør", "WE BUILD DENMARK", None, None) in ms
    hoerup = next(p for p in f.mentions if p.name == "Niels Hörup")
    assert hoerup.roles == ["borgmester", "formand"] and hoerup.municipality == "269"


# --------------------------------------------------------------- reports
def test_body_report():
    d = doc_of(present=["Ole Bjørstorp (A), Ishøj Kommune"], items=[("2.1", "Siden sidst", [("Beslutning", [
        "Ole Bjørstorp oplyste fra RAR Hovedstaden, at et stort fokus er på beskæftigelsessituationen.",
        "Kirsten Jensen oplyste, at Movia står til et indtægtstab på ca. 800 mio. kr.",
        "Henrik Rasmussen oplyste fra Erhvervs hus Hovedstaden, at erhvervs-huset fra dag 1",
    ])])])
    f = extract(d, GAZ)
    reps = [(m.person.name, m.organization.surface, m.organization.org_id, m.status, m.role, m.party)
            for m in f.memberships if m.status == "reports_from"]
    assert reps == [("Ole Bjørstorp", "RAR Hovedstaden", "body:rar-hovedstaden", "reports_from", "medlem", "A"),
                    ("Kirsten Jensen", "Movia", "body:movia", "reports_from", "medlem", None),
                    ("Henrik Rasmussen", "Erhvervs hus Hovedstaden", "body:erhvervshus-hovedstaden", "reports_from", "medlem",
                     None)]
    assert f.decisions[0].outcome == "other"


# -------------------------------------------------------------- decisions
@pytest.mark.parametrize("text,outcome", [
    ("Referat af møde i KKR Hovedstaden den 7. februar 2020 blev godkendt.", "approved"),
    ("KKR Hovedstaden tiltrådte indstillingerne. Der var enighed om", "approved"),
    ("Indstillingerne blev tiltrådt.", "approved"),
    ("KKR Hovedstaden tog sagen til efterretning.", "noted"),
    ("KKR Hovedstaden tog orienteringen til efterretning.", "noted"),
    ("KKR tog redegørelsen til orientering.", "noted"),
    ("KKR Hovedstaden drøftede sagen.", "discussed"),
    ("Sagen blev udsat til næste møde.", "postponed"),
    ("Formanden konkluderede, at der er mandat til at arbejde videre", None),
    # the phrases of graphbuild/data/decision_words.csv, as the decision sections of every layout read them
    ("Indstillingen blev ikke godkendt.", "rejected"),
    ("Økonomiudvalget anbefaler indstillingen.", "recommended"),
    ("Sagen udsættes.", "postponed"),
    ("Sagen fremsendes til byrådet, der anbefales at godkende.", "recommended"),  # referred gives way
])
def test_outcome(text, outcome):
    got = decision_outcome(text)
    assert (got[0] if got else None) == outcome
    assert (got[0] if got else None) == outcome_of(text)  # one reader: the decision sections' own


def test_outcome_phrase_position_is_where_it_is_written():
    text = "Efter drøftelse blev sagen udsat."
    kind, start = decision_outcome(text)
    assert kind == "postponed" and text[start:].startswith("udsat")


def test_agenda_item_and_decision():
    d = doc_of(items=[("1.1", "Godkendelse af referat", [
        ("Indstilling", ["Det indstilles, at KKR Hovedstaden godkender referat af møde."]),
        ("Beslutning", ["Referat af møde i KKR Hovedstaden den 7. februar 2020 blev godkendt."])])])
    f = extract(d, GAZ)
    a = f.agenda_items[0]
    assert (a.number, a.title, a.case_number, a.officer) == ("1.1", "Godkendelse af referat", "SAG-2020-03175", "ssan")
    assert a.recommendation == "Det indstilles, at KKR Hovedstaden godkender referat af møde."
    assert a.evidence.quote == "1.1. Godkendelse af referat"
    assert [(x.item_number, x.outcome) for x in f.decisions] == [("1.1", "approved")]
    assert f.decisions[0].evidence.quote.startswith("Referat af møde")


# ------------------------------------------------------------ appointments
def test_resign_and_replace():
    d = doc_of(items=[("4.2", "Ny repræsentant i Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden", [
        ("Baggrund", ["Gitte Kjær-Westermann (B) udtræder af samarbejdsudvalget vedr. psykologhjælp, og i stedet "
                      "indtræder Jacob Netteberg (B) fra Rudersdal Kommune. Det er i henhold til "
                      "konstitueringsaftalen Radikale Venstre, som besætter posten."]),
        ("Beslutning", ["KKR Hovedstaden tog orienteringen til efterretning."])])])
    f = extract(d, GAZ)
    ms = {m.status: m for m in f.memberships}
    assert ms["resigned"].person.name == "Gitte Kjær-Westermann" and ms["resigned"].party == "B"
    app = ms["appointed"]
    assert (app.person.name, app.party, app.municipality, app.item_number) == ("Jacob Netteberg", "B", "230", "4.2")
    assert app.replaces is ms["resigned"].person
    assert app.organization.surface == "Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden"
    assert app.organization.org_id is None
    assert [(s.status, s.party) for s in f.seats] == [("offered", "B")]


def test_withdraw_and_seat_offer_known_body():
    d = doc_of(items=[("4.1", "Nyt bestyrelsesmedlem til Instituttet for Blinde og Svagsynede (IBOS))", [
        ("Baggrund", ["Elisabeth Ildal (I) har ønsket at trække sig fra bestyrelsen i IBOS, og der skal udpeges nyt "
                      "bestyrelsesmedlem. Det er i henhold til konstitueringsaftalen Liberal Alliance, som besætter "
                      "posten."]),
        ("Beslutning", ["Formandskabet for KKR Hovedstaden oplyste, at Liberal Alliance ikke har indmeldt kandidat "
                        "til bestyrelsen for IBOS. Formandskabet inviterede evt. interesserede i posten til at "
                        "meddele dette til formandskabet."])])])
    f = extract(d, GAZ)
    (m,) = f.memberships
    assert (m.person.name, m.status, m.party, m.organization.org_id) == ("Elisabeth Ildal", "resigned", "I", "body:ibos")
    assert [(s.status, s.party, s.organization.org_id) for s in f.seats] == [
        ("vacant", None, "body:ibos"), ("offered", "I", "body:ibos"), ("declined", "I", "body:ibos"), ("invited", None, "body:ibos")]
    assert f.decisions[0].outcome == "other"


def test_proposal_in_agenda():
    d = doc_of(kind="dagsorden", items=[("3.3", "Politisk aftale om den nationale Klimaalliance", [
        ("Indstilling", ["Udpeger en politisk repræsentant til den politiske udviklingsgruppe for den nationale "
                         "Klimaalliance."]),
        ("Sagsfremstilling", ["KKR-formandskabet indstiller, at KKR-næstformand Karsten Längerich udpeges som "
                              "repræsentant til den politiske udviklingsgruppe, herunder for at sikre god sammenhæng."])])])
    f = extract(d, GAZ)
    prop = [m for m in f.memberships if m.status == "proposed"]
    assert len(prop) == 1
    assert (prop[0].person.name, prop[0].role, prop[0].organization.surface) == (
        "Karsten Längerich", "medlem", "Politiske udviklingsgruppe for den nationale Klimaalliance")
    council = [m for m in f.memberships if m.status == "member"]
    assert [(m.person.name, m.role, m.organization.org_id) for m in council] == [
        ("Karsten Längerich", "næstformand", "council:kkr-hovedstaden")]


# ---------------------------------------------------------- area + concerns
def test_cluster_table():
    d = doc_of(kind="bilag", attachments=[("2.1", "Klyngefordeling", [
        "Region Hovedstaden",
        "Sundhedsklynge\tDeltagende kommuner",
        "Klynge Byen\tKøbenhavn Frederiksberg",
        "Klynge Syd\tAlbertslund Brøndby Dragør Glostrup Hvidovre",
        "\tHøje-Taastrup Ishøj Tårnby Vallensbæk",
        "Bornholm\tBornholm",
    ])])
    f = extract(d, GAZ)
    got = {}
    for a in f.area_memberships:
        got.setdefault(a.organization.surface, []).append(a.kommunekode)
    assert got == {"Klynge Byen (Region Hovedstaden)": ["101", "147"],
                   "Klynge Syd (Region Hovedstaden)": ["165", "153", "155", "161", "167", "169", "183", "185", "187"],
                   "Bornholm (Region Hovedstaden)": ["400"]}
    hojetaastrup = next(a for a in f.area_memberships if a.kommunekode == "169")
    assert hojetaastrup.evidence.quote == "Høje-Taastrup Ishøj Tårnby Vallensbæk"


def test_concerns():
    d = doc_of(items=[("3.1", "VIP", [("Baggrund", [
        "Kommunerne vil kunne få hjælp fra Region Hovedstaden og Movia; Ballerup Kommune deltager.",
        "Direktør for Erhvervshus Hovedstaden Katrine Paaby Joensen vil på mødet præsentere."])])])
    f = extract(d, GAZ)
    got = {(c.target_kind, c.target) for c in f.concerns}
    assert ("organization", "region:1084") in got and ("organization", "body:movia") in got
    assert ("municipality", "151") in got and ("organization", "body:erhvervshus-hovedstaden") in got
    person = [c for c in f.concerns if c.target_kind == "person"]
    assert len(person) == 1 and person[0].target == f.mentions[0].mention_id
    assert ("organization", "council:kkr-hovedstaden") not in got  # the meeting's own council is no concern


def test_jsonl():
    f = extract(doc_of(present=["Hans Toft, (C), Gentofte Kommune"]), GAZ)
    s = facts_to_jsonl([f, f])
    rows = [json.loads(x) for x in s.splitlines()]
    assert len(rows) == 2 and rows[0]["schema_version"] == 5 and rows[0]["attendance"][0]["person"]["name"] == "Hans Toft"


# ------------------------------------------------ sentences, coordination, copula
def test_sentence_over_two_lines():
    """pdftotext breaks a sentence: the role is on one line, the name on the next; evidence is the name's line."""
    d = doc_of(kind="dagsorden", items=[("3.2", "Sundhedsaftale", [("Sagsfremstilling", [
        "På mødet i KKR orienterer næstformand i Movia,",
        "Sisse Marie Welling, nærmere om aftalen, som udvalget behandlede på møde den 11. juni 2021.",
        "Kommunaldirektørkredsen har tiltrådt aftalen."])])])
    f = extract(d, GAZ)
    (m,) = [m for m in f.memberships if m.person.name == "Sisse Marie Welling"]
    assert (m.role, m.organization.org_id, m.item_number) == ("næstformand", "body:movia", "3.2")
    name_line = d.items[0].sections[0].lines[1]
    assert m.evidence.line == name_line.line == m.person.evidence.line
    assert "næstformand i Movia" in m.evidence.quote and "Sisse Marie Welling" in m.evidence.quote


def test_no_join_across_a_sentence_end():
    d = doc_of(kind="dagsorden", items=[("3.2", "Orientering", [("Sagsfremstilling", [
        "Oplægget holdes af formanden for Movia.",
        "Sisse Marie Welling, nærmere om aftalen."])])])
    assert extract(d, GAZ).memberships == []


def test_coordinated_roles_and_board_antecedent(nlp):
    got = roles_of(nlp, "KKR Hovedstadens medlem i IBOS' bestyrelse og formand for bestyrelsen (2023-2024) "
                        "Christian Holm Donatzky indleder punktet.")
    assert [(n, r, o) for n, r, o, _ in got] == [("Christian Holm Donatzky", "medlem", "IBOS' bestyrelse"),
                                                 ("Christian Holm Donatzky", "formand", "IBOS")]
    d = doc_of(kind="dagsorden", items=[("3.1", "Status", [("Sagsfremstilling", [
        "KKR Hovedstadens medlem i IBOS' bestyrelse og formand for bestyrelsen (2023-2024) "
        "Christian Holm Donatzky indleder punktet."])])])
    ms = {(m.person.name, m.role, m.organization.org_id) for m in extract(d, GAZ).memberships}
    assert ms == {("Christian Holm Donatzky", "medlem", "body:ibos"), ("Christian Holm Donatzky", "formand", "body:ibos")}


def test_bare_board_is_no_body(nlp):
    d = doc_of(kind="dagsorden", items=[("3.1", "Status", [("Sagsfremstilling", [
        "Formand for bestyrelsen (2023-2024) Christian Holm Donatzky indleder punktet."])])])
    assert extract(d, GAZ).memberships == []


def test_copula_role(nlp):
    got = roles_of(nlp, "Karsten Längerich er aktuelt KKR Hovedstadens medlem i den politiske "
                        "partnerskabsgruppe i det nationale DK2020-partnerskab.")
    assert got == [("Karsten Längerich", "medlem",
                    "den politiske partnerskabsgruppe i det nationale DK2020-partnerskab", None)]
    assert roles_of(nlp, "Movia er en vigtig partner for kommunerne.") == []


# ------------------------------------------------------------- the line gate
def test_gate_turns_away_only_lines_without_facts():
    from graphbuild.nlp import line_gate
    gate = line_gate(GAZ)
    assert not gate("Det er vigtigt at sikre god sammenhæng mellem indsatserne i hele landet.")
    assert gate("Ballerup Kommune deltager.")  # a gazetteer phrase
    assert gate("kommunerne i region hovedstaden")  # two-word phrase, any case (the ruler matches lower case)
    assert gate("Birgitte Wederking, direktør")  # a role word
    assert gate("Carsten Krabbe")  # a signature
    assert gate("Sagen blev udsat.")  # a decision verb
    assert gate("X udtræder af bestyrelsen")  # an appointment keyword


def test_abbreviations_match_case_sensitively():
    """Token patterns on ORTH become phrase patterns on a NORM that keeps the case of those words only."""
    from graphbuild.nlp import ruler as C
    pats, exact = C.phrase_patterns([{"label": "BODY", "pattern": [{"ORTH": "KL"}], "id": "kl"},
                                     {"label": "BODY", "pattern": "Movia", "id": "body:movia"}])
    assert exact == {"KL"} and [p["pattern"] for p in pats] == ["KL", "Movia"]

    two = Gazetteer.from_rows(bodies=[{"org_id": "body:kl", "name": "KL"}, {"org_id": "body:movia", "name": "Movia"}])
    assert [p["pattern"] for p in two.entity_ruler_patterns()] == [[{"ORTH": "KL"}], "Movia"]
    nlp = build_nlp(two)
    ents = lambda t: [(e.text, e.ent_id_) for e in nlp(t).ents]
    assert ents("KL og MOVIA og movia") == [("KL", "body:kl"), ("MOVIA", "body:movia"), ("movia", "body:movia")]
    assert ents("kl. 9.30 mødes Kl") == []


def test_roles_in_apposition(nlp):
    got = roles_of(nlp, "Formand for Movia, kommunaldirektør i Ballerup Kommune, Eik Møller, vil præsentere "
                        "anbefalingerne")
    assert got == [("Eik Møller", "formand", "Movia", "body:movia"), ("Eik Møller", "kommunaldirektør", "Ballerup Kommune", "151")]


def test_name_cut_by_a_line_end():
    d = doc_of(kind="dagsorden", items=[("3.2", "Sundhedsaftale", [("Sagsfremstilling", [
        "På mødet i KKR orienterer næstformand i Movia, Sisse Marie",
        "Welling, nærmere om aftalen, som udvalget behandlede på møde den 11. juni 2021."])])])
    f = extract(d, GAZ)
    assert [(m.person.name, m.role, m.organization.org_id) for m in f.memberships] == [
        ("Sisse Marie Welling", "næstformand", "body:movia")]
    assert [p.name for p in f.mentions] == ["Sisse Marie Welling"]
    assert f.memberships[0].evidence.line == d.items[0].sections[0].lines[0].line
