"""The web pages without a database: URLs and their ids, the network drawing, the feed entries, CSV, and
the pages' own statements (queries/web/*.cypher) as files. (Against a real Neo4j and in a real browser:
tests/integration/test_web*.py.)"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graphbuild.db.reports import parse_report
from graphbuild.slug import ascii_slug, slugify
from graphbuild.web import feeds, network, urls
from graphbuild.web.app import create_app, to_csv
from graphbuild.web.page import Table

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
WEB_QUERIES = sorted((ROOT / "queries" / "web").glob("*.cypher"))


def test_slugs_spell_danish_letters_out():
    assert ascii_slug("Gitte Kjær-Westermann") == "gitte-kjaer-westermann"
    assert ascii_slug("Søren Ågård") == "soeren-aagaard"
    assert ascii_slug("<script>") == "script"
    assert ascii_slug("§ 17, stk. 4") == "17-stk-4"
    assert ascii_slug("…") == "" and slugify("…") == "x"  # an id part is never empty


def test_person_url_has_id_and_slug_and_goes_back_to_the_id():
    assert urls.person_url("person:jacob-netteberg", "Jacob Netteberg") == "/person/jacob-netteberg"
    url = urls.person_url("person:j-netteberg", "Jacob Netteberg")
    assert url == "/person/j-netteberg-jacob-netteberg"
    assert "person:j-netteberg" in urls.person_ids(url.rsplit("/", 1)[1])
    # the slug is decoration: a changed name still finds the id
    assert "person:j-netteberg" in urls.person_ids("j-netteberg-jacob-netteberg-old")


def test_document_and_municipality_segments_give_their_ids():
    doc_id = "50a9a942d9d415cb" + "0" * 48
    url = urls.document_url(doc_id, "/x/kkr-referat.txt", 835)
    assert url == "/document/50a9a942d9d415cb-kkr-referat#L835"
    assert urls.doc_prefix("50a9a942d9d415cb-kkr-referat") == "50a9a942d9d415cb"
    assert urls.doc_prefix("zz-not-hex") == "" and urls.doc_prefix("abc") == ""
    assert urls.municipality_url("230", "Rudersdal Kommune") == "/municipality/230-rudersdal-kommune"
    assert urls.kommunekode("230-rudersdal-kommune") == ["230"] and urls.kommunekode("' OR 1=1") == []


def test_network_svg_escapes_names_and_links_every_node():
    rows = [dict(person_id="person:a", person="A <b>&", org_id="body:x", organization="X \"Body\"", kind="body"),
            dict(person_id="person:c", person="C", org_id="body:x", organization="X \"Body\"", kind="body")]
    drawing = network.layout(rows, "person:a")
    svg = network.svg(drawing, "Network around A")
    ET.fromstring(svg)  # well-formed XML
    assert "<b>" not in svg and "A &lt;b&gt;&amp;" in svg
    assert len(drawing["edges"]) == 2 and svg.count("<a href=") == 3
    assert drawing["nodes"][0]["xy"] != drawing["nodes"][1]["xy"]


def test_feed_entries_are_seat_changes_newest_first():
    rows = [dict(person="A", body="B", status="appointed", role="medlem", replaces="C", date="2020-06-19",
                 doc_id="f" * 64, doc_url="/document/ff#L5", line=5, quote="A indtræder", person_links=[("A", "/person/a")]),
            dict(person="D", body="B", status="member", date="2021-01-01", line=1, person_links=[("D", "/person/d")]),
            dict(person="E", body="B", status="resigned", date="2021-03-01", line=2, quote="E udtræder",
                 person_links=[("E", "/person/e")])]
    entries = feeds._entries(rows, "http://h")
    assert [e["title"] for e in entries] == ["E resigned from B", "A appointed to B, replacing C"]
    assert entries[1]["link"] == "http://h/person/a" and entries[1]["source"] == "http://h/document/ff#L5"


def test_csv_keeps_only_the_tables_columns_and_joins_lists():
    t = Table(["a", "b"], [dict(a=1, b=["x", "y"], a_url="/z")])
    assert to_csv(t) == "a,b\n1,x; y\n"


def test_every_page_statement_has_a_header_and_is_read_only_and_parameterised():
    assert len(WEB_QUERIES) >= 10
    write = re.compile(r"\b(CREATE|MERGE|DELETE|SET|REMOVE|DROP|LOAD\s+CSV|FOREACH)\b|apoc\.", re.IGNORECASE)
    for f in WEB_QUERIES:
        r = parse_report(f)
        assert r.name == f.stem and r.question.endswith("?") and r.columns, f
        body = "\n".join(ln for ln in r.cypher.splitlines() if not ln.strip().startswith("//"))
        assert not write.search(body), f
        assert not re.search(r"\$\w+\s*\+|\+\s*\$\w+", body), f"{f}: builds text from a parameter"
        for p in r.params:
            assert f"${p.name}" in body, f"{f}: {p.name} unused"


def test_no_cypher_in_the_web_package():
    for f in (ROOT / "graphbuild" / "web").glob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"\bMATCH\s*\(|\bRETURN\b\s+\w", text), f"{f}: Cypher belongs in queries/web/"


def test_every_route_is_read_only():
    app = create_app(driver=None)
    for route in app.routes:
        assert set(route.methods) <= {"GET", "HEAD"}, route.path


def test_a_database_that_cannot_be_reached_gives_a_503_page_not_a_traceback():
    import neo4j
    from starlette.testclient import TestClient

    from tests.conftest import free_port

    driver = neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{free_port()}", auth=("neo4j", "x"),
                                        max_transaction_retry_time=0.2, connection_timeout=2)
    try:
        with TestClient(create_app(driver), raise_server_exceptions=False) as client:
            page = client.get("/person/jacob-netteberg")
        assert page.status_code == 503 and "cannot be reached" in page.text and "Traceback" not in page.text
    finally:
        driver.close()


def test_serve_listens_on_the_loopback_address_by_default():
    from graphbuild.cli.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
