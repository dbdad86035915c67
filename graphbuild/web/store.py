"""The pages' only way to the graph: the saved reports (queries/*.cypher, run as they are) and the pages'
own read statements (queries/web/*.cypher, same header format), with the values as parameters. A page's
statements run in one READ transaction (`Store.reading`): one session and one commit per page, not per
statement. Nothing here writes, and no Cypher text lives in Python."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Optional, TypeVar

import neo4j

from ..db.reports import Report, get_report, parse_report
from ..db.statements import project_folder
from ..output import plain

T = TypeVar("T")


@lru_cache(maxsize=None)
def web_query(name: str) -> Report:
    """queries/web/<name>.cypher, parsed like a saved report (header: question, params, columns)."""
    return parse_report(project_folder("queries") / "web" / f"{name}.cypher")


@lru_cache(maxsize=None)
def saved_report(name: str) -> Report:
    return get_report(name)


class Store:
    """Runs the pages' statements on one driver (the CLI's connection rule made it); inside `reading`, all
    in the same READ transaction."""

    def __init__(self, driver: neo4j.Driver, database: Optional[str] = None, tx=None):
        self.driver, self.database, self._tx = driver, database, tx

    def reading(self, build: Callable[["Store"], T]) -> T:
        """build(store) with every statement it runs in one READ transaction (retried as a whole by the
        driver on a transient error: building a page has no side effects)."""
        if self._tx is not None:
            return build(self)
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(lambda tx: build(Store(self.driver, self.database, tx)))

    def _read(self, report: Report, params: dict) -> list[dict]:
        values = {p.name: p.example for p in report.params if p.optional}
        values.update(params)
        cypher = report.cypher
        if self._tx is None:
            return self.reading(lambda store: store._read(report, params))
        return [{k: plain(v) for k, v in r.items()} for r in self._tx.run(cypher, values).data()]

    def report(self, name: str, **params: Any) -> list[dict]:
        """A saved report's rows (the same Cypher `graphbuild report run` runs)."""
        return self._read(saved_report(name), params)

    def query(self, name: str, **params: Any) -> list[dict]:
        """The rows of queries/web/<name>.cypher."""
        return self._read(web_query(name), params)

    def one(self, name: str, **params: Any) -> Optional[dict]:
        rows = self.query(name, **params)
        return rows[0] if rows else None
