"""Duck-typed view of the gazetteer used by extraction, and the default gazetteer."""
from __future__ import annotations

import re
from typing import Any, Optional

from ..model import OrgRef
from .spans import DEFAULT_ROLE_WORDS

PARTY_NAMES = {
    "socialdemokratiet": "A", "radikale venstre": "B", "det konservative folkeparti": "C", "konservative": "C",
    "nye borgerlige": "D", "sf": "F", "socialistisk folkeparti": "F", "liberal alliance": "I",
    "kristendemokraterne": "K", "moderaterne": "M", "dansk folkeparti": "O", "venstre": "V",
    "danmarksdemokraterne": "Æ", "enhedslisten": "Ø", "alternativet": "Å",
}


# ----------------------------------------------------------------- gazetteer
def _get(rec: Any, *names: str):
    if rec is None:
        return None
    for n in names:
        v = rec.get(n) if isinstance(rec, dict) else getattr(rec, n, None)
        if v:
            return v
    return None


class Gaz:
    """Duck-typed view of graphbuild.gazetteer.Gazetteer (records may be objects or dicts)."""

    def __init__(self, g: Any, regionskode: Optional[str] = None):
        self.g = g
        self.regionskode = regionskode  # the document's region: picks one of several regional variants

    def municipality(self, surface: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """(kommunekode, canonical name) for a surface like 'Københavns Kommune', 'Lyngby', 'Bornholm'."""
        if not surface:
            return None, None
        s = " ".join(surface.split()).strip(" ,.")
        variants = [s]
        base = re.sub(r"\s+(?:Regions)?[Kk]ommune$", "", s)
        variants += [base, base + " Kommune"]
        if base.endswith("s"):
            variants += [base[:-1], base[:-1] + " Kommune"]
        for v in variants:
            rec = self._call("lookup_municipality", v)
            if rec is not None:
                if isinstance(rec, str):
                    return rec, None
                return _get(rec, "kommunekode", "code", "id"), _get(rec, "name")
        return None, None

    def org(self, surface: Optional[str], kind: str = "body") -> Optional[OrgRef]:
        if not surface:
            return None
        s = " ".join(surface.split()).strip(" ,.")
        rec = self.lookup_org(s)
        if rec is None:
            return OrgRef(surface=s, org_id=None, kind=kind)
        oid = rec if isinstance(rec, str) else _get(rec, "org_id", "id")
        k = _get(rec, "kind") if not isinstance(rec, str) else None
        return OrgRef(surface=s, org_id=oid, kind=k if k in ("council", "body", "party") else kind)

    def lookup_org(self, surface: str, regionskode: Optional[str] = None):
        rk = regionskode or self.regionskode
        fn = getattr(self.g, "lookup_org", None)
        if fn is None:
            return None
        try:
            return fn(surface, regionskode=rk) if rk else fn(surface)
        except TypeError:
            return fn(surface)
        except (KeyError, LookupError, ValueError):
            return None

    def region_code(self, surface: Optional[str]) -> Optional[str]:
        rec = self._call("lookup_region", surface) if surface else None
        return _get(rec, "regionskode", "code", "id") if rec is not None and not isinstance(rec, str) else rec

    def known_org(self, surface: Optional[str]) -> Optional[OrgRef]:
        ref = self.org(surface)
        return ref if ref and ref.org_id else None

    def council(self, name: Optional[str]) -> Optional[OrgRef]:
        if not name:
            return None
        ref = self.org(name, kind="council")
        if ref.org_id is None:
            councils = getattr(self.g, "councils", None) or {}
            for key, rec in (councils.items() if isinstance(councils, dict) else []):
                if key == name or _get(rec, "name") == name:
                    ref = OrgRef(surface=name, org_id=_get(rec, "org_id", "id") or key, kind="council")
                    break
        ref.kind = "council"
        return ref

    def party_letter(self, surface: Optional[str]) -> Optional[str]:
        if not surface:
            return None
        s = surface.strip()
        if len(s) <= 2 and s.isupper():
            return s
        letter = PARTY_NAMES.get(s.lower())
        if letter:
            return letter
        rec = self._call("lookup_party", s)
        return _get(rec, "letter") if rec is not None and not isinstance(rec, str) else rec

    def role_words(self) -> list[str]:
        roles = getattr(self.g, "roles", None) or {}
        words = list(roles.keys()) if isinstance(roles, dict) else list(roles)
        return sorted(set(DEFAULT_ROLE_WORDS) | {w.lower() for w in words if isinstance(w, str) and len(w) > 3})

    def canonical_role(self, role: str) -> str:
        fn = getattr(self.g, "canonical_role", None)
        if fn is not None:
            v = fn(role)
            if isinstance(v, str) and v:
                return v
        roles = getattr(self.g, "roles", None) or {}
        if isinstance(roles, dict):
            v = roles.get(role) or roles.get(role.lower())
            if isinstance(v, str):
                return v
        return role

    def patterns(self) -> list[dict]:
        fn = getattr(self.g, "entity_ruler_patterns", None)
        return list(fn()) if fn else []

    def _call(self, name: str, *args):
        fn = getattr(self.g, name, None)
        if fn is None:
            return None
        try:
            return fn(*args)
        except (KeyError, LookupError, ValueError):
            return None


_DEFAULT_GAZ: list = []


def default_gazetteer():
    if not _DEFAULT_GAZ:
        from ..gazetteer import load_gazetteer
        _DEFAULT_GAZ.append(load_gazetteer())
    return _DEFAULT_GAZ[0]

