"""graphbuild_body_reports: 'X oplyste fra ORG, at' -> doc._.gb_reports."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..names import NAME, UP, plausible_name
from ..spans import doc_text, org_info

# ------------------------------------------------------------- body reports
_REPORT_FROM = re.compile(rf"(?P<name>{NAME}) oplyste fra (?P<org>[^,]+?), at")
_REPORT_THAT = re.compile(rf"(?P<name>{NAME}) oplyste, at (?P<org>\S+(?: [{UP}]\S*)*) (?:har|står|er|vil|skal)\b")


class BodyReports:
    """'Ole Bjørstorp oplyste fra RAR Hovedstaden, at ...' -> doc._.gb_reports."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if "oplyste" not in doc_text(doc):
            return doc
        found = []
        for m in _REPORT_FROM.finditer(doc_text(doc)):
            if plausible_name(m.group("name")):
                found.append(dict(name=m.group("name"), start=m.start(),
                                  **org_info(doc, m.start("org"), m.end("org"))))
        for m in _REPORT_THAT.finditer(doc_text(doc)):
            info = org_info(doc, m.start("org"), m.end("org"))
            if plausible_name(m.group("name")) and (info["org_label"] or m.group("org").lower().endswith("udvalget")):
                found.append(dict(name=m.group("name"), start=m.start(), **info))
        if found:
            doc._.gb_reports = found
        return doc


@Language.factory("graphbuild_body_reports", assigns=["doc._.gb_reports"])
def make_body_reports(nlp: Language, name: str):
    return BodyReports(nlp, name)

