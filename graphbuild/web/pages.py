"""The person, body, municipality and meeting pages: which statements each runs and what it shows.
(Search, document and network pages: search.py, document.py, network.py.)"""
from __future__ import annotations

from . import urls
from .links import Linker
from .page import NotFound, Page
from .store import Store, saved_report, web_query



def columns(name: str, web: bool = False) -> list[str]:
    return (web_query(name) if web else saved_report(name)).columns


def person_page(store: Store, segment: str) -> Page:
    person = store.one("person", ids=urls.person_ids(segment))
    if person is None:
        raise NotFound(f"no person with the id in /person/{segment}")
    url = urls.person_url(person["person_id"], person["name"])
    page = Page("person", person["name"], url, feed=urls.feed_url(url), network=urls.network_url("person", url))
    linker = Linker(store)
    seats = [r for r in store.report("seats-of-person", person=person["name"]) if r.get("person") == person["name"]]
    decided = {(d["decision"], d["decided_at"]): d for d in store.query("person-decisions", person_id=person["person_id"])}
    for row in seats:
        d = decided.get((row.get("decision"), row.get("decided_at")))
        if d:
            row["meeting_url"] = urls.meeting_url(d["meeting_id"])
            row["decision_doc_url"] = urls.document_url(d["doc_id"], "", d["line"])
    page.add("seats", columns("seats-of-person"), linker.link(seats))
    page.add("decisions", columns("person-decisions", True),
             [dict(d, meeting_url=urls.meeting_url(d["meeting_id"])) for d in decided.values()])
    attendance = store.query("person-attendance", person_id=person["person_id"])
    for row in attendance:
        row["meeting_url"] = urls.meeting_url(row["meeting_id"])
    page.add("attendance", columns("person-attendance", True), linker.link(attendance))
    page.context.update(person=person, present=sum(1 for r in attendance if r["status"] == "present"),
                        absent=sum(1 for r in attendance if r["status"] == "absent"))
    return page


def joined(rows: list[dict]) -> list[dict]:
    """The list columns of the pages' own statements as the reports write them ("A/B", "X; Y")."""
    for row in rows:
        for column, sep in (("party", "/"), ("municipality", "/"), ("replaces", "; ")):
            if isinstance(row.get(column), list):
                row[column] = sep.join(row[column]) or None
        if row.get("meeting_id"):
            row["meeting_url"] = urls.meeting_url(row["meeting_id"])
    return rows


def body_page(store: Store, segment: str) -> Page:
    org = store.one("organization", ids=urls.candidates(segment))
    if org is None:
        raise NotFound(f"no body or council with the id in /body/{segment}")
    url = urls.body_url(org["org_id"], org["name"])
    page = Page("body", org["name"], url, feed=urls.feed_url(url), network=urls.network_url("body", url))
    linker = Linker(store)
    page.add("members", columns("body-members", True), linker.link(joined(store.query("body-members", org_id=org["org_id"]))))
    page.add("appointments", columns("body-seat-changes", True),
             linker.link(joined(store.query("body-seat-changes", org_id=org["org_id"]))))
    page.add("party_balance", columns("party-balance"), store.report("party-balance", body=org["org_id"]))
    munis = store.query("body-municipalities", org_id=org["org_id"])
    for row in munis:
        row["municipality_url"] = urls.municipality_url(row["kommunekode"], row["municipality"])
    page.add("municipalities", columns("body-municipalities", True), linker.link(munis))
    page.add("meetings", columns("meetings-of", True), _meetings(store, [org["org_id"]]))
    page.context.update(org=org)
    return page


def _meetings(store: Store, org_ids: list[str]) -> list[dict]:
    rows = store.query("meetings-of", org_ids=org_ids) if org_ids else []
    for row in rows:
        row["meeting_url"] = urls.meeting_url(row["meeting_id"])
    return rows


def municipality_page(store: Store, segment: str) -> Page:
    muni = store.one("municipality", ids=urls.kommunekode(segment))
    if muni is None:
        raise NotFound(f"no municipality with the kommunekode in /municipality/{segment}")
    url = urls.municipality_url(muni["kommunekode"], muni["name"])
    page = Page("municipality", muni["name"], url, feed=urls.feed_url(url))
    linker = Linker(store)
    page.add("who_represents", columns("who-represents"),
             linker.link(store.report("who-represents", municipality=muni["kommunekode"])))
    profile = [r for r in store.report("municipality-profile", municipality=muni["kommunekode"]) if not r.get("person")]
    page.add("part_of", columns("municipality-profile"), linker.link(profile))
    page.add("meetings", columns("meetings-of", True), _meetings(store, muni["councils"]))
    page.context.update(muni=muni, councils=[(c, urls.body_url(c)) for c in muni["councils"]])
    return page


def meeting_page(store: Store, segment: str) -> Page:
    meeting = store.one("meeting", meeting_id=segment)
    if meeting is None:
        raise NotFound(f"no meeting with the id {segment}")
    title = f"{meeting['council'] or 'Meeting'} {meeting['date']}"
    page = Page("meeting", title, urls.meeting_url(meeting["meeting_id"]))
    linker = Linker(store)
    items = [r for r in store.report("meeting-decisions", date=meeting["date"]) if r.get("council") == meeting["council"]]
    page.add("items", columns("meeting-decisions"), linker.link(items))
    page.add("votes", columns("meeting-votes", True), linker.link(store.query("meeting-votes", meeting_id=meeting["meeting_id"])))
    seats = store.query("meeting-appointments", meeting_id=meeting["meeting_id"])
    for row in seats:
        row.update(person_url=urls.person_url(row["person_id"], row["person"]), body_url=urls.body_url(row["body_id"]),
                   doc_url=urls.document_url(row["doc_id"], "", row["line"]))
    page.add("seats", columns("meeting-appointments", True), seats)
    attendance = store.query("meeting-attendance", meeting_id=meeting["meeting_id"])
    for row in attendance:
        row["person_url"] = urls.person_url(row["person_id"], row["person"])
    page.add("attendance", columns("meeting-attendance", True), linker.link(attendance))
    for d in meeting["documents"]:
        d["url"] = urls.document_url(d["doc_id"], d["path"], d["line"])
    page.context.update(meeting=meeting, council_url=urls.body_url(meeting["council_id"]) if meeting["council_id"] else None)
    return page
