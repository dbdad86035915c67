"""The local server's Java launcher (graphbuild/db/neo4j_server: Neo4j embedded, Bolt on 127.0.0.1, auth on),
built once per hash of its pom and source: Maven fetches Neo4j's jars from Maven Central and compiles it.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Callable, Optional

from ..errors import GraphbuildError

MAIN_CLASS = "graphbuild.LocalNeo4j"
SOURCE_DIR = Path(__file__).resolve().parent / "neo4j_server"
POM_PATH = SOURCE_DIR / "pom.xml"
JAVA_SOURCE = SOURCE_DIR / "src" / "main" / "java" / "graphbuild" / "LocalNeo4j.java"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Neo4jRuntimeError(GraphbuildError):
    """The local Neo4j server could not be built, started or stopped."""


def neo4j_version() -> str:
    """The Neo4j version pinned in the launcher's pom.xml."""
    m = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", POM_PATH.read_text(encoding="utf-8"))
    return m.group(1).strip() if m else "unknown"


_MAVEN_TRANSFER = re.compile(r"^(?:\[INFO\] )?(Downloading|Downloaded|Uploading|Uploaded) from (\S+): (\S+)"
                             r"(?: \(([\d.,]+) (B|kB|KB|MB|GB) at [^)]*\))?")
_SIZE = {"B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9}


class MavenOutput:
    """Maven's batch output boiled down: the ~1,700 per-file transfer lines of a first build are
    counted (files, bytes, repositories), not shown; every [INFO] line is chatter; warnings and
    errors are shown; a progress line every `every` files fetched, and a one-line summary at the end."""

    def __init__(self, every: int = 250, clock: Callable[[], float] = time.monotonic):
        self.files = 0
        self.bytes = 0.0
        self.repos: dict[str, int] = {}
        self.every = every
        self.clock = clock
        self.t0 = clock()

    def feed(self, line: str) -> Optional[str]:
        """The line to show for one line of Maven output, or None."""
        m = _MAVEN_TRANSFER.match(line)
        if m:
            if m.group(1) != "Downloaded":
                return None  # "Downloading" is announced again as "Downloaded" with its size
            self.files += 1
            self.repos[m.group(2)] = self.repos.get(m.group(2), 0) + 1
            if m.group(4):
                self.bytes += float(m.group(4).replace(",", "")) * _SIZE[m.group(5)]
            if self.every and self.files % self.every == 0:
                return f"  … {self.files} files ({self.bytes / 1e6:.0f} MB) fetched so far"
            return None
        if line.startswith(("[WARNING]", "[ERROR]", "[FATAL]")) and line.strip() not in ("[WARNING]", "[ERROR]"):
            return line
        return None  # [INFO] chatter, blank lines, progress bars

    def summary(self) -> str:
        took = self.clock() - self.t0
        if not self.files:
            return f"nothing to fetch (Maven's local repository had every jar); {took:.0f} s"
        where = ", ".join(sorted(self.repos))
        return (f"fetched {self.files} files ({self.bytes / 1e6:.1f} MB) from {where} in {took:.0f} s, "
                f"cached in Maven's local repository (~/.m2/repository unless configured otherwise)")


def _jar_count(build_dir: Path) -> int:
    return len(list((build_dir / "lib").glob("*.jar")))


def build_hash() -> str:
    """The launcher's version: a hash of its pom and Java source."""
    h = hashlib.sha256()
    for p in (POM_PATH, JAVA_SOURCE):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def build(build_root: Path, echo: Callable[[str], object] = print) -> Path:
    """Compile the launcher and copy Neo4j's jars into build_root/<hash> (unless another process just did)."""
    target = build_root / build_hash()
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jRuntimeError("Maven (mvn) is not on PATH; it is needed once to fetch Neo4j's jars")
    build_root.mkdir(parents=True, exist_ok=True)
    with open(build_root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building the same hash
        if (target / ".complete").exists():
            return target
        tmp = build_root / f"{target.name}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        echo(f"Building the Neo4j {neo4j_version()} launcher into {target} "
             f"(first time: Maven downloads ~200 jars from Maven Central; this can take minutes)")
        cmd = [mvn, "-B", "-Dstyle.color=never", "-f", str(POM_PATH), f"-DbuildDir={tmp}", "package"]
        tail: list[str] = []
        maven = MavenOutput()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                text=True, errors="replace", cwd=str(SOURCE_DIR))
        assert proc.stdout is not None
        for line in proc.stdout:
            line = _ANSI.sub("", line).rstrip()
            tail = (tail + [line])[-40:]
            shown = maven.feed(line)
            if shown:
                echo(shown)
        rc = proc.wait()
        if rc != 0 or not (tmp / "classes" / "graphbuild" / "LocalNeo4j.class").exists():
            errs = [ln for ln in tail if "ERROR" in ln] or tail[-5:]
            shutil.rmtree(tmp, ignore_errors=True)
            raise Neo4jRuntimeError(f"building the Neo4j launcher failed (mvn exit {rc}): "
                                    + " | ".join(errs[:3]))
        (tmp / ".complete").write_text(" ".join(cmd) + "\n")
        shutil.rmtree(target, ignore_errors=True)
        os.rename(tmp, target)
        echo(f"Neo4j launcher built: {maven.summary()}; launcher and {_jar_count(target)} jars in {target}.")
    return target
