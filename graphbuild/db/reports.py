"""Saved, parameterised, read-only reports: one .cypher file each, with a header.

Header format (comment lines at the top of the file):

    // name: who-represents
    // question: Who represents municipality $municipality where?
    // param: municipality string "Rudersdal"  (name, type, example; types: string, int, float, bool, date)
    // param: limit int? 25 how many rows   (a type ending in "?" is optional: its example is the default)
    // columns: person, party, body, role, since, doc, line, quote

Reports come from the bundled queries/ folder, then any folder given with
--reports-dir or $GRAPHBUILD_REPORTS (os.pathsep-separated); a later folder's report
overrides a bundled one with the same name, and every command that shows or runs it says so
(`Report.shadow_warning`).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

import neo4j

from ..errors import GraphbuildError
from .statements import project_folder, statement

PARAM_TYPES = ("string", "int", "float", "bool", "date", "list")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ReportError(GraphbuildError):
    """Unknown report, bad header, or a missing / badly typed parameter."""


@dataclass
class Param:
    name: str
    type: str
    example: Any
    description: str = ""
    optional: bool = False  # written "int?" in the header; when not given, the example is used

    def to_dict(self) -> dict:
        """What `report list --format json` shows of a parameter. `example`: for an optional parameter, the
        value used when it is not given."""
        return dict(name=self.name, type=self.type, optional=self.optional, example=self.example,
                    description=self.description)

    @property
    def signature(self) -> str:
        """'limit (int, optional, default 25)' or 'municipality (string)'."""
        if self.optional and self.example is None:
            return f"{self.name} ({self.type}, optional)"
        if self.optional:
            return f"{self.name} ({self.type}, optional, default {json.dumps(self.example, ensure_ascii=False)})"
        return f"{self.name} ({self.type})"


@dataclass
class Report:
    name: str
    question: str
    params: list[Param]
    columns: list[str]
    cypher: str
    path: Path
    notes: list[str] = field(default_factory=list)
    shadows: Optional[Path] = None  # the report file of the same name this one replaces (a user's over a bundled one)

    @property
    def shadow_warning(self) -> Optional[str]:
        if self.shadows is None:
            return None
        return f"warning: report {self.name!r} from {self.path} replaces the bundled one ({self.shadows})"

    def convert(self, given: dict[str, str]) -> dict[str, Any]:
        """CLI strings -> typed parameter values; one-line errors name the parameter."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            hint = did_you_mean(unknown[0], list(known))
            raise ReportError(f"report {self.name!r} has no parameter {unknown[0]!r}{hint} "
                              f"(it takes: {', '.join(known) or 'none'})")
        values = {}
        for p in self.params:
            if p.name not in given and p.optional:
                values[p.name] = p.example
                continue
            if p.name not in given:
                raise ReportError(f"report {self.name!r} needs parameter {p.name!r} ({p.type}), e.g. -p {p.name} {json.dumps(p.example, ensure_ascii=False)}")
            values[p.name] = convert_value(self.name, p, given[p.name])
        return values

    def example_params(self) -> dict[str, Any]:
        return {p.name: p.example for p in self.params}


