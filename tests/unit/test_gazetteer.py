"""Pure tests of the curated gazetteers in graphbuild/data and their loader."""
from collections import Counter
from pathlib import Path

import pytest

from graphbuild.gazetteer import NATIONAL_LETTERS, load_gazetteer

ROOT = Path(__file__).resolve().parents[2]
BILAG = ROOT / "data" / "samples" / "kkr-sjaelland-bilag-2022.txt"


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


def test_cached(gz):
    assert load_gazetteer() is gz


def test_regions(gz):
    assert set(gz.regions) == {"1081", "1082", "1083", "1084", "1085"}
    assert gz.regions["1084"].name == "Region Hovedstaden"
    assert gz.lookup_region("Region H.").regionskode == "1084"


def test_municipality_counts(gz):
    assert len(gz.municipalities) == 98
    per_region = Counter(m.regionskode for m in gz.municipalities.values())
    assert per_region == {"1084": 29, "1085": 17, "1083": 22, "1082": 19, "1081": 11}
    assert "411" not in gz.municipalities  # Christiansø is not a municipality
    codes = [int(c) for c in gz.municipalities]
    assert all(101 <= c <= 860 for c in codes)


@pytest.mark.parametrize("code,name,short", [
    ("101", "Københavns Kommune", "København"), ("147", "Frederiksberg Kommune", "Frederiksberg"),
    ("173", "Lyngby-Taarbæk Kommune", "Lyngby-Taarbæk"), ("400", "Bornholms Regionskommune", "Bornholm"),
    ("169", "Høje-Taastrup Kommune", "Høje-Taastrup"), ("230", "Rudersdal Kommune", "Rudersdal"),
    ("461", "Odense Kommune", "Odense"), ("751", "Aarhus Kommune", "Aarhus"), ("851", "Aalborg Kommune", "Aalborg"),
    ("860", "Hjørring Kommune", "Hjørring"), ("492", "Ærø Kommune", "Ærø"), ("376", "Guldborgsund Kommune", "Guldborgsund"),
])
def test_municipality_records(gz, code, name, short):
    m = gz.municipalities[code]
    assert (m.name, m.short_name) == (name, short)


@pytest.mark.parametrize("surface,code", [
    ("København Kommune", "101"), ("Københavns Kommune", "101"), ("københavns kommune", "101"), ("København", "101"),
    ("Bornholms Regionskommune", "400"), ("Bornholm", "400"), ("Lyngby", "173"), ("Lyngby-Taarbæk Kommune", "173"),
    ("Lyngby-Taarbæk", "173"), ("Høje-Taastrup Kommune", "169"), ("Høje Taastrup", "169"),
    ("  Rudersdal   Kommune ", "230"), ("Furesø Kommunes", "190"), ("Tårnby Kommune", "185"), (101, "101"),
])
def test_lookup_municipality(gz, surface, code):
    rec = gz.lookup_municipality(surface)
    assert rec is not None and rec.kommunekode == code


@pytest.mark.parametrize("surface", ["Christiansø", "Region Hovedstaden", "KKR Hovedstaden", "", "Kommune"])
def test_lookup_municipality_misses(gz, surface):
    assert gz.lookup_municipality(surface) is None


@pytest.mark.parametrize("surface,org_id", [
    ("WOCO", "body:woco"), ("Wonderful Copenhagen", "body:woco"), ("woco", "body:woco"),
    ("COPCAP", "body:copcap"), ("Copenhagen Capacity", "body:copcap"),
    ("DEB's", "body:deb"), ("DEB", "body:deb"), ("Danmarks Erhvervsfremmebestyrelse", "body:deb"),
    ("Movias", "body:movia"), ("GCPHEUs", "body:gcpheu"), ("Greater Copenhagen EU Office", "body:gcpheu"),
    ("Erhvervshus Hovedstaden", "body:erhvervshus-hovedstaden"), ("Erhvervs hus Hovedstaden", "body:erhvervshus-hovedstaden"),
    ("Institutet for Blinde og Svagsynede (IBOS)", "body:ibos"), ("IBOS", "body:ibos"),
    ("Instituttet for Blinde og Svagsy- nede", "body:ibos"),
    ("Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden", "body:samarbejdsudvalget-psykologhjaelp-hovedstaden"),
    ("samarbejdsudvalget vedr. psykologhjælp", "body:samarbejdsudvalget-psykologhjaelp-hovedstaden"),
    ("K29", "body:k29"), ("EVA", "body:eva"), ("Gate 21", "body:gate-21"), ("KLK", "body:klk"),
    ("RAR Hovedstaden", "body:rar-hovedstaden"), ("SSU Hovedstaden", "body:ssu-hovedstaden"),
    ("KKR Hovedstaden", "council:kkr-hovedstaden"), ("KKR Hovedstadens", "council:kkr-hovedstaden"),
    ("KL", "council:kl"), ("Klynge Byen", "body:sundhedsklynge-hovedstaden-byen"),
    ("KSS Roskilde/Køge", "body:sundhedsklynge-sjaelland-roskilde-koege"),
])
def test_lookup_org(gz, surface, org_id):
    rec = gz.lookup_org(surface)
    assert rec is not None and rec.org_id == org_id


