"""Sentences that run over a line end: two lines read once more, joined."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import QUOTE_MAX, Line
from .state import SIGNOFF, State, doc_of

# ------------------------------------------------------- sentences over two lines
_ENDS_SENTENCE = re.compile(r"[.!?:;]\W*$")
_CROSS_KEYS = (("gb_person_roles", lambda r: (r["name"], r["role"])), ("gb_reports", lambda r: (r["name"],)),
               ("gb_appointments", lambda r: (r["kind"], r.get("seat"), r.get("name"))))


def _window(text: str, at: int) -> str:
    """text, or when it is longer than a quote, a stretch of whole words around position `at` (a name)."""
    if len(text) <= QUOTE_MAX:
        return text
    start = max(0, min(at - QUOTE_MAX // 2, len(text) - QUOTE_MAX))
    if start:
        sp = text.find(" ", start)
        start = sp + 1 if 0 <= sp < at else start
    return text[start:start + QUOTE_MAX]


def across_lines(st: State, body: list[Line]) -> dict[int, tuple[Line, dict[str, list]]]:
    """What the role, report and appointment components find only in a sentence running over a line end
    ("... orienterer næstformand i Sundhedskoordinationsudvalget," / "Sisse Marie Welling, nærmere ...").

    Each pair of consecutive lines where the first does not end a sentence is read once more, joined; a
    finding neither line shows alone is kept for the line where the person's name starts (its Evidence.line),
    with the joined text as its quote.  Returns {index in body: (evidence Line, {extension: [findings]})}.
    """
    key = ("across", tuple(ln.line for ln in body))
    if key in st.parsed:
        return st.parsed[key]
    out: dict[int, tuple[Line, dict[str, list]]] = {}
    pairs = []
    for i in range(len(body) - 1):
        a, b = body[i].text.strip(), body[i + 1].text.strip()
        if len(a.split()) < 4 or _ENDS_SENTENCE.search(a) or SIGNOFF.match(a) or SIGNOFF.match(b):
            continue
        joined = a + " " + b
        if st.gate.may_place_person(joined):
            pairs.append((i, joined, len(a) + 1))
    if pairs:
        docs = []
        for _, joined, _ in pairs:
            d = st.nlp.make_doc(joined)
            d.user_data["gb_text"] = joined
            docs.append(d)
        for (i, joined, cut), d in zip(pairs, st.nlp.pipe(docs)):
            alone = [x for x in (doc_of(st, body[i]), doc_of(st, body[i + 1])) if x is not None]
            first = doc_of(st, body[i])
            for ext, keyf in _CROSS_KEYS:
                have = {keyf(r) for x in alone for r in (getattr(x._, ext) or [])}
                for r in getattr(d._, ext) or []:
                    if keyf(r) in have:
                        continue
                    have.add(keyf(r))
                    # "… næstformand i Movia, Sisse Marie" / "Welling, …": the whole name replaces the cut one
                    for x in (getattr(first._, ext) or []) if first is not None and r.get("name") else []:
                        cut_name = x.get("name") or ""
                        if (cut_name and r["name"].startswith(cut_name + " ") and x["start"] == r["start"]
                                and body[i].text.rstrip().endswith(cut_name)):
                            st.superseded.add((body[i].line, ext, cut_name))
                    j = i if r["start"] < cut else i + 1
                    slot = out.setdefault(j, (replace(body[j], text=_window(joined, r["start"])), {}))
                    slot[1].setdefault(ext, []).append(dict(r, start=r["start"] - (0 if j == i else cut)))
    st.parsed[key] = out
    return out

