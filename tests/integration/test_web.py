"""The web pages against a real Neo4j holding the samples, through Starlette's test client: every page
kind, the data behind it (the saved reports' own rows), 404s, hostile input, and no writes.
(The same pages in a real browser: test_web_browser.py.)"""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote
from collections import deque

import pytest

from graphbuild.db.reports import get_report, run_report

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
ATOM = "{http://www.w3.org/2005/Atom}"
NETTEBERG = "/person/jacob-netteberg"
MEETING = "/meeting/council:kkr-hovedstaden:2020-06-19"


@pytest.fixture
def client(samples_graph):
    from starlette.testclient import TestClient

    from graphbuild.web import create_app

    with TestClient(create_app(samples_graph)) as c:
        yield c


def counts(driver):
    with driver.session() as s:
        return s.run("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r").single().data()


def test_search_finds_a_person_by_name_part_and_by_alias_on_the_same_page(client, samples_graph):
    page = client.get("/search", params={"q": "netteberg"})
    assert page.status_code == 200 and f'href="{NETTEBERG}"' in page.text
    with samples_graph.session() as s:
        row = s.run("MATCH (p:Person) WHERE size(p.aliases) > 0 RETURN p.name AS name, p.aliases[0] AS alias "
                    "ORDER BY p.person_id LIMIT 1").single()
    assert row, "the samples give some person another spelling"
    by_name = re.findall(r'href="(/person/[^"]+)"', client.get("/search", params={"q": row["name"]}).text)
    by_alias = re.findall(r'href="(/person/[^"]+)"', client.get("/search", params={"q": row["alias"]}).text)
    assert by_name and by_name[0] in by_alias


def test_a_misspelt_name_finds_the_closest(client):
    page = client.get("/search", params={"q": "Jakob Neteberg"})
    assert f'href="{NETTEBERG}"' in page.text and "closest names" in page.text


def test_person_page_shows_the_seat_the_replacement_the_decision_and_the_line(client):
    text = client.get(NETTEBERG).text
    assert "Samarbejdsudvalget vedr. psykologhjælp" in text
    assert 'Replaced <a href="/person/gitte-kjaer-westermann">Gitte Kjær-Westermann</a>' in text
    assert f'class="decided" href="{MEETING}"' in text
    assert re.search(r'href="/document/[0-9a-f]{16}-kkr-hovedstaden-referat-2020-06-19#L835"', text)


def test_page_data_is_the_saved_reports_rows(client, samples_graph):
    data = client.get(NETTEBERG + ".json").json()
    report = get_report("seats-of-person")
    columns, rows = run_report(samples_graph, report, {"person": "Jacob Netteberg"})
    assert data["tables"]["seats"] == [{c: r[c] for c in columns} for r in rows] and rows
    table = list(csv.reader(io.StringIO(client.get(NETTEBERG + "/seats.csv").text)))
    assert table[0] == columns and len(table) == len(rows) + 1
    body = client.get("/body/council:kkr-hovedstaden.json").json()
    assert body["tables"]["members"] and body["tables"]["party_balance"]
    body = client.get("/body/body:samarbejdsudvalget-psykologhjaelp-hovedstaden.json").json()
    change = [r for r in body["tables"]["appointments"] if r["person"] == "Jacob Netteberg"]
    assert change, body["tables"]["appointments"]
    assert change[0]["status"] == "appointed" and change[0]["replaces"] == "Gitte Kjær-Westermann"
    assert change[0]["line"] == 835 and change[0]["meeting_id"] == "council:kkr-hovedstaden:2020-06-19"


def test_every_page_kind_answers(client):
    for url, expect in [("/body/council:kkr-hovedstaden", "Appointment history"),
                        ("/municipality/230-rudersdal-kommune", "Who represents"),
                        (MEETING, "Items and decisions"), ("/network/person/jacob-netteberg", "<svg"),
                        ("/network/body/council:kkr-hovedstaden", "<svg")]:
        page = client.get(url)
        assert page.status_code == 200 and expect in page.text, url
        assert "<script" not in page.text


def test_feed_of_a_person_has_the_replacement_quoting_its_line(client):
    feed = ET.fromstring(client.get(f"/feed{NETTEBERG}.atom").content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert any("Jacob Netteberg appointed to Samarbejdsudvalget" in t and "replacing Gitte Kjær-Westermann" in t
               for t in titles), titles
    assert "indtræder Jacob Netteberg" in entries[0].findtext(f"{ATOM}summary")
    for kind_url in ("/feed/body/body:samarbejdsudvalget-psykologhjaelp-hovedstaden.atom", "/feed/municipality/230.atom"):
        feed = ET.fromstring(client.get(kind_url).content)
        dates = [e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry")]
        assert dates and dates == sorted(dates, reverse=True), kind_url


@pytest.mark.parametrize("url", ["/person/nobody", "/body/body:nothing", "/municipality/9999", "/municipality/x",
                                 "/meeting/council:x:2020-01-01", "/document/0000000000000000-x", "/document/zz",
                                 "/network/person/nobody", "/feed/person/nobody.atom", "/person/nobody.json",
                                 f"{NETTEBERG}/nosuchtable.csv", "/no/such/page"])
def test_unknown_ids_give_a_404_page(client, url):
    page = client.get(url)
    assert page.status_code == 404 and "not found" in page.text


HOSTILE = ["' OR 1=1 //", "\"}) DETACH DELETE n //", "<script>alert(1)</script>", "$q", "%00\x00", "x" * 5000,
           "MATCH (n) DETACH DELETE n", "../../etc/passwd", "{{7*7}}"]


def test_hostile_input_is_inert_and_nothing_writes(client, samples_graph):
    before = counts(samples_graph)
    for q in HOSTILE:
        page = client.get("/search", params={"q": q})
        assert page.status_code == 200 and "<script>alert" not in page.text and "49" not in page.text.split("<main>")[1]
        for kind in ("person", "body", "meeting", "document", "municipality"):
            assert client.get(f"/{kind}/" + quote(q, safe="")).status_code == 404, (kind, q)
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)(NETTEBERG).status_code == 405
    assert counts(samples_graph) == before


def test_every_link_from_the_start_pages_leads_somewhere(client, samples_graph):
    """Follow the links of the pages (up to 120 pages): none fails, every one is a page, a feed or data."""
    before = counts(samples_graph)
    queue, seen = deque(["/search?q=kkr", NETTEBERG, MEETING]), set()
    while queue and len(seen) < 120:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        page = client.get(url)
        assert page.status_code == 200, url
        if page.headers["content-type"].startswith("text/html"):
            queue.extend(u.split("#")[0].replace("&amp;", "&") for u in re.findall(r'href="(/[^"]*)"', page.text))
    assert len(seen) >= 60 and counts(samples_graph) == before