def test_regional_variants_need_a_region(gz):
    assert gz.lookup_org("Erhvervshuset") is None  # six erhvervshuse
    assert gz.lookup_org("Erhvervshuset", regionskode="1084").org_id == "body:erhvervshus-hovedstaden"
    assert gz.lookup_org("erhvervshuset", regionskode=1085).org_id == "body:erhvervshus-sjaelland"
    assert gz.lookup_org("Sundhedskoordinationsudvalget", 1084).org_id == "body:sku-hovedstaden"
    assert gz.lookup_org("PPU", "1084").org_id == "body:ppu-hovedstaden"
    assert gz.lookup_org("Klynge Nord", "1081").org_id == "body:sundhedsklynge-nordjylland-nord"
    assert gz.lookup_org("Klynge Nord", "1084").org_id == "body:sundhedsklynge-hovedstaden-nord"
    assert gz.lookup_org("KKR", "1085").org_id == "council:kkr-sjaelland"
    assert len(gz.lookup_org_candidates("Erhvervshuset")) == 6


def test_possessive_only_when_known(gz):
    assert gz.lookup_org("Erhvervsfremmebestyrelsens") is None or gz.lookup_org("Erhvervsfremmebestyrelsens").org_id == "body:deb"
    assert gz.lookup_org("WOCOX") is None
    assert gz.lookup_org("Bornholm") is None  # a municipality, not the health cluster


def test_councils_and_bodies(gz):
    assert set(gz.councils) == {"council:kl", "council:kkr-hovedstaden", "council:kkr-sjaelland",
                                "council:kkr-syddanmark", "council:kkr-midtjylland", "council:kkr-nordjylland"}
    assert all(b.kind == "council" for b in gz.councils.values())
    assert all(b.kind == "body" for b in gz.bodies.values())
    assert len(gz.bodies) >= 80


def test_health_clusters(gz):
    clusters = {o: b for o, b in gz.bodies.items() if b.classification == "health cluster"}
    assert len(clusters) == 22
    assert Counter(b.regionskode for b in clusters.values()) == {"1081": 4, "1082": 5, "1083": 4, "1085": 4, "1084": 5}
    rows = gz.health_clusters
    assert len(rows) == 98 and len({r.kommunekode for r in rows}) == 98
    assert {r.cluster_org_id for r in rows} == set(clusters)
    lines = BILAG.read_text(encoding="utf-8").split("\n")
    for r in rows:
        m = gz.municipalities[r.kommunekode]
        assert m.regionskode == r.regionskode == clusters[r.cluster_org_id].regionskode, r
        assert m.short_name in lines[r.source_line - 1].split("\t", 1)[1].split(), r


