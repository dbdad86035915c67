"""Person mentions -> Persons, in named steps (see docs/resolution.md):

1. known persons are clusters from the start (their id never changes); full names join the cluster of the same
   normalised name when nothing disagrees (context-rich mentions first);
2. different full-name clusters are compared within blocks (shared family token / sound key); pairs at or above
   MERGE_THRESHOLD merge unless a shorter form has several plausible longer forms; the uncertain band is kept
   for review;
3. curator judgements: `same` forces a merge, `not-same` always blocks one;
4. one PersonRecord per group, ids from the name (a short hash of what tells namesakes apart);
5. partial forms (initials, single names) join exactly one plausible candidate, or stay unresolved;
6. review candidates in final ids.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Union

from ..model import CandidatePair, GraphMerge, KnownPerson, PersonRecord
from .judgements import Judgements
from .mentions import Cluster, Mention, UnionFind, group_context
from .names import (display_name, is_full_name, name_score, name_tokens, short_hash, skeleton, slugify,
                    telling_shorter_form)
from .partial import PartialIndex, resolve_partial
from .review import ScoredPair, review_candidates
from .rules import CONTEXT_MARGIN, MERGE_THRESHOLD, REVIEW_THRESHOLD, relation


@dataclass(frozen=True)
class PersonResolution:
    person_of: dict[str, str]  # mention_id -> person_id
    unresolved: dict[str, str]  # mention_id -> reason
    records: dict[str, PersonRecord]  # person_id -> record
    candidates: tuple[CandidatePair, ...]
    merges: tuple[GraphMerge, ...]


@dataclass
class _Draft:
    """A PersonRecord being built (ids settle after slug clashes, aliases grow with partial forms)."""

    person_id: str
    name: str
    aliases: list[str]
    merged_ids: list[str]

    def freeze(self) -> PersonRecord:
        return PersonRecord(self.person_id, self.name, tuple(self.aliases), tuple(self.merged_ids))


@dataclass
class _Clusters:
    """Step 1: clusters of written full names."""

    clusters: list[Cluster] = field(default_factory=list)
    by_key: dict[str, list[Cluster]] = field(default_factory=lambda: defaultdict(list))
    cluster_of: dict[str, Cluster] = field(default_factory=dict)  # mention_id -> cluster
    unresolved: dict[str, str] = field(default_factory=dict)  # mention_id -> reason

    def new(self, key: str, tokens: tuple[str, ...]) -> Cluster:
        c = Cluster(idx=len(self.clusters), key=key, tokens=tokens, keys={key})
        self.clusters.append(c)
        return c

    def add_known(self, kp: KnownPerson, is_body: Callable[[str], bool]) -> None:
        tokens = name_tokens(kp.name)
        c = self.new(" ".join(tokens), tokens)
        c.known = kp
        c.forms[display_name(kp.name)] += 1
        for alias in kp.aliases:
            c.forms[display_name(alias)] += 1
            at = name_tokens(alias)
            if is_full_name(at):
                c.keys.add(" ".join(at))
        for ctx in kp.contexts:
            if ctx.party:
                c.parties.add(ctx.party.strip().upper())
            if ctx.municipality:
                c.munis.add(ctx.municipality)
            if ctx.date:
                c.dates.add(ctx.date)
            c.orgs |= {o for o in ctx.org_ids if o.startswith("body:") or is_body(o)}
        for k in sorted(c.keys):
            if is_full_name(tuple(k.split())):
                self.by_key[k].append(c)

    def add_full(self, x: Mention) -> None:
        joinable = []
        for c in self.by_key[x.key]:
            rel = relation(x.context, c)
            if not rel.contradicts and not rel.disagreements:
                joinable.append((rel.score, c))
        pick = pick_one(joinable)
        if isinstance(pick, Cluster):
            pick.absorb(x)
            self.cluster_of[x.m.mention_id] = pick
        elif pick:
            self.unresolved[x.m.mention_id] = pick
        else:
            c = self.new(x.key, x.tokens)
            c.absorb(x)
            self.by_key[x.key].append(c)
            self.cluster_of[x.m.mention_id] = c


def pick_one(scored: list) -> Union[Cluster, str, None]:
    """One clearly best candidate -> it; none -> None; several -> a one-line reason."""
    if not scored:
        return None
    scored = sorted(scored, key=lambda t: (-t[0], t[1].idx))
    if len(scored) == 1 or scored[0][0] - scored[1][0] >= CONTEXT_MARGIN:
        return scored[0][1]
    close = [c for s, c in scored if scored[0][0] - s < CONTEXT_MARGIN]
    return f"{len(close)} candidates with the same name and no telling context"


def score_clusters(a: Cluster, b: Cluster) -> tuple[float, str]:
    """Name score of two clusters' best-matching keys plus their context score; (0, "none") on a contradiction."""
    rel = relation(a, b)
    if rel.contradicts:
        return 0.0, "none"
    best, kind, pair = 0.0, "none", ((), ())
    for ka in sorted(a.keys):
        for kb in sorted(b.keys):
            s, r = name_score(tuple(ka.split()), tuple(kb.split()))
            if s > best:
                best, kind, pair = s, r, (tuple(ka.split()), tuple(kb.split()))
    if kind == "none":
        return 0.0, "none"
    if kind == "exact":  # same written name kept apart by one disagreeing fact: a curator decides
        return float(min(best + rel.score, MERGE_THRESHOLD - 1)), "exact"
    short, long = sorted(pair, key=lambda t: (sum(len(x) > 1 for x in t), len(t)))
    if kind == "subset" and rel.score <= 0 and not (a.docs & b.docs) and not (
            rel.score == 0 and telling_shorter_form(short, long)):
        # "Lars Berg" (a director of Sydtrafik) and "Lars Berg Andersen" (a councillor of Frederiksberg): one name
        # a shorter form of the other, in different documents, with nothing in common (party, municipality,
        # body): a curator decides, unless the shorter form tells by itself (a rare family name kept, only middle
        # names dropped). In one document, or with something in common, the shorter form joins.
        return float(min(best + rel.score, MERGE_THRESHOLD - 1)), kind
    return best + rel.score, kind


