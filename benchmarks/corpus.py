"""Generate N realistic meeting documents from data/samples, with the true identity of every person.

    python benchmarks/corpus.py --docs 200 --out /tmp/corpus      # writes *.txt and truth.json

Each document is one of the samples (all three layouts: clean, pdftotext-style, markdown), plus
the minutes rewritten into the pdftotext and markdown layouts so that participant lists occur in
every layout, with

* the meeting date moved (spread over 2014-2025, unique per template so meetings do not collide),
* the numbered sub-items of each top-level item permuted (and renumbered in order),
* every person the extractor finds in the sample replaced by a person from a generated pool
  (Danish letters æøå, a party letter, a municipality from graphbuild's gazetteer), the
  participant list ("Deltagere" / "Afbud") regenerated from the pool in the line shape the
  extractor reads: "Name (A), X Kommune (formand)",
* the variations real documents show (Person.surface): a middle name dropped ("Sophie Andersen" for
  "Sophie Hæstorp Andersen", 20 %), "ø" written "ö" (10 % of names with ø: a foreign keyboard or OCR), a middle
  name written as an initial ("Otto V. Poulsen", 10 %, as minutes print members), the family name dropped after a
  middle name ("Sophie Hæstorp", 5 %, as news name people who go by their middle name), and in the pdftotext
  layout a surname hyphenated across a line end (25 % of lines with one person),
* homonyms: 10 % of the pool get a namesake (same first, middle and family name) in another municipality
  with another party letter; namesakes never meet in one document (its text would tell them apart).

truth.json: {"people": {person_id: canonical name}, "mentions": [{file, line, name, person, told}]}:
the line (1-based, in the written file) where the person's name starts, the surface written, the
true person id and whether its line says more than the name (a party letter after it, or the person's
municipality): without it a homonym cannot be told apart.
The benchmark maps extracted mentions to it by file + line (+ name when a line holds more than one person).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "data" / "samples"

FIRST = ["Søren", "Bjørn", "Mette", "Anders", "Jørgen", "Kirsten", "Ærling", "Åse", "Lærke", "Ditte", "Henrik",
         "Birgitte", "Torben", "Signe", "Mads", "Karen", "Ulla", "Rasmus", "Sørine", "Niels", "Pernille", "Jens",
         "Louise", "Thorkild", "Gudrun", "Bodil", "Frederik", "Malene", "Kasper", "Trine", "Øjvind", "Helle",
         "Morten", "Lone", "Jesper", "Vibeke", "Allan", "Susanne", "Poul", "Tove", "Bent", "Inger", "Claus", "Hanne",
         "Steen", "Gitte", "Ole", "Dorthe", "Flemming", "Rikke", "Knud", "Janne", "Preben", "Marianne", "Asger",
         "Sanne", "Leif", "Agnete", "Thyge", "Merete"]
MIDDLE = ["Østergaard", "Kjær", "Bøgh", "Holm", "Dahl", "Skov", "Lund", "Bach", "Krogh", "Møller", "Hedegaard",
          "Brøndum", "Ravn", "Friis", "Juul", "Lykke", "Vestergaard", "Bækgaard", "Nørgaard", "Lindhøj"]
LAST = ["Sørensen", "Frølund", "Jørgensen", "Nørby", "Mølholm", "Kjærgaard", "Bøje", "Ærø", "Åkjær", "Hansen",
        "Pedersen", "Thomsen", "Rasmussen", "Kristensen", "Løvgren", "Damgård", "Græsbøll", "Sønderby",
        "Bjørnholt", "Højgaard", "Svendsen", "Madsen", "Olsen", "Vinther", "Søgaard", "Knudsen", "Brøgger",
        "Mikkelsen", "Frandsen", "Storgård", "Kjølby", "Wøhlk", "Engelbrecht", "Bønnelykke", "Ravnsbæk",
        "Hørlyck", "Dyrbø", "Kirkegård", "Ølgaard", "Thygesen", "Clausen", "Fogh", "Würtz", "Skjødt",
        "Lønborg", "Mørch", "Sæther", "Blåbjerg", "Ågård", "Rønne"]
LETTERS = list("ABCFIKMOVØÅ")
ROLES = ["formand", "næstformand"]


@dataclass
class Person:
    pid: str
    first: str
    middle: str | None
    last: str
    party: str
    kommunekode: str
    muni_name: str

    @property
    def name_key(self) -> tuple:
        return self.first, self.last

    @property
    def canonical(self) -> str:
        return " ".join(x for x in (self.first, self.middle, self.last) if x)

    def surface(self, rng: random.Random) -> str:
        """A written form: canonical, middle name dropped, middle name as an initial ("Otto V. Poulsen", as
        minutes write it), family name dropped after a middle name ("Sophie Hæstorp" for "Sophie Hæstorp
        Andersen", as news write it), or ø written ö."""
        r = rng.random()
        if self.middle and r < 0.2:
            return f"{self.first} {self.last}"
        if "ø" in self.canonical and 0.2 <= r < 0.3:
            return self.canonical.replace("ø", "ö")
        if self.middle and 0.3 <= r < 0.4:
            return f"{self.first} {self.middle[0]}. {self.last}"
        if self.middle and 0.4 <= r < 0.45:
            return f"{self.first} {self.middle}"
        return self.canonical


def make_pool(size: int, rng: random.Random, need_munis: frozenset = frozenset()) -> list[Person]:
    """`size` people from the capital region's municipalities, plus four from each of `need_munis`
    (the municipalities the samples' prose ties a person to, e.g. a KKR Sjælland chair)."""
    from graphbuild.gazetteer import load_gazetteer

    g = load_gazetteer()
    munis = sorted((m for m in g.municipalities.values() if m.regionskode == "1084"), key=lambda m: m.kommunekode)
    extra = [g.municipalities[k] for k in sorted(need_munis) for _ in range(4)]
    pool, seen_full, seen_short = [], set(), set()
    while len(pool) < size + len(extra):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        middle = rng.choice(MIDDLE) if rng.random() < 0.45 else None
        # Names drawn here are unique (with or without the middle name); homonyms() then adds a share of
        # same-named people in other municipalities, so both spelling variation and homonyms are measured.
        short = (first, last)
        if short in seen_short or (first, middle, last) in seen_full:
            continue
        seen_short.add(short)
        seen_full.add((first, middle, last))
        m = extra[len(pool) - size] if len(pool) >= size else rng.choice(munis)
        pool.append(Person(f"P{len(pool):05d}", first, middle, last, rng.choice(LETTERS), m.kommunekode, m.name))
    return pool + homonyms(pool, munis, rng)


HOMONYM_RATE = 0.1


def homonyms(pool: list[Person], munis: list, rng: random.Random, rate: float | None = None) -> list[Person]:
    """A second person with exactly the same name for `rate` of the pool, in another municipality and with
    another party letter (as real homonyms are: 'Anne Hansen (V), Gentofte' and 'Anne Hansen (A), Brøndby'):
    resolution must keep them apart, so the benchmark's precision is tested, not only its recall."""
    out = []
    rate = HOMONYM_RATE if rate is None else rate
    for p in rng.sample(pool, int(len(pool) * rate)):
        m = rng.choice([x for x in munis if x.kommunekode != p.kommunekode])
        party = rng.choice([x for x in LETTERS if x != p.party])
        out.append(Person(f"P{len(pool) + len(out):05d}", p.first, p.middle, p.last, party, m.kommunekode, m.name))
    return out


# ------------------------------------------------------------------ templates
@dataclass
class Template:
    name: str
    layout: str  # clean | pdftotext | markdown
    lines: list[str]
    names: list[str]  # person names the extractor finds in the sample (longest first)
    contexts: dict  # name -> kommunekode the sample's text ties the person to (None: none)
    participants: tuple[int, int] | None  # [start, end) of the participant lines (0-based), if any


def _sample_names(path: Path) -> tuple[list[str], dict]:
    from graphbuild.pipeline import extract_one

    f = extract_one(str(path)).facts
    mentions = [a.person for a in f.attendance] + [m.person for m in f.memberships]
    mentions += [m.replaces for m in f.memberships if m.replaces is not None]
    contexts: dict = {}
    for m in mentions:
        if len(m.name.split()) >= 2 and (m.name not in contexts or m.municipality):
            contexts[m.name] = m.municipality or contexts.get(m.name)
    return sorted(contexts, key=lambda n: (-len(n), n)), contexts


_PART_LINE = re.compile(r"^\S.*\((?:[A-ZÆØÅ])\)")


def _participant_span(lines: list[str]) -> tuple[int, int] | None:
    try:
        start = next(i for i, l in enumerate(lines) if l.strip() == "Deltagere")
    except StopIteration:
        return None
    end = start
    for i in range(start, min(len(lines), start + 200)):
        s = lines[i].strip()
        if s in ("Deltagere", "Afbud", "") or _PART_LINE.match(s):
            end = i + 1
            continue
        break
    while end > start and not lines[end - 1].strip():
        end -= 1
    return start, end


def load_templates() -> list[Template]:
    out = []
    for p in sorted(SAMPLES.glob("*.txt")):
        from graphbuild.read import read_document

        layout = read_document(str(p)).layout
        lines = p.read_text(encoding="utf-8").split("\n")
        names, contexts = _sample_names(p)
        out.append(Template(p.stem, layout, lines, names, contexts, _participant_span(lines)))
    minutes = next(t for t in out if t.participants)
    for layout in ("pdftotext", "markdown"):
        out.append(Template(f"{minutes.name}-{layout}", layout, minutes.lines, minutes.names, minutes.contexts,
                            minutes.participants))
    return out


# ------------------------------------------------------------------ rewriting
_HEAD = re.compile(r"^(\s*)(\d+)\.(\d+)\.(\s+\S.*)$")
_TOCISH = re.compile(r"(\.{3,}|\t\s*\d+\s*$)")


def permute_items(lines: list[str], rng: random.Random) -> list[tuple[int, str]]:
    """(source line index, new text) for each output line.  Shuffle the numbered sub-items under each top-level item, body blocks and table of contents
    alike (the structure reader checks body headings against the TOC), and renumber them in order."""
    def groups(idx: list[int], contiguous) -> list[list[int]]:
        out: list[list[int]] = []
        for i in idx:
            top = _HEAD.match(lines[i]).group(2)
            if out and _HEAD.match(lines[out[-1][-1]]).group(2) == top and contiguous(out[-1][-1], i):
                out[-1].append(i)
            else:
                out.append([i])
        return out

    heads = [i for i, l in enumerate(lines) if _HEAD.match(l) and not _TOCISH.search(l)]
    tocs = [i for i, l in enumerate(lines) if _HEAD.match(l) and _TOCISH.search(l)]
    order: dict[str, list[int]] = {}  # top number -> new order of the sub-item positions
    moves: dict[int, tuple[int, int, int]] = {}  # start line of a group -> (end, group id)
    body_groups = []
    for g in groups(heads, lambda a, b: True):
        top = _HEAD.match(lines[g[0]]).group(2)
        if top in order or len(g) < 2:
            continue
        ends = g[1:] + [next((j for j in range(g[-1] + 1, len(lines)) if re.match(r"^\s*\d+\.\s+\S", lines[j])
                              and not _TOCISH.search(lines[j])), len(lines))]
        perm = list(range(len(g)))
        rng.shuffle(perm)
        order[top] = perm
        body_groups.append((g, ends, perm))
    toc_groups = []
    for g in groups(tocs, lambda a, b: b == a + 1):
        top = _HEAD.match(lines[g[0]]).group(2)
        if top in order and len(g) == len(order[top]):
            toc_groups.append((g, [i + 1 for i in g], order[top]))
    replaced: dict[int, tuple[int, list[tuple[int, str]]]] = {}
    for g, ends, perm in body_groups + toc_groups:
        top = _HEAD.match(lines[g[0]]).group(2)
        new: list[str] = []
        for n, k in enumerate(perm, 1):
            m = _HEAD.match(lines[g[k]])
            new.append((g[k], f"{m.group(1)}{top}.{n}.{m.group(4)}"))
            new.extend((j, lines[j]) for j in range(g[k] + 1, ends[k]))
        replaced[g[0]] = (ends[-1], new)
    out, i = [], 0
    while i < len(lines):
        if i in replaced:
            end, new = replaced[i]
            out.extend(new)
            i = end
        else:
            out.append((i, lines[i]))
            i += 1
    return out


def _one_per_name(people: list[Person]) -> list[Person]:
    seen: set = set()
    out = []
    for p in people:
        if p.name_key not in seen:
            seen.add(p.name_key)
            out.append(p)
    return out


def _participant_lines(people: list[tuple[Person, str]], absent: list[tuple[Person, str]]) -> list[tuple[str, Person | None, str]]:
    rows: list[tuple[str, Person | None, str]] = [("Deltagere", None, ""), ("", None, "")]
    for k, (p, s) in enumerate(people):
        role = f" ({ROLES[k]})" if k < len(ROLES) else ""
        rows.append((f"{s} ({p.party}), {p.muni_name}{role}", p, s))
    rows += [("", None, ""), ("Afbud", None, ""), ("", None, "")]
    rows += [(f"{s} ({p.party}), {p.muni_name}", p, s) for p, s in absent]
    return rows


def _hyphenate(text: str, surface: str, rng: random.Random) -> list[str] | None:
    """Split a line inside the surname of `surface` ('Sønder-' / 'gaard ...'), pdftotext style."""
    last = surface.split()[-1]
    if len(last) < 6 or "-" in last:
        return None
    at = text.find(surface)
    if at < 0:
        return None
    cut = at + len(surface) - len(last) + rng.randint(3, len(last) - 3)
    return [text[:cut] + "-", text[cut:]]


_AFTER_NAME = re.compile(r"^(\s*,?\s*\()([A-ZÆØÅ])(\)\s*,?\s*)((?:[A-ZÆØÅ][\w-]*\s+)?(?:Regions)?[Kk]ommune)?")


def _consistent(line: str, surface: str, p: Person) -> str:
    """The party letter and municipality written after a replaced name become the pool person's own,
    so a person's context agrees across documents (as it does in real ones)."""
    at = line.find(surface)
    while at >= 0:
        end = at + len(surface)
        m = _AFTER_NAME.match(line[end:])
        if m:
            repl = m.group(1) + p.party + m.group(3) + (p.muni_name if m.group(4) else "")
            line = line[:end] + repl + line[end + m.end():]
        at = line.find(surface, end)
    return line


def _says_party(line: str, surface: str) -> bool:
    """The line writes a party letter right after the name ("Name (A)"): the person's own, see _consistent."""
    at = line.find(surface)
    while at >= 0:
        if _AFTER_NAME.match(line[at + len(surface):]):
            return True
        at = line.find(surface, at + len(surface))
    return False


def _place(muni_name: str) -> str:
    return re.sub(r"\s+Kommune$", "", muni_name).removesuffix("s")


def render(t: Template, pool: list[Person], rng: random.Random, when: date) -> tuple[str, list[dict]]:
    """One document's text and its truth rows (line = 1-based line in the written text)."""
    lines = list(t.lines)
    # 1. Date and year.
    for i, l in enumerate(lines):
        if re.search(r"Dato:\s*\d{2}-\d{2}-\d{4}", l):
            lines[i] = re.sub(r"\d{2}-\d{2}-\d{4}", when.strftime("%d-%m-%Y"), l, count=1)
        elif re.match(r"^\s*(DAGSORDEN|REFERAT)\s+\d{4}", l):
            lines[i] = re.sub(r"\d{4}", str(when.year), l, count=1)
    # 2. Who is in this document: the sample's names mapped to pool people, plus a participant list.
    # Homonyms never meet in one document: two members of one meeting with the same name would be told apart
    # in its text (a middle name, a municipality), which the templates' lines cannot do.
    chosen = _one_per_name(rng.sample(pool, min(len(pool), len(t.names) + 60)))
    mapping, taken, names = {}, set(), set()
    for n in t.names:
        k = t.contexts.get(n)
        # A name the sample ties to a municipality (in words we do not rewrite) gets a person from there.
        free = [p for p in pool if p.kommunekode == k and p.pid not in taken and p.name_key not in names] if k else []
        p = rng.choice(free) if free else next(p for p in chosen if p.pid not in taken and p.name_key not in names)
        mapping[n] = p
        taken.add(p.pid)
        names.add(p.name_key)
    rest = [p for p in chosen if p.pid not in taken and p.name_key not in names]
    # 3. Lines: (text, [(person, surface)]) so the truth follows the lines wherever they move.
    rows: list[tuple[str, list[tuple[Person, str]]]] = []
    span = t.participants
    for i, l in enumerate(lines):
        if span and i == span[0]:
            n_present = rng.randint(25, 45)
            present = [(p, p.surface(rng)) for p in rest[:n_present]]
            absent = [(p, p.surface(rng)) for p in rest[n_present:n_present + rng.randint(3, 10)]]
            for text, p, s in _participant_lines(present, absent):
                rows.append((text, [(p, s, True)] if p else []))
            continue
        if span and span[0] < i < span[1]:
            continue
        found = []
        for n in t.names:  # longest first, so "Ole Bondo Christensen" wins over "Ole Bondo"
            if n in l:
                p = mapping[n]
                s = p.surface(rng)
                l = _consistent(l.replace(n, s), s, p)
                found.append((p, s, _says_party(l, s) or _place(p.muni_name) in l))
        rows.append((l, found))
    # 4. Items permuted (on the text; the person annotations travel with their lines).
    out_rows = [(text, rows[k][1]) for k, text in permute_items([text for text, _ in rows], rng)]
    # 5. Layout.
    text_lines: list[str] = []
    truth: list[dict] = []
    for text, found in out_rows:
        if t.layout == "pdftotext" and t.name.endswith("-pdftotext"):
            text = text + " " if text.strip() else " "
        if t.layout == "markdown" and t.name.endswith("-markdown"):
            if _HEAD.match(text) and not _TOCISH.search(text):
                text = "## " + text
            elif text.strip() in ("Deltagere", "Afbud", "Mission", "Vision", "Deltagerfortegnelse"):
                text = f"<b>{text.strip()}</b>"
        split = None
        if t.layout == "pdftotext" and found and len(found) == 1 and rng.random() < 0.25:
            split = _hyphenate(text, found[0][1], rng)
        line_no = len(text_lines) + 1
        text_lines.extend(split or [text])
        for p, s, told in found:
            truth.append(dict(line=line_no, name=s, person=p.pid, told=told))
    return "\n".join(text_lines), truth


def generate(n: int, out: Path, seed: int = 7, pool_size: int | None = None) -> dict:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    templates = load_templates()
    need = frozenset(k for t in templates for k in t.contexts.values() if k)
    pool = make_pool(pool_size or max(120, n // 3), rng, need)
    start = date(2014, 1, 1)
    used: dict[str, set] = {}
    mentions = []
    for i in range(n):
        t = templates[i % len(templates)]
        days = used.setdefault(t.name, set())
        while True:
            d = start + timedelta(days=rng.randrange(12 * 365))
            if d not in days or len(days) > 4000:
                days.add(d)
                break
        text, truth = render(t, pool, rng, d)
        # Named like a real download (council, kind, date), not after the sample it was made from:
        # a report looking documents up by a part of the path must not match hundreds of them.
        council, kind = t.name.split("-")[:2], t.name.split("-")[2]
        name = f"{'-'.join(council)}-{kind}-{d.isoformat()}-{i:05d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        for row in truth:
            mentions.append(dict(file=name, **row))
    truth = {"people": {p.pid: p.canonical for p in pool}, "mentions": mentions}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    truth = generate(a.docs, Path(a.out), a.seed)
    print(f"{a.docs} documents, {len(truth['mentions'])} person mentions of {len(truth['people'])} people -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