def test_ids_unique(gz):
    org_ids = [b.org_id for b in gz.orgs.values()] + [p.org_id for p in gz.parties.values()]
    assert len(org_ids) == len(set(org_ids)) and len(gz.orgs) == len(gz.councils) + len(gz.bodies)
    import csv
    import json
    from importlib import resources
    data = resources.files("graphbuild").joinpath("data")
    for name, key in (("regions.csv", "regionskode"), ("municipalities.csv", "kommunekode"), ("parties.csv", "letter"),
                      ("roles.csv", "role_id"), ("health_clusters.csv", "kommunekode")):
        ids = [r[key] for r in csv.DictReader(data.joinpath(name).read_text(encoding="utf-8").splitlines())]
        assert len(ids) == len(set(ids)), name
    ids = [json.loads(line)["org_id"] for line in data.joinpath("bodies.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert len(ids) == len(set(ids))


def test_parties(gz):
    assert set(gz.parties) == set(NATIONAL_LETTERS)
    assert gz.lookup_party("A").name == "Socialdemokratiet"
    assert gz.lookup_party("(Ø)").org_id == "party:Ø"
    assert gz.lookup_party("Liberal Alliance").org_id == "party:I"
    assert gz.lookup_party("DF").org_id == "party:O"
    assert gz.lookup_party("de Konservative").org_id == "party:C"
    assert gz.lookup_party("Radikale Venstre").org_id == "party:B"


def test_local_list_scoped_to_municipality(gz):
    gribskov = gz.lookup_party("L", "270")
    assert gribskov.org_id == "party:local:270:L" and gribskov.kommunekode == "270"
    assert gribskov.name == "Lokalliste L (Gribskov)"
    assert gz.lookup_party("L", 101).org_id == "party:local:101:L"
    assert gz.lookup_party("L", "270") is gribskov
    assert gz.lookup_party("L") is None
    assert gz.lookup_party("L", "999") is None
    assert gz.lookup_party("A", "270").org_id == "party:A"


def test_roles(gz):
    assert gz.roles["formanden"] == "formand"
    assert gz.roles["borgmesteren"] == "borgmester"
    assert gz.roles["bestyrelsesmedlem"] == "medlem"
    assert gz.roles["repræsentant"] == "medlem"
    assert gz.roles["administrerende direktør"] == "administrerende direktør"
    assert gz.canonical_role("Næstformanden") == "næstformand"


def test_patterns_shape(gz):
    pats = gz.entity_ruler_patterns()
    labels = Counter(p["label"] for p in pats)
    assert set(labels) == {"MUNICIPALITY", "REGION", "BODY", "COUNCIL", "PARTY", "ROLE"}
    assert {"label": "BODY", "pattern": [{"ORTH": "WOCO"}], "id": "body:woco"} in pats
    assert {"label": "BODY", "pattern": "Wonderful Copenhagen", "id": "body:woco"} in pats
    assert not any(p["pattern"] == "Erhvervshuset" and "id" in p for p in pats)


def test_patterns_in_spacy(gz):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("da")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(gz.entity_ruler_patterns())
    doc = nlp("Frank Jensen (A), Københavns Kommune, oplyste fra WOCO, at formanden for KKR Hovedstaden og "
              "Erhvervshus Hovedstaden deltog sammen med Region Hovedstaden og Liberal Alliance.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Københavns Kommune", "MUNICIPALITY", "101") in ents
    assert ("WOCO", "BODY", "body:woco") in ents
    assert ("KKR Hovedstaden", "COUNCIL", "council:kkr-hovedstaden") in ents
    assert ("Erhvervshus Hovedstaden", "BODY", "body:erhvervshus-hovedstaden") in ents
    assert ("Region Hovedstaden", "REGION", "1084") in ents
    assert ("Liberal Alliance", "PARTY", "party:I") in ents
    assert ("formanden", "ROLE", "formand") in ents
    doc = nlp("Mødet starter kl. 10.00, og Eva Hansen siger: pas på. KL og EVA deltager.")
    ents = {(e.text, e.ent_id_) for e in doc.ents}
    assert ents == {("KL", "council:kl"), ("EVA", "body:eva")}


def test_a_copy_is_equal_and_shares_the_pipeline(gz):
    """Worker processes get a copy of the run's gazetteer: equal to it, so the cached spaCy pipeline is found
    (caches are keyed by the gazetteer, never by id())."""
    import pickle

    from graphbuild.nlp import build_nlp
    copy = pickle.loads(pickle.dumps(gz))
    assert copy is not gz and copy == gz and hash(copy) == hash(gz)
    assert build_nlp(copy) is build_nlp(gz)


def test_a_small_gazetteer_from_rows():
    from graphbuild.gazetteer import Gazetteer
    small = Gazetteer.from_rows(
        regions=[{"regionskode": "1084", "name": "Region Hovedstaden", "short_name": "Hovedstaden"}],
        municipalities=[{"kommunekode": "190", "name": "Furesø Kommune", "short_name": "Furesø", "regionskode": "1084"}],
        parties=[{"letter": "A", "name": "Socialdemokratiet", "aliases": "Socialdemokraterne"}],
        bodies=[{"org_id": "body:movia", "name": "Movia", "aliases": ["Trafikselskabet Movia"]}],
        roles=[{"surface": "formanden", "canonical": "formand"}, {"surface": "konsulent", "canonical": "konsulent",
                                                                 "ruler": "no"}])
    assert small.lookup_municipality("Furesø Kommunes").kommunekode == "190"
    assert small.lookup_org("trafikselskabet movia").org_id == "body:movia"
    assert small.party_letter("Socialdemokraterne") == "A" and small.party_letter("Venstre") is None
    assert small.canonical_role("Formanden") == "formand" and small.role_words() == ["formanden", "konsulent"]
    assert [p["pattern"] for p in small.entity_ruler_patterns() if p["label"] == "ROLE"] == ["formanden"]
    assert small != load_gazetteer()


def test_a_name_with_an_apostrophe_is_found_with_a_typographic_one_too(gz):
    from graphbuild.nlp import build_nlp

    nlp = build_nlp(gz)
    for text in ("har KL’s repræsentantskab valgt", "har KL's repræsentantskab valgt"):
        assert [(e.text[:2], e.ent_id_) for e in nlp(text).ents] == [("KL", "body:kl-repraesentantskab")]