def _scored_blocks(clusters: list[Cluster]) -> dict[tuple[int, int], tuple[float, str]]:
    """Every pair of clusters sharing a block (a family token, or the sound key of the last token), scored."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for c in clusters:
        for key in sorted(c.keys):
            toks = tuple(key.split())
            for t in toks[1:]:
                if len(t) > 1:
                    blocks[("t", toks[0][0], t)].append(c.idx)
            blocks[("s", toks[0][0], skeleton(toks[-1]))].append(c.idx)
    scored: dict[tuple[int, int], tuple[float, str]] = {}
    for bkey in sorted(blocks):
        members = sorted(set(blocks[bkey]))
        for i, ai in enumerate(members):
            for bi in members[i + 1:]:
                if (ai, bi) not in scored:
                    scored[(ai, bi)] = score_clusters(clusters[ai], clusters[bi])
    return scored


def informativeness(c: Cluster) -> tuple[int, int]:
    """How much of a name a cluster's form spells out: full tokens, then tokens ("Allan S. Andersen" < "Allan
    Steen Andersen"; "Ole Bondo" < "Ole Bondo Christensen")."""
    return sum(len(t) > 1 for t in c.tokens), len(c.tokens)


@dataclass
class _Pairs:
    """Step 2: scored pairs sorted into merges (names spelled out alike, and shorter forms of a longer one) and
    review candidates."""

    alike: list[ScoredPair] = field(default_factory=list)  # both sides spell out as much: spelling variants
    shorter: list[ScoredPair] = field(default_factory=list)  # (score, shorter side, longer side, "subset")
    review: list[ScoredPair] = field(default_factory=list)


