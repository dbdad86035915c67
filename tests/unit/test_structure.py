"""structure: header, table of contents, items, sections, participants and bilag bundles.

The expected data below was written down by reading the five sample documents (data/samples): every
agenda item's number, title (as in the body heading, which is authoritative over the TOC), case number and
case officer.  Top-level headings ("4. Udpegninger") are items too.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.model import Line, SourceText
from graphbuild.read import read_bytes, read_document
from graphbuild.structure import canonical_council, parse_date, structure

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"

ITEMS_2021 = [
    ('1', 'Godkendelse af referat og dagsorden', None, None),
    ('1.1', 'Godkendelse af referat', 'SAG-2021-03019', 'nihj'),
    ('1.2', 'Godkendelse af dagsorden', 'SAG-2021-03019', 'nihj'),
    ('2', 'Siden sidst', None, None),
    ('2.1', 'Siden sidst', 'SAG-2021-03019', 'nihj'),
    ('3', 'Regionalpolitiske sager', None, None),
    ('3.1', 'Movias økonomi - status', 'SAG-2021-03019', 'nihj'),
    ('3.2', 'Aftale med Region Hovedstaden om IV-behandling i kommunalt regi', 'SAG-2021-03019', 'ssan'),
    ('3.3', 'Ny praksisplan for almen praksis', 'SAG-2021-03019', 'ssan'),
    ('3.4', 'Rekruttering til velfærdsområderne – udarbejdelse af lokale uddannelsesstrategier og etablering af fælleskommunal taskforce', 'SAG-2021-03019', 'nihj'),
    ('3.5', 'Fordeling af flygtninge for 2022', 'SAG-2021-03019', 'nihj'),
    ('3.6', 'Forlængelse af Energi på Tværs-projektet', 'SAG-2021-03019', 'nihj'),
    ('4', 'Udpegninger', None, None),
    ('5', 'KKR', None, None),
    ('5.1', 'Evaluering af arbejdet i KKR Hovedstaden', 'SAG-2021-03019', 'nihj'),
    ('6', 'Punkter til næste møde', None, None),
    ('6.1', 'Møde i KKR Hovedstaden den 3. september 2021', 'SAG-2021-03019', 'ssan'),
    ('7', 'Eventuelt', None, None),
]

ITEMS_2023_04 = [
    ('1', 'Godkendelse af referat', None, None),
    ('1.1', 'Godkendelse af referat', 'SAG-2022-05229', 'ssan'),
    ('1.2', 'Godkendelse af dagsorden', 'SAG-2022-05229', 'ssan'),
    ('2', 'Siden sidst', None, None),
    ('2.1', 'Siden sidst', 'SAG-2022-05229', 'ssan'),
    ('3', 'Regionalpolitiske sager', None, None),
    ('3.1', 'KKR Hovedstadens indspil til Erhvervsfremmestrategi 2024-2027', 'SAG-2023-01182', 'gitb'),
    ('3.2', 'Erhvervshus Hovedstaden – afrapportering af resultater for 2022', 'SAG-2023-01182', 'gitb'),
    ('3.3', 'Politisk aftale om den nationale Klimaalliance', 'SAG-2023-01182', 'gitb'),
    ('3.4', 'Klimaalliancen i Hovedstadsregionen', 'SAG-2023-01182', 'gitb'),
    ('3.5', 'Temadrøftelse om sundhedsområdet og samarbejdet i sundhedsklyngerne', 'SAG-2023-01182', 'snm'),
    ('4', 'Udpegninger', None, None),
    ('4.1', 'Udpegning til samarbejdsudvalget vedr. almen praksis', 'SAG-2023-01182', None),
    ('5', 'Punkter til næste møde', None, None),
    ('5.1', 'Punkter til næste møde', 'SAG-2022-03160', 'ssan'),
    ('6', 'Eventuelt', None, None),
]

ITEMS_2023_09 = [
    ('1', 'Godkendelse af dagsorden og referat', None, None),
    ('1.1', 'Godkendelse af dagsorden', 'SAG-2023-03080', 'gitb'),
    ('1.2', 'Godkendelse af referat', 'SAG-2023-03080', 'gitb'),
    ('2', 'Siden sidst', None, None),
    ('2.1', 'Siden sidst', 'SAG-2023-03080', 'gitb'),
    ('3', 'Regionalpolitiske sager', None, None),
    ('3.1', 'Status fra Greater Copenhagen EU Office', 'SAG-2023-03080', 'gitb'),
    ('3.2', 'Oplæg fra Danmarks Evalueringsinstitut (EVA) om valg og fravalg af uddannelser på velfærdsområderne', 'SAG-2023-03080', 'gitb'),
    ('3.3', 'KKR Hovedstadens taskforce for uddannelse og rekruttering: Forslag til fælles prøvehandlinger', 'SAG-2023-03080', 'gitb'),
    ('3.4', 'Fordeling af lærepladser på SOSU-uddannelserne for 2024', 'SAG-2023-03080', 'gitb'),
    ('3.5', 'Monitoreringsrapport for 2023 om udvikling på socialområdet', 'SAG-2023-03080', 'ascm'),
    ('3.6', 'Orientering om udvikling af tilbudsviften på det specialiserede socialområde', 'SAG-2023-03080', 'ascm'),
    ('3.7', 'Aktuelle dagsordener på erhvervsfremmeområdet', 'SAG-2023-03080', 'gitb'),
    ('4', 'Punkter til næste møde', None, None),
    ('4.1', 'Punkter til næste møde', 'SAG-2023-03080', 'gitb'),
    ('5', 'Eventuelt', None, None),
]

ITEMS_REFERAT = [
    ('1', 'Godkendelse af referat og dagsorden', None, None),
    ('1.1', 'Godkendelse af referat', 'SAG-2020-03175', 'ssan'),
    ('1.2', 'Godkendelse af dagsorden', 'SAG-2020-03175', 'ssan'),
    ('2', 'Siden sidst', None, None),
    ('2.1', 'Siden sidst', 'SAG-2020-03175', 'ssan'),
    ('3', 'Regionalpolitiske sager', None, None),
    ('3.1', 'VIP-projekter på klimaområdet', 'SAG-2020-03175', 'nihj'),
    ('3.2', 'DK2020 – Klimahandlingsplaner i alle kommuner (ét af VIP-klimaprojekterne)', 'SAG-2020-03175', 'nihj'),
    ('3.3', 'Corona-krisen – Status og læring regionalt', 'SAG-2020-03175', 'nihj'),
    ('3.4', 'Afrapportering på Sundhedsaftale 2015-2018', 'SAG-2020-03175', 'ssan'),
    ('3.5', 'Ønsker til ny praksisplan for almen praksis', 'SAG-2020-03175', 'ssan'),
    ('3.6', 'Monitorering af det specialiserede socialområde: Resultater og anbefalinger fra KLK', 'SAG-2020-03175', 'ssan'),
    ('3.7', 'Rammeaftale for det specialiserede socialområde og specialundervisning 2021-2022', 'SAG-2020-03175', 'ssan'),
    ('3.8', 'Fordeling af flygtninge 2021', 'SAG-2020-03175', 'nihj'),
    ('3.9', 'Rekruttering til velfærdsområderne', 'SAG-2020-03175', 'nihj'),
    ('3.10', 'KKR Hovedstadens rammepapir for erhvervsuddannelsesområdet', 'SAG-2020-03175', 'nihj'),
    ('3.11', 'Afrapportering på KKR Hovedstadens resultatkontrakt med Erhvervshus Hovedstaden for 2019', 'SAG-2020-03175', 'nihj'),
    ('4', 'Udpegninger', None, None),
    ('4.1', 'Nyt bestyrelsesmedlem til Instituttet for Blinde og Svagsynede (IBOS))', 'SAG-2020-03175', 'ssan'),
    ('4.2', 'Ny repræsentant i Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden', 'SAG-2020-03175', 'ssan'),
    ('5', 'KKR', None, None),
    ('6', 'Punkter til næste møde', None, None),
    ('6.1', 'Punkter til næste møde i KKR Hovedstaden', 'SAG-2020-03175', 'ssan'),
    ('7', 'Eventuelt', None, None),
]

ITEMS_BILAG = [
    ('2.1', 'Temadrøftelse: Forberedelse af nye sundhedsklynger', None, None),
    ('2.2', 'Beslutningssag: Praktikpladser til de ekstra 300 pladser på velfærdsuddannelserne', None, None),
    ('2.3', 'Beslutningssag: Dimensionering af uddannelsen til pædagog for studieår 2022/23', None, None),
    ('2.4', 'Beslutningssag: Proces for forlængelse af fokusområder i rammeaftale 2021-22 til 2023-24', None, None),
    ('2.8', 'Orienteringssag: Erhvervsfyrtårne i Region Sjælland', None, None),
    ('2.9', 'Orienteringssag: Etablering af klyngekontorer', None, None),
    ('2.10', 'Orienteringssag: Status på Greater Copenhagen 2022', None, None),
    ('2.11', 'Orienteringssag: Copenhagen Capacity 2022', None, None),
    ('3.1', 'Indstilling til overvågningsudvalget for Interreg South Baltic og styringsudvalget for delprogram Øresund (Interreg Øresund-Kattegat-Skagerrak)', None, None),
]

HEADERS = {
    # file: (kind, council, year, date, time, location, header_line, title, items)
    "kkr-hovedstaden-dagsorden-2021-06-16.txt": (
        "dagsorden", "KKR Hovedstaden", 2021, "2021-06-16", "10:00", "Søhuset, Venlighedsvej 10, 2970 Hørsholm", 46,
        "Dagsorden KKR Hovedstaden 16-06-2021", ITEMS_2021),
    "kkr-hovedstaden-dagsorden-2023-04-21.txt": (
        "dagsorden", "KKR Hovedstaden", 2023, "2023-04-21", "10:00", "Glostrup Park Hotel, Hovedvejen 41, 2600 Glostrup", 9,
        "Dagsorden KKR Hovedstaden 21-04-2023", ITEMS_2023_04),
    "kkr-hovedstaden-dagsorden-2023-09-08.txt": (
        "dagsorden", "KKR Hovedstaden", 2023, "2023-09-08", "10:00", "Glostrup Park Hotel, Hovedvejen 41, 2600 Glostrup", 9,
        "Dagsorden KKR Hovedstaden 08-09-2023", ITEMS_2023_09),
    "kkr-hovedstaden-referat-2020-06-19.txt": (
        "referat", "KKR Hovedstaden", 2020, "2020-06-19", "09:30", "Pharmakon, Milnersvej 42, 3400 Hillerød", 9,
        "Referat KKR Hovedstaden 19-06-2020", ITEMS_REFERAT),
    # the bundle states no meeting date/place: its "Dato:" lines are the dates of letters inside appendices
    "kkr-sjaelland-bilag-2022.txt": (
        "bilag", "KKR Sjælland", 2022, None, None, None, None, "Bilag KKR Sjælland 2022", ITEMS_BILAG),
}


@pytest.fixture(scope="module")
def docs():
    return {name: structure(read_document(SAMPLES / name)) for name in HEADERS}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header(docs, name):
    kind, council, year, date, tm, location, header_line, title, _ = HEADERS[name]
    d = docs[name]
    assert (d.kind, d.council, d.year, d.date, d.time, d.location, d.header_line, d.title) == (
        kind, council, year, date, tm, location, header_line, title)
    assert d.council_line is not None
    assert council in " ".join(ln.text for ln in d.source.lines if ln.line == d.council_line).replace(
        "HOVEDSTADEN", "Hovedstaden").replace("SJÆLLAND", "Sjælland")


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_item(docs, name):
    expected = HEADERS[name][-1]
    got = [(it.number, it.title, it.case_number, it.officer) for it in docs[name].items]
    assert got == expected


@pytest.mark.parametrize("name", sorted(n for n in HEADERS if "bilag" not in n))
def test_items_point_at_their_heading(docs, name):
    d = docs[name]
    by_line = {ln.line: ln.text for ln in d.source.lines}
    toc_end = 0
    for it in d.items:
        assert by_line[it.line].startswith(it.number + ".") or by_line[it.line].startswith(it.number + " ")
        assert it.line > toc_end
        toc_end = it.line  # strictly increasing, after the TOC
        for ln in it.lines:
            assert ln.line > it.line


def test_toc_not_parsed_as_items(docs):
    d = docs["kkr-hovedstaden-dagsorden-2023-04-21.txt"]
    assert min(it.line for it in d.items) == 39  # TOC is lines 22-37
    assert len({it.number for it in d.items}) == len(d.items)


def test_list_items_in_body_are_not_items(docs):
    d = docs["kkr-hovedstaden-dagsorden-2023-04-21.txt"]
    item31 = next(it for it in d.items if it.number == "3.1")
    assert any(ln.text.startswith("4. Udnyttelse af regionens offentlige") for ln in item31.lines)


def test_sections(docs):
    d = docs["kkr-hovedstaden-dagsorden-2023-04-21.txt"]
    it = next(it for it in d.items if it.number == "3.2")
    assert [s.name for s in it.sections] == ["Baggrund", "Indstilling", "Sagsfremstilling", "Bilag"]
    ind = it.sections[1]
    assert ind.line == 153
    assert [ln.text for ln in ind.lines] == [
        "Det indstilles, at KKR Hovedstaden godkender afrapportering på resultatkontrakt 2022 med Erhvervshus Hovedstaden."]
    assert [ln.text for ln in it.sections[3].lines] == ["./. Afrapportering Erhvervshus Hovedstaden: Resultatkontrakt 2022"]
    d21 = docs["kkr-hovedstaden-dagsorden-2021-06-16.txt"]
    it11 = next(it for it in d21.items if it.number == "1.1")
    assert [s.name for s in it11.sections] == ["Baggrund", "Indstilling", "Sagsfremstilling"]
    assert [ln.text for ln in it11.sections[1].lines] == [
        "Det indstilles, at KKR Hovedstaden godkender referat af møde i KKR Hovedstaden den 19. april 2021."]


def test_referat_participants(docs):
    d = docs["kkr-hovedstaden-referat-2020-06-19.txt"]
    assert len(d.present) == 44
    assert len(d.absent) == 10
    assert d.present[0] == Line("Steen Christiansen (A), Albertslund Kommune (formand)", 52)
    assert d.present[-1] == Line("Mette Bram (Å) Frederiksberg Kommune", 96)
    assert d.absent[0] == Line("Ib Kirkegaard (O), Helsingør Kommune", 100)
    assert d.absent[-1] == Line("Franciska Rosenkilde (Å), Københavns Kommune", 109)
    for name in HEADERS:
        if name != "kkr-hovedstaden-referat-2020-06-19.txt":
            assert docs[name].present == [] and docs[name].absent == []


def test_referat_decisions(docs):
    d = docs["kkr-hovedstaden-referat-2020-06-19.txt"]
    with_decision = [it.number for it in d.items if any(s.name == "Beslutning" for s in it.sections)]
    assert with_decision == ["1.1", "1.2", "2.1", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9",
                             "3.10", "3.11", "4.1", "4.2", "6.1"]
    it = next(it for it in d.items if it.number == "3.8")
    dec = next(s for s in it.sections if s.name == "Beslutning")
    assert dec.line == 674 and [ln.text for ln in dec.lines] == ["Indstillingerne blev tiltrådt."]
    it21 = next(it for it in d.items if it.number == "2.1")
    dec21 = next(s for s in it21.sections if s.name == "Beslutning")
    assert len(dec21.lines) == 10 and dec21.lines[0].text.startswith("Sisse Marie Welling oplyste, at sundhedskoordinationsudvalget")
    for name in HEADERS:
        if "dagsorden" in name:
            assert not any(s.name == "Beslutning" for it in docs[name].items for s in it.sections)


BILAG_ATTACHMENTS = [
    ("2.1", "Bilag 1: Borgmesterbrev - Udpegning til sundhedsklyngerne", 32),
    ("2.1", "Bilag 2: Klyngefordeling - kommuner", 90),
    ("2.1", "Bilag 3: Danmarkskort - Sundhedsklynger", 165),
    ("2.1", "Bilag 4: Håndbog om sundhedsklynger_opdateret14.marts2022", 180),
    ("2.1", "Bilag 5: Temadrøftelse_sundhedsklynger", 560),
    ("2.2", "Bilag 1: Uddrag af implementering af den politiske aftale om flere og bedre uddannelsesmuligheder i hele Danmark s. 22-30", 700),
    ("2.3", "Bilag 1: Brev til KKR om indstilling til pædagogoptag", 823),
    ("2.4", "Bilag 1: Rammeaftale På Det Specialiserede Social Og Specialundervisningsområde 2021 2022 (6)", 868),
    ("2.8", "Bilag 1: Orientering om fyrtårnsprojekter i de øvrige KKR", 1310),
    ("2.9", "Bilag 1: NyhedsbrevWeBuildDenmark", 1340),
    ("2.10", "Bilag 1: Greater Cph - Status efter Covid-19", 1429),
    ("2.10", "Bilag 2: Udkast GC handlingsplan 2022-23", 1653),
    ("2.10", "Bilag 3: Preliminært program till Toppmötet 2022", 1920),
    ("2.11", "Bilag 1: Kommunepresentation - udenlandske virksomheder og investeringer", 1994),
    ("3.1", "Bilag 1: Indstillingsbrev til KKR South Baltic", 2029),
    ("3.1", "Bilag 2: Indstillingsbrev til KKR ØKS", 2093),
]


def test_bilag_attachments(docs):
    d = docs["kkr-sjaelland-bilag-2022.txt"]
    assert [(a.item_number, a.title, a.line) for a in d.attachments] == BILAG_ATTACHMENTS
    assert sorted({a.item_number for a in d.attachments}, key=lambda n: tuple(map(int, n.split(".")))) == [
        "2.1", "2.2", "2.3", "2.4", "2.8", "2.9", "2.10", "2.11", "3.1"]
    first = d.attachments[0]
    texts = [ln.text for ln in first.lines]
    assert texts[0] == "Udpegning af kommunale medformænd i sundhedsklyngerne"
    assert "Jacob Bundsgaard" in texts and "Temadrøftelse: Forberedelse af nye sundhedsklynger" not in texts
    # each attachment's lines stop where the next begins
    for a, b in zip(d.attachments, d.attachments[1:]):
        assert all(a.line < ln.line < b.line for ln in a.lines)
    rammeaftale = d.attachments[7]
    assert any(ln.text.startswith("Bilag 1: Hovedbilag til rammeaftale") for ln in rammeaftale.lines)


# ------------------------------------------------------------------ general rules on small inputs
def src_of(text: str, name: str = "x.txt") -> SourceText:
    return read_bytes(text.encode("utf-8"), name)


@pytest.mark.parametrize("text,iso", [
    ("19-06-2020 09:30", "2020-06-19"),
    ("4. marts 2022", "2022-03-04"),
    ("den 1. december 2021 kl. 10.00", "2021-12-01"),
    ("2023-09-08", "2023-09-08"),
    ("19.06.2020", "2020-06-19"),
    ("31-02-2020", None),
    ("ingen dato", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text,council", [
    ("KKR HOVEDSTADEN", "KKR Hovedstaden"),
    ("KKR Syddanmark", "KKR Syddanmark"),
    ("kkr midtjylland", "KKR Midtjylland"),
    ("KKR NORDJYLLAND", "KKR Nordjylland"),
    ("KKR SJÆLLAND", "KKR Sjælland"),
    ("intet", None),
])
def test_canonical_council(text, council):
    assert canonical_council(text) == council


def test_small_referat_danish_date_and_multiline_place():
    d = structure(src_of(
        "REFERAT 2022\n\nKKR NORDJYLLAND\n\nDato: 4. marts 2022 kl. 10.00\nSted: Aalborg Kongres & Kultur Center\n"
        "Europa Plads 4\n9000 Aalborg\n\nDeltagere\n\nJens Hansen (A), Aalborg Kommune\n\nAfbud\n\nOle Olsen (V), Thisted Kommune\n\n"
        "1. Godkendelse af dagsorden\n\nSAG-2022-00001 abc\n\nBeslutning\n\nGodkendt.\n\n2. Eventuelt\n"))
    assert (d.kind, d.council, d.date, d.time, d.year) == ("referat", "KKR Nordjylland", "2022-03-04", "10:00", 2022)
    assert d.location == "Aalborg Kongres & Kultur Center, Europa Plads 4, 9000 Aalborg"
    assert d.title == "Referat KKR Nordjylland 04-03-2022"
    assert [ln.text for ln in d.present] == ["Jens Hansen (A), Aalborg Kommune"]
    assert [ln.text for ln in d.absent] == ["Ole Olsen (V), Thisted Kommune"]
    assert [(i.number, i.title, i.case_number, i.officer) for i in d.items] == [
        ("1", "Godkendelse af dagsorden", "SAG-2022-00001", "abc"), ("2", "Eventuelt", None, None)]
    assert d.items[0].sections[0].name == "Beslutning"


def test_municipal_council_and_kl():
    d = structure(src_of("Dagsorden\n\nByrådet i Aarhus\n\nDato: 01-02-2023 17:00\n\n1. Meddelelser\n\nSAG-2023-00002\n"))
    assert d.council == "Byrådet Aarhus" and d.kind == "dagsorden"
    d = structure(src_of("Referat\n\nKL's bestyrelse\n\nDato: 01-02-2023\n\n1. Meddelelser\n"))
    assert d.council == "KL" and d.kind == "referat" and d.time is None


def test_item_title_over_two_lines():
    d = structure(src_of(
        "DAGSORDEN 2021 \n\nK K R  S Y D D A N M A R K \n\nDato: 16-06-2021 10:00 \n\n"
        "3.1. Aftale med Region Syddanmark om IV-behandling i kom-\nmunalt regi \n\nSAG-2021-03019 ssan \n\n"
        "Baggrund \n\nTekst om sa-\n\ngen. \n\n3.2. Rekruttering til velfærdsområderne – udarbejdelse af lokale \n"
        "uddannelsesstrategier \n\nSAG-2021-03019 nihj \n"))
    assert d.council == "KKR Syddanmark"
    assert [(i.number, i.title) for i in d.items] == [
        ("3.1", "Aftale med Region Syddanmark om IV-behandling i kommunalt regi"),
        ("3.2", "Rekruttering til velfærdsområderne – udarbejdelse af lokale uddannelsesstrategier")]
    assert [ln.text for ln in d.items[0].sections[0].lines] == ["Tekst om sagen."]


def test_unknown_and_empty():
    d = structure(src_of("Bare en note\nmed to linjer\n"))
    assert d.kind == "other" and d.items == [] and d.title == "Bare en note"
    empty = SourceText(doc_id="0" * 64, path="e.txt", encoding="utf-8", layout="clean", lines=[], original_line_count=0)
    d = structure(empty)
    assert d.kind == "other" and d.items == [] and d.council is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "DAGSORDEN 2021", "REFERAT 2020", "KKR HOVEDSTADEN", "Dato: 19-06-2020 09:30", "Sted: X", "Milnersvej 42",
    "1. Godkendelse", "1.1. Godkendelse af referat", "2.1 Siden sidst", "SAG-2020-03175 ssan", "Baggrund",
    "Beslutning", "Deltagere", "Afbud", "Ole (A), Y Kommune", "Bilag 1: Brev", "2.1", "## **2.1**", "", "tekst",
    "Indholdsfortegnelse - Bilag", "3. Udpegninger", "Dato: 4. marts 2022",
]), max_size=60))
def test_structure_never_crashes(lines):
    try:
        src = src_of("\n".join(lines) + "\n", "p.md" if any(ln.startswith("#") for ln in lines) else "p.txt")
    except Exception as e:  # read may refuse (empty): only InputError allowed
        from graphbuild.errors import InputError
        assert isinstance(e, InputError)
        return
    d = structure(src)
    assert all(1 <= it.line <= src.original_line_count for it in d.items)
    assert all(1 <= a.line <= src.original_line_count for a in d.attachments)


