"""Bilag bundles: appendices grouped under their agenda item."""
from __future__ import annotations

import re
from collections import Counter

from ..model import Attachment, Item, Line
from .item_lines import _plausible_title
from .items import _BARE_NUMBER, _heading, _similar

_ATTACH = re.compile(r"^Bilag\s+(\d{1,3})\s*[:.)-]\s*(\S.*)$", re.I)


# ----------------------------------------------------------------- bilag
def _bundle(lines: list[Line]) -> tuple[list[Item], list[Attachment]]:
    """Bilag bundle: TOC of items and 'Bilag N: ...' entries, then a body where each appendix starts
    with a bare item number ('2.1') followed by the item title."""
    markers = []
    for idx, ln in enumerate(lines):
        if _BARE_NUMBER.match(ln.text.strip()):
            markers.append(idx)
    first_marker = markers[0] if markers else len(lines)
    toc_items: list[tuple[str, str, int]] = []
    toc_att: dict[str, list[tuple[str, int]]] = {}
    current = None
    for ln in lines[:first_marker]:
        h = _heading(ln.text)
        m = _ATTACH.match(ln.text)
        if m and current is not None:
            toc_att.setdefault(current, []).append((ln.text.strip(), ln.line))
        elif h and "." in h[0] or (h and toc_items):
            if _plausible_title(h[3]):  # not "17. Februar" (a calendar's dates)
                toc_items.append((h[0], h[3], ln.line))
            current = h[0]
    known = {num for num, _, _ in toc_items}
    blocks = []  # (number, marker idx, title idx)
    for idx in markers:
        num = lines[idx].text.strip().rstrip(".")
        if known and num not in known:
            continue
        blocks.append((num, idx))
    items: list[Item] = []
    seen_items: dict[str, Item] = {}
    for num, title, line in toc_items:
        it = Item(number=num, title=title, line=line)
        items.append(it)
        seen_items[num] = it
    attachments: list[Attachment] = []
    used: Counter = Counter()
    for k, (num, idx) in enumerate(blocks):
        end = blocks[k + 1][1] if k + 1 < len(blocks) else len(lines)
        body = lines[idx + 1: end]
        item_title = body[0].text.strip() if body else ""
        if num in seen_items and body and _similar(item_title, seen_items[num].title):
            body = body[1:]
        elif num not in seen_items:
            it = Item(number=num, title=item_title, line=lines[idx].line)
            items.append(it)
            seen_items[num] = it
            body = body[1:]
        listed = toc_att.get(num, [])
        if used[num] < len(listed):
            title = listed[used[num]][0]
        else:
            title = body[0].text.strip() if body else item_title
        used[num] += 1
        attachments.append(Attachment(item_number=num, title=title, line=lines[idx].line, lines=list(body)))
    # appendices listed in the TOC but with no body block
    for num, listed in toc_att.items():
        for title, line in listed[used[num]:]:
            attachments.append(Attachment(item_number=num, title=title, line=line, lines=[]))
    return items, attachments

