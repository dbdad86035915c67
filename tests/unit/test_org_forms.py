"""Organisations no reference list knows, recognised by their form (graphbuild/nlp/components/org_forms.py,
graphbuild/data/org_forms.csv), kept as organisations awaiting review; municipalities named bare as places."""
from __future__ import annotations

import re

import pytest

from graphbuild.db.rows import REVIEW_STATUS, document_rows
from graphbuild.gazetteer import load_gazetteer
from graphbuild.nlp.build import build_nlp
from graphbuild.nlp.components.org_forms import org_form_spans, review_id
from graphbuild.nlp.extract import extract
from graphbuild.db.reference import curated_org_ids
from graphbuild.read import read_document
from graphbuild.resolve import resolve
from graphbuild.structure import structure


def names(text, taken=()):
    return [f.name for f in org_form_spans(text, taken)]


@pytest.mark.parametrize("text, expected", [
    ("Næstved Varmeværks bestyrelse har besluttet", ["Næstved Varmeværk"]),  # genitive read in the nominative
    ("Børne- og Skoleudvalget og Plan-, Bolig- og Miljøudvalget", ["Børne- og Skoleudvalget",
                                                                  "Plan-, Bolig- og Miljøudvalget"]),
    ("Pladser i Social – og Sundhedsudvalget: V=4", ["Social – og Sundhedsudvalget"]),
    ("Udvalget for Vækst, Erhverv og Globalisering holdt møde", ["Udvalget for Vækst, Erhverv og Globalisering"]),
    ("Aalborg Vand A/S og Aalborg Kloak A/S", ["Aalborg Vand A/S", "Aalborg Kloak A/S"]),
    ("I/S Infra Service", ["I/S Infra Service"]),
    ("Odense Vandselskab as", ["Odense Vandselskab as"]),
    ("Energitilsynet og Datatilsynet samt Rigsrevisionen", ["Energitilsynet", "Datatilsynet", "Rigsrevisionen"]),
    ("Sygehus Sønderjylland", ["Sygehus Sønderjylland"]),
    ("Tilskud til Vejleby Bylaug mødested", ["Vejleby Bylaug"]),  # a guild
    ("Dansk Affaldsforening", ["Dansk Affaldsforening"]),
    ("Magistraten. Borgmesterens Afdeling", ["Borgmesterens Afdeling"]),  # a sentence ends before the name
])
def test_names_by_their_form(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Thomas Hansen er formand", "udvalget har drøftet sagen", "Udvalget", "Netværk for kommuner",
    "Integrationsområdet", "Bestyrelsen", "TEKNIKUDVALGET", "Skolebestyrelsen har holdt møde",
])
def test_not_names(text):
    assert names(text) == []


def test_a_gazetteer_organisation_is_the_gazetteers():
    assert names("Herning Kommune", [(0, 15, "MUNICIPALITY")]) == []
    assert names("Aalborg Vand A/S", [(0, 7, "MUNICIPALITY")]) == ["Aalborg Vand A/S"]  # a place inside a name


def test_generic_names_are_scoped_and_definite_forms_are_one():
    assert review_id("Byrådet", "local", "municipality:851") == review_id("Byråd", "local", "municipality:851")
    assert review_id("Økonomiudvalget", "local", "municipality:851") != review_id("Økonomiudvalget", "local",
                                                                                  "municipality:101")
    assert review_id("Odense Vandselskab as", "named", "x") == review_id("Odense Vandselskab A/S", "named", "y")


def test_the_component_is_registered():
    assert "graphbuild_org_forms" in build_nlp(load_gazetteer()).pipe_names


TEXT = """Notat om forsyningen
Aalborg Kommune
Punkt 1. Næstved Varmeværk og Aalborg Vand A/S
Sagen er sendt til Energistyrelsen og drøftet med borgere i Brønderslev.
Aalborg Kommune har orienteret Økonomiudvalget.
"""


