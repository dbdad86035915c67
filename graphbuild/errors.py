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


_LINE_BREAKING = {0x85, 0x2028, 0x2029}


def printable(text) -> str:
    """Text safe to print on one line: control characters and line separators as escapes
    (a newline in a file name cannot start a forged `failed:` line), and the undecodable bytes of a
    non-UTF-8 file name (surrogates) as \\xNN."""
    out = []
    for ch in str(text):
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
            out.append(f"\\x{o - 0xDC00:02x}")
        elif 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or 0x7F <= o <= 0x9F or o in _LINE_BREAKING:
            out.append(f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)