def _sort_pairs(clusters: list[Cluster], judgements: Judgements) -> _Pairs:
    out = _Pairs()
    for (ai, bi), (score, rel) in sorted(_scored_blocks(clusters).items()):
        a, b = clusters[ai], clusters[bi]
        if rel == "none" or judgements.blocks(a.keys, b.keys):
            continue
        if score >= MERGE_THRESHOLD and not (a.known and b.known):
            ia, ib = informativeness(a), informativeness(b)
            if rel == "subset" and ia != ib:
                out.shorter.append((score, ai, bi, rel) if ia < ib else (score, bi, ai, rel))
            else:
                out.alike.append((score, ai, bi, rel))
        elif score >= REVIEW_THRESHOLD or (score >= MERGE_THRESHOLD and a.known and b.known):
            out.review.append((score, ai, bi, rel))
    return out


def _choices(pairs: list[ScoredPair]) -> tuple[dict[int, list[int]], dict[int, int]]:
    """A form with several plausible spellings of it is ambiguous: never guessed. -> (ambiguous, chosen)."""
    looking: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for score, ai, bi, _ in pairs:
        looking[ai].append((score, bi))
        looking[bi].append((score, ai))
    ambiguous: dict[int, list[int]] = {}
    chosen: dict[int, int] = {}
    for ci in sorted(looking):
        cands = sorted(looking[ci], key=lambda t: (-t[0], t[1]))
        if len(cands) == 1 or cands[0][0] - cands[1][0] >= CONTEXT_MARGIN:
            chosen[ci] = cands[0][1]
        else:
            ambiguous[ci] = [j for s, j in cands if cands[0][0] - s < CONTEXT_MARGIN]
    return ambiguous, chosen


class Groups:
    """Clusters merged into groups (one Person each); a merge must keep every pair of members compatible."""

    def __init__(self, clusters: list[Cluster], judgements: Judgements):
        self.clusters = clusters
        self.judgements = judgements
        self.uf = UnionFind(len(clusters))
        self.members: dict[int, list[int]] = {c.idx: [c.idx] for c in clusters}

    def find(self, i: int) -> int:
        return self.uf.find(i)

    def compatible(self, ra: int, rb: int, forced: bool = False) -> bool:
        ga = [self.clusters[i] for i in self.members[ra]]
        gb = [self.clusters[i] for i in self.members[rb]]
        keys_a = set().union(*(c.keys for c in ga))
        keys_b = set().union(*(c.keys for c in gb))
        if self.judgements.blocks(keys_a, keys_b):
            return False
        if forced:
            return True
        if any(c.known for c in ga) and any(c.known for c in gb):
            return False
        return not any(relation(x, y).contradicts for x in ga for y in gb)

    def union(self, ai: int, bi: int, forced: bool = False) -> bool:
        ra, rb = self.find(ai), self.find(bi)
        if ra == rb:
            return True
        if not self.compatible(ra, rb, forced):
            return False
        self.uf.union(ra, rb)
        root, other = self.find(ra), (rb if self.find(ra) == ra else ra)
        self.members[root] = sorted(self.members[root] + self.members.pop(other))
        return True

    def merge_alike(self, pairs: list[ScoredPair]) -> dict[int, list[int]]:
        """Spelling variants, best pairs first; a pair merges only when each side chose the other (a form with
        two close spellings of it is ambiguous). -> the ambiguous forms."""
        ambiguous, chosen = _choices(pairs)
        for score, ai, bi, rel in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
            if chosen.get(ai) == bi and chosen.get(bi) == ai:
                self.union(ai, bi)
        return ambiguous

    def merge_shorter(self, pairs: list[ScoredPair]) -> dict[int, list[int]]:
        """Shorter forms join the one person (group) they fit, the most spelled-out forms first, so that
        "Ulla Kristensen" sees "Ulla B. Kristensen" and "Ulla Bach Kristensen" as one person once those have
        merged; a shorter form fitting two persons within CONTEXT_MARGIN stays ambiguous. -> the ambiguous forms."""
        looking: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for score, short, long, _ in pairs:
            looking[short].append((score, long))
        ambiguous: dict[int, list[int]] = {}
        order = sorted(looking, key=lambda i: (tuple(-x for x in informativeness(self.clusters[i])), i))
        for ci in order:
            best: dict[int, tuple[float, int]] = {}  # group root -> (best score, its cluster)
            for score, j in sorted(looking[ci], key=lambda t: (-t[0], t[1])):
                best.setdefault(self.find(j), (score, j))
            if self.find(ci) in best:
                continue  # already one of the persons it fits (a spelling variant merged it)
            cands = sorted(best.values(), key=lambda t: (-t[0], t[1]))
            if len(cands) == 1 or cands[0][0] - cands[1][0] >= CONTEXT_MARGIN:
                self.union(ci, cands[0][1])
            else:
                ambiguous[ci] = [j for s, j in cands if cands[0][0] - s < CONTEXT_MARGIN]
        return ambiguous

    def apply_same(self) -> None:
        """Curator judgements: `same` forces a merge (a `not-same` still wins)."""
        for pair in sorted(self.judgements.same, key=lambda p: sorted(p)):
            keys = sorted(pair)
            groups = sorted({self.find(c.idx) for c in self.clusters if c.keys & set(keys)})
            hit = [k for k in keys if any(k in c.keys for c in self.clusters)]
            if len(hit) < len(keys) or len(groups) < 2:
                continue
            for g in groups[1:]:
                self.union(groups[0], g, forced=True)


