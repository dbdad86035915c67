"""The pages' only way to the graph: the saved reports (queries/*.cypher, run as they are) and the pages'
own read statements (queries/web/*.cypher, same header format), each in a READ transaction with the
values as parameters. Nothing here writes, and no Cypher text lives in Python."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

import neo4j

from ..db.reports import Report, get_report, parse_report
from ..db.statements import project_folder
from ..output import plain


@lru_cache(maxsize=None)
def web_query(name: str) -> Report:
    """queries/web/<name>.cypher, parsed like a saved report (header: question, params, columns)."""
    return parse_report(project_folder("queries") / "web" / f"{name}.cypher")


@lru_cache(maxsize=None)
def saved_report(name: str) -> Report:
    return get_report(name)


class Store:
    """Runs statements for the pages on one driver (the CLI's connection rule made it)."""

    def __init__(self, driver: neo4j.Driver, database: Optional[str] = None):
        self.driver, self.database = driver, database

    def _read(self, report: Report, params: dict) -> list[dict]:
        values = {p.name: p.example for p in report.params if p.optional}
        values.update(params)
        cypher = report.cypher

        def work(tx):
            return [{k: plain(v) for k, v in r.items()} for r in tx.run(cypher, values).data()]

        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def report(self, name: str, **params: Any) -> list[dict]:
        """A saved report's rows (the same Cypher `graphbuild report run` runs)."""
        return self._read(saved_report(name), params)

    def query(self, name: str, **params: Any) -> list[dict]:
        """The rows of queries/web/<name>.cypher."""
        return self._read(web_query(name), params)

    def one(self, name: str, **params: Any) -> Optional[dict]:
        rows = self.query(name, **params)
        return rows[0] if rows else None
