"""One connection rule for the CLI, the tests and the notebooks.

Explicit options win, then the environment (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), then the local server that `graphbuild neo4j start` runs.
Any URI the official driver accepts works unchanged, including neo4j+s:// (Aura).
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from typing import Optional

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from ..errors import DatabaseError

# The driver logs every retry and every broken connection as a multi-line warning; the commands
# report the outcome themselves, in one line. (No handler of ours: a notebook or a test may add one.)
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

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
    from .runtime import LocalNeo4j, Neo4jRuntimeError  # local import: only needed for the fallback

    # The local server's password goes only to the server graphbuild started and can identify (pid
    # file, launcher command line, and the listening socket owned by that process); nothing is
    # created or sent when it is not running.
    try:
        creds = LocalNeo4j().identified_credentials()
    except Neo4jRuntimeError as exc:
        raise DatabaseError(str(exc)) from None
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
            raise DatabaseError(f"Neo4j at {settings.uri} answered with an error: {_short(exc.message or exc)}") from None
        except Exception as exc:  # whatever a listener that is not Neo4j sends: a handshake error, a bad message
            driver.close()
            raise DatabaseError(f"{settings.uri} did not answer like a Neo4j server "
                                f"({type(exc).__name__}: {_short(exc)})") from None
    return driver


def _driver(settings: ConnectionSettings) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        connection_timeout=CONNECT_TIMEOUT_S,
        # The Bolt handshake waits until this deadline (default 60 s): a listener that never answers
        # (not Neo4j at all) must fail as fast as a closed port.
        connection_acquisition_timeout=CONNECT_TIMEOUT_S,
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
