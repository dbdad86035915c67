"""Tables of contents flattened onto one line: a PDF page as text (docplayer and the like) glues a table of
contents' titles together once its dot leaders and page numbers are gone:

  "Sager til beslutning: Afdækning af risici ifm. oliepriser Håndtering af produkter, der ... Overførsel af ..."
  "1. Godkendelse af dagsorden Formulering i retningslinjer om ... Godkendelse af Vækststrategi Opfølgning på ..."

A title begins with a capitalised word; a capitalised word continues the title before it when the word before it
links it (a preposition or conjunction: "i Svendborg", "af FynBus") or when it is a municipality's name
("bygherre Frederikssund Kommune"). The words come from graphbuild/data/item_words.csv (kind `title_link`) and
name_words.csv (`function_word`); municipality names from municipalities.csv. Only lines cut out of a flattened
page are read so (Line.column is set): on an ordinary page every title has its own line.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, Optional

from ..model import Line

_WORD = re.compile(r"\S+")
_CAP = re.compile(r"^[A-ZÆØÅ][a-zæøå]")
_TRAILER = re.compile(r"\s+(?:Side\s+\d+(?:\s+af\s+\d+)?|/\d+|\d{1,3})\s*$")
_PAGE = re.compile(r"\s\d{1,3}$")  # a title ending in a bare number: a page number left in the run
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
# a contents table's column heads: "Pkt. Tekst Side", "Punkt Titel Side"
_TABLE_HEAD = re.compile(r"^(?:pkt\.?|punkt|nr\.?)\s+(?:tekst|titel|emne|overskrift|sag)\s+side\b\s*", re.I)
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(?=[A-ZÆØÅ])")
MIN_TITLES = 2  # a run holds at least two titles (one title is an ordinary heading)
MAX_TITLE_WORDS = 16


@dataclass
class RunTitle:
    index: int              # the line's position in the document's lines
    number: Optional[str]   # the number printed before the run's first title, if any
    title: str


def _data(name: str) -> str:
    return resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def item_words() -> dict[str, tuple[str, ...]]:
    """graphbuild/data/item_words.csv: kind -> phrases (lower case)."""
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(_data("item_words.csv"))):
        out.setdefault(row["kind"], []).append(row["phrase"].strip().lower())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def title_links() -> frozenset[str]:
    """Words that link what follows to the title before them (a title does not end in one)."""
    function_words = {r["word"].lower() for r in csv.DictReader(io.StringIO(_data("name_words.csv")))
                      if r["list"] == "function_word"}
    return frozenset(function_words | set(item_words().get("title_link", ())))


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    names = set()
    for r in csv.DictReader(io.StringIO(_data("municipalities.csv"))):
        names.update(a.split()[0].lower() for a in [r["short_name"], *r["aliases"].split("|")] if a)
    return frozenset(names | set(item_words().get("place_word", ())))


def _alt(kind: str) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(item_words()[kind], key=len, reverse=True))


@lru_cache(maxsize=1)
def _label_rx() -> re.Pattern:
    """A contents heading ("Indholdsfortegnelse"), or a group label with its colon ("Sager til beslutning:")."""
    return re.compile(rf"^(?:(?:{_alt('toc_heading')})\b\s*:?|(?:{_alt('toc_label')})\s*:)\s*", re.I)


def _starts_title(prev: str, word: str) -> bool:
    if not _CAP.match(word) or word.rstrip(",.").lower() in _places():
        return False
    p = prev.lower().rstrip(".,:")
    return not (p in title_links() or prev in ("-", "–") or prev.endswith(","))


def _cut(title: str) -> bool:
    """A title the run cut short: it ends in a linking word or in a word a number should follow ("Budgetopfølgning
    nr")."""
    last = title.split()[-1].lower().rstrip(".")
    return last in title_links() or last in item_words().get("cut_end", ())


def split_run(text: str) -> list[str]:
    """The titles glued in `text`, in order."""
    words = _WORD.findall(_TRAILER.sub("", text.strip()))
    titles: list[list[str]] = []
    for k, w in enumerate(words):
        if not titles or _starts_title(words[k - 1], w):
            titles.append([w])
        else:
            titles[-1].append(w)
    return [" ".join(t).rstrip(" .:;-–") for t in titles]


def _accepted(titles: list[str]) -> bool:
    return len(titles) >= MIN_TITLES and not any(len(t.split()) > MAX_TITLE_WORDS or not _CAP.match(t) or _PAGE.search(t)
                                                 for t in titles)  # not a sentence, nor a table's numbers


def _table_rows(text: str) -> list[tuple[str, str]]:
    """A contents table flattened onto a line, "Pkt. Tekst Side [group] 14 Title 3 15 Title 4 16 Title Title 21 ...":
    (number, titles) rows, each row a number, its title(s) and a page number; text after the last row is not read."""
    words = _WORD.findall(text)
    rows: list[tuple[str, str]] = []
    k = next((j for j, w in enumerate(words) if _ROW_NUMBER.match(w)), len(words))
    while k < len(words) and _ROW_NUMBER.match(words[k]):
        end = next((j for j in range(k + 1, len(words)) if _ROW_NUMBER.match(words[j])), None)
        if end is None or end == k + 1:
            break
        rows.append((words[k], " ".join(words[k + 1:end])))
        k = end + 1  # past the page number
    return rows


def _numbered_titles(text: str) -> list[tuple[Optional[str], str]]:
    """(number, title) of a contents run: a table's rows (the first title of a row takes its number), or a run
    whose first title may carry a number."""
    table = _TABLE_HEAD.match(text)
    if table:
        out: list[tuple[Optional[str], str]] = []
        for num, run in _table_rows(text[table.end():]):
            titles = split_run(run)
            out.extend((num if k == 0 else None, t) for k, t in enumerate(titles))
        return out if _accepted([t for _, t in out]) else []
    num = _NUMBERED.match(text)
    titles = split_run(text[num.end():] if num else text)
    return [(num.group(1) if (num and k == 0) else None, t) for k, t in enumerate(titles)] if _accepted(titles) else []


def run_titles(lines: list[Line]) -> list[RunTitle]:
    """The titles of every flattened table-of-contents run of the document (after a contents label, or numbered
    and right after a contents heading)."""
    out: list[RunTitle] = []
    for i, ln in enumerate(lines):
        if ln.column is None:
            continue
        text = ln.text.strip()
        m = _label_rx().match(text)
        after_heading = i > 0 and lines[i - 1].column is not None and _label_rx().match(lines[i - 1].text.strip())
        if m and m.end() < len(text):
            text = text[m.end():]
        elif not (after_heading and _NUMBERED.match(text)):
            continue
        out.extend(RunTitle(i, num, t) for num, t in _numbered_titles(text)
                   if t.lower() not in item_words()["not_item"] and not _cut(t))
    return out


def paired_runs(lines: list[Line], bare: Callable[[str], Optional[str]],
                titled: Callable[[str], Optional[tuple[str, str]]]) -> tuple[list[RunTitle], set[int]]:
    """Numbers and titles in separate runs: "Sag nr. 91" / "Sag nr. 92 Lokalplan ... Venskabsbysamarbejde i ...":
    k bare numbers, then a number whose title is a run of k+1 glued titles; paired in order when the run splits
    into exactly k+1 titles. `bare(text)` gives a line's number when it holds a marked number alone, `titled(text)`
    (number, title) when it holds one with a title. Returns the pairs, and the lines of glued titles that could
    not be paired (their title is not one item's)."""
    pairs: list[RunTitle] = []
    unpaired: set[int] = set()
    run: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        if ln.column is None:
            run = []
            continue
        if (num := bare(ln.text.strip())) is not None:
            run.append((i, num))
            continue
        head = titled(ln.text.strip())
        if head and run:
            titles = split_run(head[1])
            if len(titles) == len(run) + 1:
                pairs.extend(RunTitle(j, n, t) for (j, n), t in zip(run + [(i, head[0])], titles))
            elif len(titles) > 1:
                unpaired.add(i)
        run = []
    return pairs, unpaired
