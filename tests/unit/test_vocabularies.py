"""The closed vocabularies of graphbuild/model.py (statuses, kinds, outcomes) and the roles of
graphbuild/data/roles.csv are the only ones code and Cypher use: every such string literal in cypher/ and
queries/, and every constant the code gives a Literal-typed field of a model record, is a member."""
from __future__ import annotations

import ast
import dataclasses
import re
import typing
from pathlib import Path

import pytest

from graphbuild import model
from graphbuild.gazetteer import load_gazetteer
from graphbuild.model import (AttendanceStatus, DecisionOutcome, MembershipStatus, OrgKind, SeatStatus,
                              VoteOutcome, vocabulary)

ROOT = Path(__file__).resolve().parents[2]
CYPHER = sorted((ROOT / "cypher").glob("*.cypher")) + sorted((ROOT / "queries").rglob("*.cypher"))
STATUSES = vocabulary(MembershipStatus) | vocabulary(AttendanceStatus) | vocabulary(SeatStatus)
ROLES = frozenset(load_gazetteer().roles.values())  # canonical roles


def _cypher() -> str:
    # comments say what statements do in words ("a member listed as ..."): only the statements count
    return "\n".join(re.sub(r"//.*", "", p.read_text(encoding="utf-8")) for p in CYPHER)


def _listed(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def cypher_literals(field: str) -> list[str]:
    """Every string literal the Cypher compares a `field` property (status, role, kind) with."""
    text = _cypher()
    found = re.findall(rf"\b{field}\s*(?:=|<>|:)\s*'([^']*)'", text)
    found += [v for v in re.findall(rf"coalesce\([\w.]*\b{field}, '([^']*)'\)", text) if v]
    for group in re.findall(rf"coalesce\([\w.]*\b{field}, '[^']*'\)\s+IN\s+\[([^\]]*)\]", text):
        found += _listed(group)
    found += re.findall(rf"'([^']*)' IN {field}es\b", text)  # 'present' IN statuses
    return found


def test_every_status_in_cypher_is_in_the_model():
    found = cypher_literals("status")
    assert {"resigned", "member", "present", "absent", "proposed"} <= set(found)  # the scan sees them
    assert set(found) <= STATUSES, sorted(set(found) - STATUSES)


def test_every_role_in_cypher_is_a_canonical_role():
    found = cypher_literals("role")
    assert {"medlem", "formand", "næstformand"} <= set(found)
    assert set(found) <= ROLES, sorted(set(found) - ROLES)


def test_every_organisation_kind_in_cypher_is_in_the_model():
    found = re.findall(r"\.kind\s*=\s*'([^']*)'", _cypher())
    assert set(found) == vocabulary(OrgKind)


# ------------------------------------------------------------------ code
def _literal_fields() -> dict[str, dict[str, frozenset]]:
    """record name -> {field: its vocabulary} for every model record with Literal-typed fields."""
    out = {}
    for name, obj in vars(model).items():
        if dataclasses.is_dataclass(obj) and isinstance(obj, type):
            hints = typing.get_type_hints(obj)
            fields = {}
            for f, t in hints.items():
                args = [a for a in typing.get_args(t) if a is not type(None)] if typing.get_origin(t) is typing.Union \
                    else [t]
                for a in args:
                    if typing.get_origin(a) is typing.Literal:
                        fields[f] = vocabulary(a)
            if fields:
                out[name] = fields
    return out


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            yield name, node


SOURCES = sorted((ROOT / "graphbuild").rglob("*.py"))


def test_constants_given_to_model_records_are_in_their_vocabularies():
    fields = _literal_fields()
    assert {"MembershipFact", "SeatFact", "AttendanceFact", "DecisionFact", "OrgRef"} <= set(fields)
    seen, bad = 0, []
    for path in SOURCES:
        for name, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            for kw in call.keywords if name in fields else ():
                if kw.arg in fields[name] and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    seen += 1
                    if kw.value.value not in fields[name][kw.arg]:
                        bad.append(f"{path.relative_to(ROOT)}:{call.lineno} {name}({kw.arg}={kw.value.value!r})")
    assert seen >= 10 and not bad, bad


def test_status_and_outcome_comparisons_in_code_use_the_vocabulary():
    vocab = {"status": STATUSES | vocabulary(model.LoadStatus), "outcome": vocabulary(DecisionOutcome) | vocabulary(VoteOutcome)}
    seen, bad = 0, []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute)
                    and node.left.attr in vocab):
                continue
            for c in node.comparators:
                consts = [c] if isinstance(c, ast.Constant) else list(getattr(c, "elts", []))
                for k in consts:
                    if isinstance(k, ast.Constant) and isinstance(k.value, str):
                        seen += 1
                        if k.value not in vocab[node.left.attr]:
                            bad.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.left.attr} vs {k.value!r}")
    assert seen >= 3 and not bad, bad


