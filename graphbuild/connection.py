"""One connection rule for the CLI, the tests and the notebooks.

Explicit options win, then the environment (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), then the local server that `graphbuild neo4j start` runs.
Any URI the official driver accepts works unchanged, including neo4j+s:// (Aura).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Optional

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from .errors import DatabaseError

CONNECT_TIMEOUT_S = 8.0
# execute_read/execute_write retry the driver's retryable errors (transient server errors, a lost
# connection) with exponential backoff, but never for longer than this: then the error reaches the user.
MAX_TRANSACTION_RETRY_S = 15.0


@dataclass(frozen=True)
class ConnectionSettings:
    uri: str
    user: str
    password: str
    database: Optional[str] = None
    source: str = "options"  # options | environment | local server

    def describe(self) -> str:
        db = f", database {self.database}" if self.database else ""
        return f"{self.uri} as {self.user}{db} (from {self.source})"


def resolve_settings(
    uri: Optional[str] = None,
    user: Optional[str] = None,
    password: Optional[str] = None,
    database: Optional[str] = None,
    env: Optional[dict] = None,
) -> ConnectionSettings:
    """Apply the connection rule; never starts anything."""
    env = os.environ if env is None else env
    database = database or env.get("NEO4J_DATABASE") or None
    if uri:
        return ConnectionSettings(
            uri, user or env.get("NEO4J_USER", "neo4j"), password or env.get("NEO4J_PASSWORD", ""), database, "options"
        )
    if env.get("NEO4J_URI"):
        return ConnectionSettings(
            env["NEO4J_URI"],
            user or env.get("NEO4J_USER", "neo4j"),
            password or env.get("NEO4J_PASSWORD", ""),
            database,
            "environment",
        )
    from .runtime import LocalNeo4j  # local import: the runtime is only needed for the fallback

    creds = LocalNeo4j().credentials()
    return ConnectionSettings(creds.uri, user or creds.user, password or creds.password, database, "local server")


def open_driver(settings: ConnectionSettings, verify: bool = True) -> neo4j.Driver:
    """A driver that has proven it can talk to the server, or a one-line DatabaseError."""
    try:
        driver = _driver(settings)
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise DatabaseError(f"cannot use Neo4j URI {settings.uri!r}: {_short(exc)}") from None
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError as exc:
            driver.close()
            raise DatabaseError(f"Neo4j at {settings.uri} refused the credentials for user {settings.user!r}: {exc.message}") from None
        except (ServiceUnavailable, OSError, ValueError) as exc:  # ValueError: "Cannot resolve address"
            driver.close()
            hint = " (start the local one with `graphbuild neo4j start`)" if settings.source == "local server" else ""
            raise DatabaseError(f"Neo4j at {settings.uri} is not reachable{hint}: {_short(exc)}") from None
        except neo4j.exceptions.Neo4jError as exc:
            driver.close()
            raise DatabaseError(f"Neo4j at {settings.uri} answered with an error: {exc.message}") from None
    return driver


def _driver(settings: ConnectionSettings) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        connection_timeout=CONNECT_TIMEOUT_S,
        max_transaction_retry_time=MAX_TRANSACTION_RETRY_S,
        # Server notifications (e.g. "unknown property" on an empty graph) are noise for our users.
        notifications_min_severity="OFF",
    )


def connect(uri=None, user=None, password=None, database=None) -> tuple[neo4j.Driver, ConnectionSettings]:
    settings = resolve_settings(uri, user, password, database)
    return open_driver(settings), settings


def _short(exc: BaseException) -> str:
    """One line with the cause: the driver's message spans lines, the cause (e.g. "Connection refused") last."""
    lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
    if not lines:
        return type(exc).__name__
    reason = re.search(r"reason (.+?)\)*$", lines[-1])
    if len(lines) > 1 and reason:
        return f"{lines[0].rstrip(':')}: {reason.group(1)}"
    return " ".join(lines)[:300]