def test_a_document_names_unknown_organisations_and_places(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text(TEXT, encoding="utf-8")
    gz = load_gazetteer()
    facts = extract(structure(read_document(str(p))), gz)
    review = {o.surface: o for o in facts.review_organizations}
    assert {"Næstved Varmeværk", "Aalborg Vand A/S", "Økonomiudvalget"} <= set(review)
    assert review["Økonomiudvalget"].ref_id == "review:municipality:851:økonomiudvalg"  # Aalborg's
    assert review["Næstved Varmeværk"].evidence.line == 3 and review["Næstved Varmeværk"].classification == "utility"
    assert "Energistyrelsen" not in review  # a state agency the reference data knows
    assert any(o.ref_id == "body:energistyrelsen" for o in facts.organizations)
    assert [o.ref_id for o in facts.places] == ["810"]  # Brønderslev, a place; Aalborg only inside names
    rows = dict(document_rows(resolve([facts], gz).documents[0], curated_org_ids(gz)).batches)
    by_id = {r["org_id"]: r for r in rows["load_review_organizations"]}
    assert by_id["review:næstved-varmeværk"]["status"] == REVIEW_STATUS
    assert {r["ref_id"] for r in rows["load_names_municipality"]} >= {"810", "851"}


def _facts(tmp_path, text: str):
    p = tmp_path / "x.txt"
    p.write_text(text, encoding="utf-8")
    gz = load_gazetteer()
    return extract(structure(read_document(str(p))), gz), gz


def test_a_regional_name_takes_the_region_the_document_names(tmp_path):
    facts, _ = _facts(tmp_path, "Nyt fra Region Hovedstaden\n\nRegionsrådet har godkendt budgettet.\n")
    assert "body:regionsraadet-hovedstaden" in {o.ref_id for o in facts.organizations}
    assert not [o for o in facts.review_organizations if o.surface == "Regionsrådet"]


def test_a_regional_name_no_region_picks_awaits_review_in_its_document(tmp_path):
    facts, gz = _facts(tmp_path, "Regionsrådet\n23-08-2021 13:00\n\n1. Meddelelse fra formanden\n\nReferat\n\n"
                                 "Martin Bech afløser Peter Therkildsen i Forretningsudvalget. SSU har holdt møde.\n")
    review = {o.surface: o for o in facts.review_organizations}
    assert review["Forretningsudvalget"].ref_id.startswith("review:doc:")
    assert "SSU" not in review  # an abbreviation: a municipality's own committee as often as the region's
    assert not any(o.ref_id.startswith("body:ssu") for o in facts.organizations)


def test_two_regions_named_pick_no_regional_body(tmp_path):
    facts, _ = _facts(tmp_path, "Region Hovedstaden og Region Sjælland\n\nForretningsudvalget har godkendt sagen.\n")
    assert not any(o.ref_id.startswith("body:forretningsudvalget-") for o in facts.organizations)


def test_the_organisation_word_lists_are_data_not_code():
    """org_words.csv holds the lists; org_forms.py and spans.py hold none of its words as a literal list again."""
    import ast
    from pathlib import Path

    from graphbuild.gazetteer import _org_word_rows, org_words

    words = {r["word"].casefold() for r in _org_word_rows()}
    assert {"området", "respektive", "a.m.b.a.", "vedrørende", "højskolen", "introducerer"} <= words
    assert org_words("generic_body")[0] == "bestyrelsen"
    root = Path(__file__).resolve().parents[2] / "graphbuild" / "nlp"
    for path in (root / "spans.py", root / "components" / "org_forms.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                elts = node.keys if isinstance(node, ast.Dict) else node.elts
                hits = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                        and e.value.casefold() in words]
                assert len(hits) < 3, (path.name, node.lineno, hits)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
                alts = [w for w in re.split(r"[|()?:\\]+", node.value) if w.casefold() in words]
                assert len(alts) < 3, (path.name, node.lineno, alts)