def _drop_ambiguous(run: _Clusters, groups: Groups, ambiguous: dict[int, list[int]]) -> set[int]:
    """Ambiguous shorter forms that nothing merged stay unresolved (unless the graph knows them)."""
    dropped: set[int] = set()
    for ci, cands in sorted(ambiguous.items()):
        c = run.clusters[ci]
        if c.known or len(groups.members.get(groups.find(ci), [])) > 1:
            continue
        dropped.add(ci)
        names = "; ".join(sorted(run.clusters[j].forms.most_common(1)[0][0] for j in cands))
        for x in c.mentions:
            run.unresolved[x.m.mention_id] = f"{len(cands)} candidates: {names}"
            run.cluster_of.pop(x.m.mention_id, None)
    return dropped


def canonical_name(forms: Counter, prefer: Optional[str] = None) -> str:
    """The most complete written form: most full tokens, then most tokens; among equally complete
    forms the kept known person's current name, then the most frequent, then the longest."""
    def rank(f: str):
        toks = name_tokens(f)
        return (is_full_name(toks), sum(len(t) > 1 for t in toks), len(toks), f == prefer, forms[f], len(f))
    return max(sorted(forms), key=rank)


def _draft_records(clusters: list[Cluster], groups: Groups, dropped: set[int], known: list[KnownPerson]):
    """One draft record per group -> (drafts by root, graph merges)."""
    roots = sorted({groups.find(c.idx) for c in clusters if c.idx not in dropped})
    drafts: dict[int, _Draft] = {}
    merges: list[GraphMerge] = []
    pending: dict[str, list[int]] = defaultdict(list)
    for r in roots:
        members = [clusters[i] for i in groups.members[r] if i not in dropped]
        if not members or not (any(c.known for c in members) or any(c.mentions for c in members)):
            continue
        forms: Counter = Counter()
        for c in members:
            forms.update(c.forms)
        kept = sorted((c.known for c in members if c.known), key=lambda k: k.person_id)
        name = canonical_name(forms, display_name(kept[0].name) if kept else None)
        merged: set[str] = set()
        if kept:
            pid = kept[0].person_id
            for k in kept:
                merged |= set(k.merged_ids)
            for k in kept[1:]:
                merged.add(k.person_id)
                merges.append(GraphMerge(pid, k.person_id))
        else:
            pid = "person:" + slugify(name)
            pending[pid].append(r)
        drafts[r] = _Draft(pid, name, sorted({f for f in forms if f != name}), sorted(merged - {pid}))
    _settle_slugs(clusters, groups, drafts, pending, {kp.person_id for kp in known})
    return drafts, merges


