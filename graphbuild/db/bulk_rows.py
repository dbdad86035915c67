"""What each load statement (cypher/load_*.cypher, reference_*.cypher) writes, applied to the in-memory
graph of db/bulk_graph.py: `load --bulk` writes the graph the transactional load writes, from the same rows.

One function per statement, in the statement's own order of MATCH, MERGE and SET.  EMULATED pins the
text of each statement (a digest): a change to a statement fails tests/unit/test_bulk.py until the
function here says the same again (and tests/integration/test_bulk.py compares whole graphs).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Callable, Optional

from .bulk_graph import Graph, RowRefused
from .statements import statement

_LABEL_OF_KIND = {"council": "Council", "body": "Body", "party": "Party"}


def cypher_date(value) -> Optional[dt.date]:
    """date(value) as Cypher reads an ISO date text ('2024-05-01', '2024-05', '2024'); null stays null."""
    if value is None:
        return None
    text = str(value)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RowRefused(f"not a date: {text!r}") from None


def _where(r: dict) -> dict:
    return dict(line=r["line"], quote=r["quote"])


# ------------------------------------------------------------------ reference data and entities
def reference_regions(g: Graph, r: dict) -> None:
    n, _ = g.merge_node("Region", "regionskode", r["regionskode"], "Area")
    g.set(n, name=r["name"], short_name=r["short_name"])


def reference_municipalities(g: Graph, r: dict) -> None:
    region = g.match("Region", r["regionskode"])
    m, _ = g.merge_node("Municipality", "kommunekode", r["kommunekode"], "Area")
    g.set(m, name=r["name"], short_name=r["short_name"], aliases=r["aliases"])
    g.merge_rel("IN_REGION", m, region)


def load_organizations(g: Graph, r: dict) -> None:
    o, _ = g.merge_node("Organization", "org_id", r["org_id"])
    g.set(o, name=r["name"], short_name=r["short_name"], aliases=r["aliases"], classification=r["classification"],
          letter=r["letter"], kommunekode=r["kommunekode"], source=r["source"], part_of=r.get("part_of"))
    if r["kind"] in _LABEL_OF_KIND:
        g.add_label(o, _LABEL_OF_KIND[r["kind"]])


def load_persons(g: Graph, r: dict) -> None:
    p, _ = g.merge_node("Person", "person_id", r["person_id"])
    g.set(p, name=r["name"], aliases=r["aliases"], merged_ids=r["merged_ids"])


def load_document(g: Graph, r: dict) -> None:
    d, _ = g.merge_node("Document", "doc_id", r["doc_id"])
    g.set(d, path=r["path"], kind=r["kind"], title=r["title"], layout=r["layout"], encoding=r["encoding"],
          line_count=r["line_count"], date=cypher_date(r["date"]), page_starts=r["page_starts"])


def load_review_organizations(g: Graph, r: dict) -> None:
    d = g.match("Document", r["doc_id"])
    o, created = g.merge_node("Organization", "org_id", r["org_id"])
    if created:
        g.set(o, name=r["name"], classification=r["classification"], source="extracted", status=r["status"])
    g.add_label(o, "Body")
    g.set_rel(g.merge_rel("NAMES", d, o), doc_id=r["doc_id"], **_where(r))


# ------------------------------------------------------------------ meetings, items, decisions, votes
def load_meeting(g: Graph, r: dict) -> None:
    d, c = g.match("Document", r["doc_id"]), g.match("Organization", r["council_id"])
    m, _ = g.merge_node("Meeting", "meeting_id", r["meeting_id"])
    g.set(m, date=cypher_date(r["date"]))
    g.coalesce(m, time=r["time"], location=r["location"])
    g.merge_rel("ORGANIZED_BY", m, c)
    g.set_rel(g.merge_rel("DOCUMENTS", d, m), **_where(r), time=r["time"], location=r["location"])


def load_agenda_items(g: Graph, r: dict) -> None:
    d, mt = g.match("Document", r["doc_id"]), g.match("Meeting", r["meeting_id"])
    a, _ = g.merge_node("AgendaItem", "agenda_item_id", r["agenda_item_id"])
    g.set(a, number=r["number"], title=r["title"])
    g.coalesce(a, case_number=r["case_number"], officer=r["officer"], recommendation=r["recommendation"])
    g.merge_rel("ON_AGENDA_OF", a, mt)
    g.set_rel(g.merge_rel("EVIDENCED_BY", a, d, line=r["line"]), quote=r["quote"], title=r["title"],
              case_number=r["case_number"], officer=r["officer"], recommendation=r["recommendation"])


def load_decisions(g: Graph, r: dict) -> None:
    d = g.match("Document", r["doc_id"])
    x, _ = g.merge_node("Decision", "decision_id", r["decision_id"])
    g.set(x, text=r["text"], outcome=r["outcome"], body=r["body"], date=cypher_date(r["date"]))
    a = g.optional("AgendaItem", r["agenda_item_id"])
    if a is not None:
        g.merge_rel("RESULTED_IN", a, x)
    mt = g.optional("Meeting", r["meeting_id"])
    if a is None and mt is not None:
        g.merge_rel("AT_MEETING", x, mt)
    g.set_rel(g.merge_rel("EVIDENCED_BY", x, d, line=r["line"]), quote=r["quote"], text=r["text"],
              outcome=r["outcome"], body=r["body"])


def load_votes(g: Graph, r: dict) -> None:
    d = g.match("Document", r["doc_id"])
    v, _ = g.merge_node("Vote", "vote_id", r["vote_id"])
    g.set(v, item_number=r["item_number"], subject=r["subject"], body=r["body"], date=cypher_date(r["date"]),
          outcome=r["outcome"], **{f"{p}_{what}": r[f"{p}_{what}"] for p in ("for", "against", "abstained", "reserved")
                                   for what in ("count", "parties")})
    g.set_rel(g.merge_rel("EVIDENCED_BY", v, d, line=r["line"]), quote=r["quote"])
    for label, key, rel in (("Meeting", "meeting_id", "AT_MEETING"), ("AgendaItem", "agenda_item_id", "ON_ITEM"),
                            ("Decision", "decision_id", "ON_DECISION")):
        target = g.optional(label, r[key])
        if target is not None:
            g.merge_rel(rel, v, target)


def load_votes_by_party(g: Graph, r: dict) -> None:
    v, p = g.match("Vote", r["vote_id"]), g.match("Organization", r["org_id"])
    rk = g.merge_rel("VOTED", p, v, doc_id=r["doc_id"], vote_id=r["vote_id"], position=r["position"])
    g.set_rel(rk, party=r["party"], **_where(r))


def load_votes_by_person(g: Graph, r: dict) -> None:
    v, p = g.match("Vote", r["vote_id"]), g.match("Person", r["person_id"])
    rk = g.merge_rel("VOTED", p, v, doc_id=r["doc_id"], vote_id=r["vote_id"])
    g.set_rel(rk, position=r["position"], party=r["party"], **_where(r))


# ------------------------------------------------------------------ memberships
def load_memberships(g: Graph, r: dict) -> None:
    d, p = g.match("Document", r["doc_id"]), g.match("Person", r["person_id"])
    o = g.match("Organization", r["org_id"])
    m, _ = g.merge_node("Membership", "membership_id", r["membership_id"])
    g.set(m, role=r["role"], status=r["status"])
    g.merge_rel("HAS_MEMBERSHIP", p, m)
    g.merge_rel("IN_ORGANIZATION", m, o)
    g.set_rel(g.merge_rel("EVIDENCED_BY", m, d, line=r["line"]), quote=r["quote"], date=cypher_date(r["date"]),
              agenda_item_id=r["agenda_item_id"])


def _membership_line(rel: str, end_label: str, end_key: str, *also: str) -> Callable[[Graph, dict], None]:
    def write(g: Graph, r: dict) -> None:
        m = g.match("Membership", r["membership_id"])
        end = g.match(end_label, r[end_key], *also)
        g.set_rel(g.merge_rel(rel, m, end, doc_id=r["doc_id"], line=r["line"]), quote=r["quote"])
    return write


load_membership_party = _membership_line("ON_BEHALF_OF", "Organization", "party_id", "Party")
load_membership_municipality = _membership_line("REPRESENTS", "Municipality", "kommunekode")
load_replaces = _membership_line("REPLACES", "Membership", "replaced_membership_id")


def load_appoints(g: Graph, r: dict) -> None:
    x, m = g.match("Decision", r["decision_id"]), g.match("Membership", r["membership_id"])
    g.set_rel(g.merge_rel("APPOINTS", x, m, doc_id=r["doc_id"], line=r["line"]), quote=r["quote"])


# ------------------------------------------------------------------ what documents say about people and places
def load_attendance(g: Graph, r: dict) -> None:
    p, m = g.match("Person", r["person_id"]), g.match("Meeting", r["meeting_id"])
    g.set_rel(g.merge_rel("ATTENDED", p, m, doc_id=r["doc_id"]), status=r["status"], role=r["role"],
              stood_in_for=r["stood_in_for"], items=r["items"], **_where(r))


def _concerns(label: str) -> Callable[[Graph, dict], None]:
    def write(g: Graph, r: dict) -> None:
        a, t = g.match("AgendaItem", r["agenda_item_id"]), g.match(label, r["target"])
        g.set_rel(g.merge_rel("CONCERNS", a, t, doc_id=r["doc_id"]), **_where(r))
    return write


load_concerns_person = _concerns("Person")
load_concerns_organization = _concerns("Organization")
load_concerns_municipality = _concerns("Municipality")
load_concerns_region = _concerns("Region")


def load_seat_events(g: Graph, r: dict) -> None:
    a, o = g.match("AgendaItem", r["agenda_item_id"]), g.match("Organization", r["org_id"])
    rk = g.merge_rel("ABOUT_SEAT", a, o, doc_id=r["doc_id"], line=r["line"], status=r["status"],
                     party=r["party"] if r["party"] is not None else "")
    g.set_rel(rk, quote=r["quote"], invited_id=r["invited_id"])


def load_area_memberships(g: Graph, r: dict) -> None:
    mu, o = g.match("Municipality", r["kommunekode"]), g.match("Organization", r["org_id"])
    g.set_rel(g.merge_rel("MEMBER_OF", mu, o, doc_id=r["doc_id"]), **_where(r))


def load_unresolved(g: Graph, r: dict) -> None:
    d = g.match("Document", r["doc_id"])
    u, _ = g.merge_node("UnresolvedMention", "mention_id", r["mention_id"])
    g.set(u, name=r["name"], reason=r["reason"], doc_id=r["doc_id"], **_where(r))
    g.merge_rel("FOUND_IN", u, d)


def load_mentioned(g: Graph, r: dict) -> None:
    d, p = g.match("Document", r["doc_id"]), g.match("Person", r["person_id"])
    g.set_rel(g.merge_rel("MENTIONED_IN", p, d, line=r["line"]), doc_id=r["doc_id"], quote=r["quote"])


def _names(label: str) -> Callable[[Graph, dict], None]:
    def write(g: Graph, r: dict) -> None:
        d, t = g.match("Document", r["doc_id"]), g.match(label, r["ref_id"])
        g.set_rel(g.merge_rel("NAMES", d, t), doc_id=r["doc_id"], **_where(r))
    return write


load_names_organization = _names("Organization")
load_names_municipality = _names("Municipality")
load_names_region = _names("Region")


WRITERS: dict[str, Callable[[Graph, dict], None]] = {
    name: globals()[name] for name in (
        "reference_regions", "reference_municipalities", "load_organizations", "load_persons", "load_document",
        "load_review_organizations", "load_meeting", "load_agenda_items", "load_decisions", "load_votes",
        "load_votes_by_party", "load_votes_by_person", "load_memberships", "load_membership_party",
        "load_membership_municipality", "load_replaces", "load_appoints", "load_attendance",
        "load_concerns_person", "load_concerns_organization", "load_concerns_municipality", "load_concerns_region",
        "load_seat_events", "load_area_memberships", "load_unresolved", "load_mentioned",
        "load_names_organization", "load_names_municipality", "load_names_region")}

# The statements as they were when the functions above were written (statement_digest): db/bulk.py refuses
# to run when one differs, and tests/unit/test_bulk.py fails, until the function is brought in line.
EMULATED = {
    "reference_regions": "b348df633d20",
    "reference_municipalities": "cdeea3c70701",
    "load_organizations": "f924d184cf89",
    "load_persons": "42747817219a",
    "load_document": "778d6de5eceb",
    "load_review_organizations": "c1c588023e3d",
    "load_meeting": "07f8766af1f3",
    "load_agenda_items": "a723c10cadf0",
    "load_decisions": "514fcd2880ea",
    "load_votes": "f35389307e18",
    "load_votes_by_party": "87f354f59d02",
    "load_votes_by_person": "769deec4888d",
    "load_memberships": "0b71cc77f7e1",
    "load_membership_party": "0c31d13bc097",
    "load_membership_municipality": "717093244dd2",
    "load_replaces": "a8e8d621ce7c",
    "load_appoints": "3bf39ee87270",
    "load_attendance": "b1b3a4f1c21d",
    "load_concerns_person": "6934005c1bd6",
    "load_concerns_organization": "06fc6150e4d5",
    "load_concerns_municipality": "817f11a8311a",
    "load_concerns_region": "360a26f2bde5",
    "load_seat_events": "8dbad1487a26",
    "load_area_memberships": "d0d852cd56ad",
    "load_unresolved": "925300d1b5e2",
    "load_mentioned": "249e892e5ad8",
    "load_names_organization": "48c1d5094a6f",
    "load_names_municipality": "38fa8d42c74a",
    "load_names_region": "0a97b5a8ec27",
}


def statement_digest(name: str) -> str:
    """A short digest of cypher/<name>.cypher without its comment lines (what EMULATED pins)."""
    text = "\n".join(line for line in statement(name).splitlines() if not line.strip().startswith("//"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def apply_rows(g: Graph, name: str, rows: list[dict], doc_id: Optional[str] = None) -> None:
    """Statement `name` over `rows` (each with its doc_id, or `doc_id` for all): RowRefused names the row."""
    write = WRITERS.get(name)
    if write is None:
        raise RowRefused(f"{name}: no bulk form of this statement")
    for r in rows:
        try:
            write(g, r if doc_id is None else {**r, "doc_id": doc_id})
        except RowRefused as exc:
            raise RowRefused(f"{name}: {exc} (row: {r})") from None