def convert_value(report: str, p: Param, raw: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    try:
        if p.type == "int":
            return int(raw)
        if p.type == "float":
            return float(raw)
        if p.type == "bool":
            if raw.lower() in ("true", "yes", "1"):
                return True
            if raw.lower() in ("false", "no", "0"):
                return False
            raise ValueError(raw)
        if p.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise ValueError(raw)
            return raw
        if p.type == "list":
            return [s.strip() for s in raw.split(",") if s.strip()]
        return raw
    except ValueError:
        raise ReportError(f"report {report!r}: parameter {p.name!r} must be {p.type}, got {raw!r}") from None


def parse_report(path: Path) -> Report:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, Any] = {"params": [], "notes": []}
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("//"):
            if s:
                break
            continue
        body = s[2:].strip()
        key, sep, value = body.partition(":")
        key, value = key.strip().lower(), value.strip()
        if not sep:
            meta["notes"].append(body)
        elif key == "name":
            meta["name"] = value
        elif key == "question":
            meta["question"] = value
        elif key == "columns":
            meta["columns"] = [c.strip() for c in value.split(",") if c.strip()]
        elif key == "param":
            m = re.match(r"(\w+)\s+(\w+)(\??)\s+(\"[^\"]*\"|\S+)\s*(.*)$", value)
            if not m or m.group(2) not in PARAM_TYPES:
                raise ReportError(f"{path}: bad param line {value!r} (want: NAME TYPE[?] EXAMPLE [description])")
            example = m.group(4)
            try:
                example = json.loads(example)
            except ValueError:
                pass
            param = Param(m.group(1), m.group(2), example, m.group(5).strip(), optional=bool(m.group(3)))
            if param.optional:  # the example is the default, so it must already be a valid value
                param.example = convert_value(path.stem, param, example)
            meta["params"].append(param)
        else:
            meta["notes"].append(body)
    name = meta.get("name") or path.stem
    if not NAME_RE.match(name):
        raise ReportError(f"{path}: report name {name!r} must be lower-case letters, digits, - or _")
    if "question" not in meta:
        raise ReportError(f"{path}: header lacks a '// question:' line")
    return Report(name, meta["question"], meta["params"], meta.get("columns", []), text, path, meta["notes"])


def bundled_dir() -> Path:
    return project_folder("queries")


def report_dirs(extra: Optional[Sequence[str]] = None) -> list[Path]:
    dirs = [bundled_dir()]
    env = os.environ.get("GRAPHBUILD_REPORTS")
    if env:
        dirs += [Path(d) for d in env.split(os.pathsep) if d]
    dirs += [Path(d) for d in (extra or [])]
    return dirs


def list_reports(extra_dirs: Optional[Sequence[str]] = None) -> list[Report]:
    found: dict[str, Report] = {}
    for d in report_dirs(extra_dirs):
        if not d.is_dir():
            raise ReportError(f"reports folder {d} does not exist")
        for f in sorted(d.glob("*.cypher")):
            r = parse_report(f)
            if r.name in found:
                r.shadows = found[r.name].shadows or found[r.name].path
            found[r.name] = r
    return [found[k] for k in sorted(found)]


def get_report(name: str, extra_dirs: Optional[Sequence[str]] = None) -> Report:
    # A name is looked up among the parsed reports, never used as a path, so
    # "../../etc/passwd" cannot reach outside the reports folders.
    if not NAME_RE.match(name or ""):
        raise ReportError(f"unknown report {name!r}: report names are lower-case letters, digits, - or _ (see `graphbuild report list`)")
    reports = list_reports(extra_dirs)
    for r in reports:
        if r.name == name:
            return r
    hint = did_you_mean(name, [r.name for r in reports])
    raise ReportError(f"unknown report {name!r}{hint} (see `graphbuild report list`)")