def _settle_slugs(clusters, groups: Groups, drafts: dict[int, _Draft], pending: dict[str, list[int]],
                  taken: set[str]) -> None:
    """Several people sharing a slug (or a known person's id) get a short stable hash of what tells them apart."""
    for slug in sorted(pending):
        rs = pending[slug]
        if len(rs) == 1 and slug not in taken:
            taken.add(slug)
            continue
        labels = {}
        for r in rs:
            ctx = group_context([clusters[i] for i in groups.members[r]])
            labels[r] = f"{','.join(sorted(ctx.parties))}|{','.join(sorted(ctx.munis))}"
        counts = Counter(labels.values())
        for r in rs:
            label = labels[r]
            if counts[label] > 1 or slug + "-" + short_hash(label) in taken:
                first = min(x.m.mention_id for i in groups.members[r] for x in clusters[i].mentions)
                label += "|" + first
            pid = slug + "-" + short_hash(label)
            taken.add(pid)
            drafts[r].person_id = pid


def _resolve_partials(partial: list[Mention], run: _Clusters, groups: Groups, dropped: set[int],
                      drafts: dict[int, _Draft], person_of: dict[str, str]) -> None:
    """Partial forms (initials, single tokens): exactly one plausible candidate, or unresolved."""
    index = PartialIndex.build(run.clusters, groups, dropped, {r: d.name for r, d in drafts.items()})
    for x in sorted(partial, key=lambda x: (x.doc_id, x.m.mention_id)):
        found = resolve_partial(x, index)
        if isinstance(found, int) and found in drafts:
            d = drafts[found]
            person_of[x.m.mention_id] = d.person_id
            if x.form != d.name and x.form not in d.aliases:
                d.aliases = sorted(d.aliases + [x.form])
        else:
            run.unresolved[x.m.mention_id] = str(found)


def resolve_persons(mentions: Iterable[Mention], known: list[KnownPerson], judgements: Judgements,
                    is_body: Callable[[str], bool]) -> PersonResolution:
    """Every mention of a run -> a person id or an unresolved reason; records, review candidates, graph merges."""
    run = _Clusters()
    for kp in known:
        run.add_known(kp, is_body)
    mentions = list(mentions)
    full = [x for x in mentions if is_full_name(x.tokens)]
    partial = [x for x in mentions if not is_full_name(x.tokens)]
    for x in sorted(full, key=lambda x: (-x.richness, x.date or "", x.doc_id, x.m.mention_id)):
        run.add_full(x)

    pairs = _sort_pairs(run.clusters, judgements)
    groups = Groups(run.clusters, judgements)
    ambiguous = groups.merge_alike(pairs.alike)
    ambiguous.update(groups.merge_shorter(pairs.shorter))
    groups.apply_same()
    dropped = _drop_ambiguous(run, groups, ambiguous)

    drafts, merges = _draft_records(run.clusters, groups, dropped, known)
    person_of = {mid: drafts[groups.find(c.idx)].person_id for mid, c in sorted(run.cluster_of.items())
                 if groups.find(c.idx) in drafts}
    _resolve_partials(partial, run, groups, dropped, drafts, person_of)

    candidates = review_candidates(pairs.review, run.clusters, groups.find,
                                   {r: (d.person_id, d.name) for r, d in drafts.items()})
    records = {d.person_id: d.freeze() for d in drafts.values()}
    return PersonResolution(person_of, run.unresolved, records, tuple(candidates), tuple(merges))
