"""The web pages in a real browser: Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright,
with JavaScript switched OFF (the pages must work without it), against the app served by uvicorn over
the real test Neo4j holding the samples. Writes a screenshot of every page kind to build/screenshots/
(or $GRAPHBUILD_SCREENSHOTS)."""
from __future__ import annotations

import os
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("GRAPHBUILD_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium on a closed network waits for update, sync and QUIC connections that never come.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("GRAPHBUILD_SCREENSHOTS", ROOT / "build" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def server(samples_graph):
    """The app on a free loopback port, served by uvicorn in a thread (as `graphbuild serve` does)."""
    import uvicorn

    from graphbuild.web import create_app
    from tests.conftest import free_port

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(samples_graph), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `bash .ci/run` (or apt-get install chromium) installs it"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900},
                                      base_url=server)
        context.set_default_timeout(20_000)
        yield context.new_page()
        context.close()
        browser.close()


def test_follow_the_netteberg_appointment_from_search_to_the_document_line_and_the_feed(page, shots):
    page.goto("/")
    page.fill("main input[name=q]", "Netteberg")
    page.click("main button[type=submit]")
    assert "/search?q=Netteberg" in page.url
    page.screenshot(path=str(shots / "search.png"), full_page=True)

    page.click("a:text-is('Jacob Netteberg')")
    assert page.url.endswith("/person/jacob-netteberg")
    assert page.inner_text("h1") == "Jacob Netteberg"
    seat = page.locator("ol.timeline li", has_text="psykologhjælp")
    assert "Gitte Kjær-Westermann" in seat.inner_text() and "appointed" in seat.inner_text()
    page.screenshot(path=str(shots / "person.png"), full_page=True)

    seat.locator("a.decided").click()
    assert page.url.endswith("/meeting/council:kkr-hovedstaden:2020-06-19")
    assert page.inner_text("h1") == "KKR Hovedstaden 2020-06-19"
    row = page.locator("table.seats tr", has=page.locator("td:nth-child(2)", has_text="Jacob Netteberg"))
    assert "appointed" in row.inner_text() and "Gitte Kjær-Westermann" in row.inner_text()
    page.screenshot(path=str(shots / "meeting.png"), full_page=False)

    row.locator("a.src").click()
    assert page.url.endswith("#L835") and "/document/" in page.url
    line = page.locator("tr#L835")
    assert "i stedet indtræder Jacob Netteberg (B) fra Rudersdal Kommune" in line.inner_text()
    facts = line.locator(".fact").all_inner_texts()
    assert any(t.startswith("membership: Jacob Netteberg APPOINTED medlem") and "replaces Gitte Kjær-Westermann" in t
               for t in facts), facts
    page.screenshot(path=str(shots / "document.png"), full_page=False)

    feed = page.request.get("/feed/person/jacob-netteberg.atom")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    entries = ET.fromstring(feed.body()).findall(f"{ATOM}entry")
    mine = [e for e in entries if "replacing Gitte Kjær-Westermann" in e.findtext(f"{ATOM}title")]
    assert mine, [e.findtext(f"{ATOM}title") for e in entries]
    assert mine[0].findtext(f"{ATOM}updated").startswith("2020-06-19")
    related = [ln.get("href") for ln in mine[0].findall(f"{ATOM}link") if ln.get("rel") == "related"]
    assert related and related[0].endswith("#L835")
    assert "indtræder Jacob Netteberg" in mine[0].findtext(f"{ATOM}summary")


@pytest.mark.parametrize("kind, url, heading", [
    ("body", "/body/council:kkr-hovedstaden", "KKR Hovedstaden"),
    ("municipality", "/municipality/230-rudersdal-kommune", "Rudersdal Kommune"),
    ("network", "/network/body/council:kkr-hovedstaden", "Network around KKR Hovedstaden"),
    ("not-found", "/person/no-such-person", "404: not found"),
])
def test_each_page_kind_renders_in_the_browser(page, shots, kind, url, heading):
    response = page.goto(url)
    assert response.status == (404 if kind == "not-found" else 200)
    assert page.inner_text("h1") == heading
    if kind == "network":  # the server's drawing: one link per node, to its page
        assert page.locator("svg a").count() >= 2
        page.locator("svg a.node-person").first.locator("circle").click()
        assert "/person/" in page.url
    page.goto(url)
    page.screenshot(path=str(shots / f"{kind}.png"), full_page=kind != "body")
    assert (shots / f"{kind}.png").stat().st_size > 5000