@pytest.mark.parametrize("literal", [MembershipStatus, SeatStatus, AttendanceStatus, DecisionOutcome, VoteOutcome,
                                     OrgKind])
def test_vocabularies_are_plain_lower_case_words(literal):
    assert all(re.fullmatch(r"[a-z_]+", w) for w in vocabulary(literal))


def test_role_words_in_code_are_in_roles_csv():
    """Role constants given to facts are canonical roles; word lists named *ROLE* hold only roles.csv words."""
    words = ROLES | frozenset(load_gazetteer().roles)
    seen, bad = 0, []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, call in _calls(tree):
            for kw in call.keywords if name in ("MembershipFact", "AttendanceFact") else ():
                if kw.arg == "role" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    seen += 1
                    if kw.value.value not in ROLES:
                        bad.append(f"{path.relative_to(ROOT)}:{call.lineno} role={kw.value.value!r}")
        for node in tree.body:
            targets = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
            if (isinstance(node, ast.Assign) and any("ROLE" in t and "HTML" not in t for t in targets)
                    and isinstance(node.value, (ast.Set, ast.List, ast.Tuple, ast.Dict))):  # HTML: ARIA roles
                for k in _strings(node.value):
                    seen += 1
                    if k.lower() not in words:
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno} {targets[0]} has {k!r}")
    assert seen >= 1 and not bad, bad