def close_matches(query: str, choices: Sequence[str], limit: int = 3, cutoff: float = 70) -> list[str]:
    """The choices most like `query` (rapidfuzz WRatio, case-insensitive), best first."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(query, list(dict.fromkeys(choices)), scorer=fuzz.WRatio,
                            processor=utils.default_process, limit=limit, score_cutoff=cutoff)
    return [choice for choice, _score, _i in found]


def did_you_mean(query: str, choices: Sequence[str]) -> str:
    """'; did you mean "x"?' / '; did you mean "x" or "y"?', or '' when nothing is close."""
    return _suggest(close_matches(query, choices))


def _suggest(best: Sequence[str]) -> str:
    if not best:
        return ""
    quoted = [json.dumps(b, ensure_ascii=False) for b in best]
    return "; did you mean " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "?"


README_START, README_END = "<!-- reports:start -->", "<!-- reports:end -->"


def readme_table(reports: Sequence[Report]) -> str:
    """The README's table of saved reports (between its reports:start/end markers);
    `python scripts/readme_reports.py` writes it, tests/unit/test_docs.py checks it is current."""
    lines = ["| report | question | parameters |", "| --- | --- | --- |"]
    for r in reports:
        params = ", ".join(p.signature for p in r.params) or "–"
        lines.append(f"| `{r.name}` | {r.question} | {params} |")
    return "\n".join(lines) + "\n"


def with_readme_table(readme: str, reports: Sequence[Report]) -> str:
    """`readme` with the text between the markers replaced by readme_table(reports)."""
    head, sep1, rest = readme.partition(README_START)
    _, sep2, tail = rest.partition(README_END)
    if not (sep1 and sep2):
        raise ReportError(f"README lacks the {README_START} / {README_END} markers")
    return f"{head}{README_START}\n{readme_table(reports)}\n{README_END}{tail}"


def run_read(driver: neo4j.Driver, cypher: str, params: dict, database: Optional[str] = None) -> tuple[list[str], list[dict]]:
    """Run one statement in a READ transaction; the server refuses any write.

    The statement is planned first (EXPLAIN, nothing runs) and refused, with a one-line
    StatementRefused, when its plan loads CSV, manages transactions, administers the DBMS or calls
    a procedure outside the allow-list (graphbuild/db/guard.py).
    """
    from .guard import StatementRefused, refusal

    explained = "EXPLAIN " + cypher

    def work(tx):
        plan = tx.run(explained, params).consume().plan
        why = refusal(plan)
        if why:
            raise StatementRefused(why)
        result = tx.run(cypher, params)
        records = [r.data() for r in result]
        return list(result.keys()), records

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(work)


def run_report(driver: neo4j.Driver, report: Report, params: dict, database: Optional[str] = None):
    defaults = {p.name: p.example for p in report.params if p.optional}
    columns, rows = run_read(driver, report.cypher, {**defaults, **params}, database)
    return (report.columns or columns), rows


# ------------------------------------------------------------------ "did you mean" for names
# A report parameter that names a thing, and the kinds of thing it may name.
NAMED_PARAMS = {
    "person": ("person", ["person"]),
    "body": ("body or council", ["organization"]),
    "council": ("council", ["council"]),
    "municipality": ("municipality", ["municipality"]),
    "region": ("region", ["region"]),
    "name": ("body, council or municipality", ["organization", "municipality"]),
}


def names_of_kind(driver: neo4j.Driver, kind: str, database: Optional[str] = None) -> list[tuple[str, list[str]]]:
    """(name, other spellings) of every node of `kind`, read with cypher/names_of_kind.cypher."""
    _, rows = run_read(driver, statement("names_of_kind"), {"kind": kind}, database)
    return [(r["name"], [str(x) for x in r["other"] or []]) for r in rows if r["name"]]


def unmatched_names(driver: neo4j.Driver, report: Report, values: dict, database: Optional[str] = None) -> list[str]:
    """For a report that returned no rows: one line per name parameter that matches nothing in
    the graph (not exactly, not as a part of a name), with the closest names, e.g.
    'no person named "Jakob Neteberg"; did you mean "Jacob Netteberg"?'."""
    messages = []
    for p in report.params:
        value = values.get(p.name)
        if p.name not in NAMED_PARAMS or not isinstance(value, str) or not value.strip():
            continue
        what, kinds = NAMED_PARAMS[p.name]
        spelled: dict[str, str] = {}  # any spelling -> the name to suggest
        for kind in kinds:
            for name, other in names_of_kind(driver, kind, database):
                for s in [name, *other]:
                    spelled.setdefault(s, name)
        q = value.strip().lower()
        if any(q == s.lower() or (len(q) >= 3 and q in s.lower()) for s in spelled):
            continue  # the name is known: the empty answer is about something else
        best = close_matches(value.strip(), list(spelled), limit=6)
        hint = _suggest(list(dict.fromkeys(spelled[b] for b in best))[:3])
        messages.append(f"no {what} named {json.dumps(value.strip(), ensure_ascii=False)}{hint}")
    return messages
