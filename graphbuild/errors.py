"""The one error type the pipeline raises for bad input or an unreachable database.

Its message is a single line that names the file (or URI) and the reason, so the
CLI can print it as-is and carry on with the next document.
"""


class GraphbuildError(Exception):
    """Base class: anything the user can act on."""


class InputError(GraphbuildError):
    """A document could not be read or understood."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class DatabaseError(GraphbuildError):
    """Neo4j could not be reached or refused a statement."""