def _collections(tree: ast.AST):
    """(assignment, target names) for every set/list/tuple/dict literal assigned to a name, at any depth."""
    for node in ast.walk(tree):
        value = getattr(node, "value", None)
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(value, (ast.Set, ast.List, ast.Tuple,
                                                                                 ast.Dict, ast.Call)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            yield node, [t.id if isinstance(t, ast.Name) else getattr(t, "attr", "") for t in targets]


def _strings(node: ast.AST) -> list[str]:
    return [k.value for k in ast.walk(node) if isinstance(k, ast.Constant) and isinstance(k.value, str)]


def _role_words_folded() -> frozenset[str]:
    from graphbuild.evaluate.normalise import fold, gold_role_words

    gz = load_gazetteer()
    return frozenset(fold(w) for w in (*gz.roles, *gz.roles.values(), *gold_role_words())) - {""}


def role_literal_lists(tree: ast.AST, roles: frozenset[str]) -> list[tuple[int, list[str]]]:
    """Collections written in code that hold two or more role words (any name, any module): a role word list
    that came back from graphbuild/data/roles.csv (or gold_role_words.csv) into Python."""
    from graphbuild.evaluate.normalise import fold

    # two role words and at least half of the list: a role list, not stop words with a few roles
    return word_lists(tree, lambda s: fold(s) in roles, min_hits=2)


def word_lists(tree: ast.AST, is_listed, min_hits: int, split: bool = False) -> list[tuple[int, list[str]]]:
    """(line, words) of each collection in code of which `min_hits` or more words, and at least half, are
    listed words (split: a literal string is split into words first, for `"a b c".split()` lists)."""
    out = []
    for node, _ in _collections(tree):
        strings = _strings(node.value)
        if split:
            strings = [w for s in strings for w in s.split()]
        hits = sorted({s for s in strings if is_listed(s)})
        if len(hits) >= min_hits and len(hits) * 2 >= len(set(strings)):
            out.append((node.lineno, hits))
    return out


def test_no_role_word_list_in_code():
    """Every role word list lives once, in graphbuild/data/ (roles.csv; the scorer's gold_role_words.csv): a
    set, list, tuple or dict in graphbuild/ holding two or more role words fails, whatever it is named."""
    roles = _role_words_folded()
    bad = [f"{p.relative_to(ROOT)}:{line} {hits}" for p in SOURCES
           for line, hits in role_literal_lists(ast.parse(p.read_text(encoding="utf-8")), roles)]
    assert not bad, bad


def test_the_role_list_scan_sees_a_list_that_comes_back():
    roles = _role_words_folded()
    code = 'TITLES = {"overborgmester", "rådmand"}\ndef f():\n    m = dict(chair="x", formand="y")\n    return m\n'
    found = role_literal_lists(ast.parse(code), roles)
    assert [line for line, _ in found] == [1] and found[0][1] == ["overborgmester", "rådmand"]
    assert role_literal_lists(ast.parse('ROLES = {"formand": "formand"}'), roles) == []  # one word, twice


def _name_list_words() -> frozenset[str]:
    import csv

    text = (ROOT / "graphbuild" / "data" / "name_words.csv").read_text(encoding="utf-8")
    return frozenset(r["word"] for r in csv.DictReader(text.splitlines()) if len(r["word"]) > 2)


def name_literal_lists(tree: ast.AST, words: frozenset[str]) -> list[tuple[int, list[str]]]:
    """Collections written in code (words in a literal, or a literal string split into words) of which three or
    more, and at least half, are words of graphbuild/data/name_words.csv: a name word list back in Python."""
    return word_lists(tree, words.__contains__, min_hits=3, split=True)


def test_no_name_word_list_in_code():
    """The words that tell a person's name from an organisation, a place or a heading live once, in
    graphbuild/data/name_words.csv (read by graphbuild/nlp/lexicon.py)."""
    words = _name_list_words()
    bad = [f"{p.relative_to(ROOT)}:{line} {hits[:5]}" for p in SOURCES
           for line, hits in name_literal_lists(ast.parse(p.read_text(encoding="utf-8")), words)]
    assert not bad, bad


def test_the_name_list_scan_sees_a_list_that_comes_back():
    words = _name_list_words()
    code = 'STOP = frozenset("Skole Skolen Vejen Gade".split())\nENDS = ("værket", "selskab", "forsyning", "x")\n'
    assert [line for line, _ in name_literal_lists(ast.parse(code), words)] == [1, 2]
    assert name_literal_lists(ast.parse('MONTHS = ("januar", "februar", "marts")'), words) == []


def _calendar_words() -> frozenset[str]:
    import csv

    text = (ROOT / "graphbuild" / "data" / "calendar_words.csv").read_text(encoding="utf-8")
    return frozenset(r["word"] for r in csv.DictReader(text.splitlines()) if len(r["word"]) > 3)


def _alternatives(pattern: str) -> list[str]:
    """The alternatives of the regex alternations in a string, as words: r"^(?:mandag|tirsdag)\\b" ->
    ["mandag", "tirsdag"] (escapes, groups and character classes dropped); [] when it has no '|'."""
    if "|" not in pattern:
        return []
    cleaned = re.sub(r"\\[a-zA-Z]|\[[^\]]*\]|\(\?:|[()?*+^${}]", " ", pattern.lower())
    cleaned = re.sub(r"\\(.)", r"\1", cleaned)  # r"dok\." -> "dok."
    return [" ".join(a.split()) for a in cleaned.split("|")]


def listed_in_code(tree: ast.AST, words: frozenset[str], min_hits: int = 3) -> list[int]:
    """Lines where `min_hits` or more listed words are written in code: in a collection, or as the
    alternatives of a regex ("mandag|tirsdag|onsdag"); prose that names them is not a list."""
    lines = [line for line, _ in word_lists(tree, lambda w: w.lower() in words, min_hits=min_hits, split=True)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if len({a for a in _alternatives(node.value) if a in words}) >= min_hits:
                lines.append(node.lineno)
    return sorted(set(lines))


def test_the_calendar_scan_sees_a_list_that_comes_back():
    words = _calendar_words()
    code = ('X = re.compile(r"^(?:mandag|tirsdag|onsdag)\\b")\nM = ("januar", "februar", "marts")\nY = "maj"\n'
            'def f():\n    """Held 7. januar, 4. februar and 3. marts."""\n')
    assert listed_in_code(ast.parse(code), words) == [1, 2]


def _section_headings() -> frozenset[str]:
    import csv

    text = (ROOT / "graphbuild" / "data" / "section_words.csv").read_text(encoding="utf-8")
    # seven letters or more: "åben" and "lukket" also make an item's status shape ("(Åben) Title"), and short case
    # labels ("j. nr") are too few to tell a list from a pattern
    return frozenset(r["heading"] for r in csv.DictReader(text.splitlines()) if len(r["heading"]) >= 7)


def test_the_section_scan_sees_a_list_that_comes_back():
    words = _section_headings()
    code = ('S = re.compile(r"^(?:sagsfremstilling|resum[eé]|beslutning|indstilling)\\b", re.I)\n'
            'N = {"baggrund": "Baggrund", "sagsfremstilling": "Sagsfremstilling", "indstilling": "Indstilling"}\n'
            'T = re.compile(r"\\s+(?:dok\\.?\\s*nr|sagsid|sags?\\s*nr)")\n')
    assert listed_in_code(ast.parse(code), words) == [1, 2]
    assert listed_in_code(ast.parse('T = re.compile(r"(?:dok\\.?\\s*nr|sagsid|sags?\\s*nr|økonomi)")'), words) == [1]
    assert _alternatives(r"\budsat\b|\budsætte\b|(?:til\s+efterretning)") == ["udsat", "udsætte", "til efterretning"]


def _organisation_words() -> frozenset[str]:
    """The body nouns of org_words.csv and the name endings of org_forms.csv (five letters or more: "råd" and
    "havn" are also parts of other words)."""
    import csv

    data = ROOT / "graphbuild" / "data"
    rows = [line for line in (data / "org_words.csv").read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    nouns = {r["word"].lower() for r in csv.DictReader(rows) if r["list"] not in {"stop", "not_stop", "terminator",
                                                                                   "org_stop", "kind_before"}}
    endings = {r["ending"] for r in csv.DictReader((data / "org_forms.csv").read_text(encoding="utf-8").splitlines())}
    return frozenset(w for w in nouns | endings if len(w) >= 5)


def test_the_organisation_scan_sees_a_list_that_comes_back():
    words = _organisation_words()
    code = ('B = r"(?:bestyrelse|repræsentantskab|formandskab|direktion|styregruppe)"\n'
            '_BOARDS = {"bestyrelsen", "repræsentantskabet", "direktionen"}\n'
            'S = re.compile(r"(?:råd|rådet|bestyrelsen?|udvalg|udvalget)\\b")\n')
    assert listed_in_code(ast.parse(code), words) == [1, 2, 3]


def _party_names() -> frozenset[str]:
    from graphbuild.nlp.lexicon import party_names

    return frozenset(n for n in party_names() if len(n) >= 5)


def test_the_party_scan_sees_a_list_that_comes_back():
    code = 'P = r"(?P<party>Socialdemokratiet|Radikale Venstre|Det Konservative Folkeparti|Venstre)"\n'
    assert listed_in_code(ast.parse(code), _party_names()) == [1]


def _section_and_decision_words() -> frozenset[str]:
    import csv

    decision = (ROOT / "graphbuild" / "data" / "decision_words.csv").read_text(encoding="utf-8")
    return _section_headings() | {r["phrase"] for r in csv.DictReader(decision.splitlines()) if len(r["phrase"]) >= 7}


# vocabulary -> (its words, where they live): a list of them written in code fails
WORD_LISTS = {
    "calendar": (_calendar_words, "graphbuild/data/calendar_words.csv (read by meeting/dates.py)"),
    "section headings and decision phrases": (_section_and_decision_words,
                                              "section_words.csv (meeting/sections.py) and decision_words.csv"),
    "organisation nouns": (_organisation_words, "org_words.csv and org_forms.csv (gazetteer.org_words)"),
    "party names": (_party_names, "parties.csv (names, short names, aliases)"),
}


@pytest.mark.parametrize("vocabulary", sorted(WORD_LISTS))
def test_no_word_list_in_code(vocabulary):
    """Each of these word lists lives once, in graphbuild/data/: three or more of its words written in code, as a
    collection or as a regex alternation, fail here (prose that names them does not)."""
    words, home = WORD_LISTS[vocabulary]
    bad = [f"{p.relative_to(ROOT)}:{line}" for p in SOURCES
           for line in listed_in_code(ast.parse(p.read_text(encoding="utf-8")), words())]
    assert not bad, f"{vocabulary} belong in {home}: {bad}"
