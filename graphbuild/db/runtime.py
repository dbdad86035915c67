"""A local Neo4j 5.26 LTS Community server, run by graphbuild itself.

No Docker and no Neo4j tarball: Maven fetches the ``org.neo4j:neo4j`` jars from Maven
Central and compiles the tiny launcher in ``graphbuild/db/neo4j_server`` (see launcher.py; Neo4j embedded
via ``DatabaseManagementServiceBuilder`` with the Bolt connector on 127.0.0.1 and
authentication on). Everything lives under ``$GRAPHBUILD_HOME/neo4j`` (default
``~/.local/share/graphbuild/neo4j``)::

    data/          the store (plus data/graphbuild-password.sha256, see LocalNeo4j.java)
    logs/          Neo4j's own debug/query/security logs
    build/<hash>/  compiled launcher + runtime jars, keyed by a hash of pom + source
                   (override the parent dir with $GRAPHBUILD_NEO4J_BUILD)
    neo4j.log      the launcher's stdout/stderr (user log)
    neo4j.pid      pid of the java process
    port           the Bolt port in use
    password       random password for the ``neo4j`` user, mode 0600

The password reaches Java as a *file path*, never on a command line. The Java side
sets it on the system database before Bolt is opened, and a shutdown hook closes the
store cleanly on SIGTERM, which is what :meth:`LocalNeo4j.stop` sends.

Environment knobs: ``GRAPHBUILD_HOME``, ``GRAPHBUILD_NEO4J_BUILD``,
``GRAPHBUILD_NEO4J_HEAP`` (default ``2g``), ``GRAPHBUILD_NEO4J_PAGECACHE_MB`` (``512``),
``GRAPHBUILD_NEO4J_IMPORT_DIR`` (LOAD CSV may read files from this one directory; default: no
files at all; network URLs are always refused).

Credentials go to this server only when it can be identified: the pid file names a live process,
that process is this home's launcher, and it owns the socket listening on 127.0.0.1:PORT
(:meth:`LocalNeo4j.identify`). Reading commands never create the password file. The JVM does not
inherit ``NEO4J_*`` variables (a shell that ran ``eval "$(graphbuild neo4j env)"`` exports the password).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from . import launcher
from .launcher import MAIN_CLASS, Neo4jRuntimeError, neo4j_version

DEFAULT_BOLT_PORT = 7687
NEO4J_USER = "neo4j"

# Flags Neo4j's own launcher uses on JDK 17; without the add-opens Neo4j falls back to
# slower paths and logs warnings (e.g. it cannot evict transaction logs from the OS cache).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
]

_GENERIC_JVM_LINES = {
    "Error: A fatal exception has occurred. Program will exit.",
    "Error: Could not create the Java Virtual Machine.",
}

# Children started by this Python process, so we can reap them (a dead child we never
# wait() for stays a zombie and would still look "alive" to kill(pid, 0)).
_CHILDREN: dict[int, subprocess.Popen] = {}


def default_home() -> Path:
    """``$GRAPHBUILD_HOME``, else ``~/.local/share/graphbuild``."""
    env = os.environ.get("GRAPHBUILD_HOME")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".local" / "share" / "graphbuild"


@dataclass
class LocalCredentials:
    uri: str
    user: str
    password: str


def _pid_alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        _CHILDREN.pop(pid, None)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else (cmdline check below decides)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False  # zombie: exited, waiting for its parent to reap it
    except (OSError, IndexError):
        pass
    return True


def _last_log_line(path: Path, since: int = 0) -> str:
    """The most telling line of the log written since offset `since`: the last line
    that is not a stack frame, so a crash shows the exception, not 'at java.base...'."""
    try:
        with open(path, "rb") as fh:
            fh.seek(since)
            lines = fh.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return ""
    lines = [ln for ln in lines if ln.strip()]
    for ln in reversed(lines):
        s = ln.strip()
        if s.startswith(("at ", "...", "Suppressed:")) or s in _GENERIC_JVM_LINES:
            continue
        return s
    return lines[-1].strip() if lines else ""


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # SO_REUSEADDR: a socket of our own previous run in TIME_WAIT is not "in use";
        # a listening socket (ours or anyone's, incl. on 0.0.0.0) still is.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _listens_on(pid: int, port: int) -> Optional[bool]:
    """Whether process `pid` owns a TCP socket listening on `port`; None when that cannot be seen."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is a dependency
        return None
    try:
        proc = psutil.Process(pid)
        conns = proc.net_connections(kind="tcp") if hasattr(proc, "net_connections") else proc.connections(kind="tcp")
    except psutil.NoSuchProcess:
        return False
    except (psutil.Error, OSError):
        return None
    return any(c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port for c in conns)


def next_free_port(start: int, tries: int = 50) -> Optional[int]:
    """The first port from `start` on that nothing listens on (127.0.0.1), or None."""
    for port in range(start, min(start + tries, 65536)):
        if _port_free(port):
            return port
    return None


class LocalNeo4j:
    """Start, stop and query the local server living under ``home/neo4j``."""

    def __init__(self, home: Optional[Path] = None, bolt_port: Optional[int] = None,
                 import_dir: Optional[Path] = None):
        self.home = (Path(home).expanduser() if home is not None else default_home()).absolute()
        self.neo4j_dir = self.home / "neo4j"
        self.data_dir = self.neo4j_dir / "data"
        self.log_path = self.neo4j_dir / "neo4j.log"
        self.pid_path = self.neo4j_dir / "neo4j.pid"
        self.password_path = self.neo4j_dir / "password"
        self.port_path = self.neo4j_dir / "port"
        self.lock_path = self.neo4j_dir / ".lock"
        build_env = os.environ.get("GRAPHBUILD_NEO4J_BUILD")
        self.build_root = Path(build_env).expanduser() if build_env else self.neo4j_dir / "build"
        # A port the caller asked for is kept (or refused); the default or remembered one may move
        # to a free port when another program holds it (see _choose_port).
        self.port_asked = bolt_port is not None
        if bolt_port is None:
            bolt_port = self._port_from_file() or DEFAULT_BOLT_PORT
        self.bolt_port = int(bolt_port)
        if import_dir is None and os.environ.get("GRAPHBUILD_NEO4J_IMPORT_DIR"):
            import_dir = Path(os.environ["GRAPHBUILD_NEO4J_IMPORT_DIR"])
        self.import_dir = Path(import_dir).expanduser().absolute() if import_dir is not None else None

    # ------------------------------------------------------------------ files
    def _port_from_file(self) -> Optional[int]:
        try:
            return int(self.port_path.read_text().strip())
        except (OSError, ValueError):
            return None

    def _read_pid(self) -> Optional[int]:
        try:
            return int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return None

    def _ensure_dir(self) -> None:
        self.neo4j_dir.mkdir(parents=True, exist_ok=True)

    def _password(self) -> str:
        self._ensure_dir()
        try:
            fd = os.open(self.password_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if (self.password_path.stat().st_mode & 0o777) != 0o600:
                os.chmod(self.password_path, 0o600)
            pw = self.password_path.read_text(encoding="utf-8").strip()
            if not pw:
                raise Neo4jRuntimeError(f"{self.password_path}: empty password file; delete it to get a new one")
            return pw
        pw = secrets.token_urlsafe(24)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(pw + "\n")
        return pw

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def credentials(self) -> LocalCredentials:
        """bolt://127.0.0.1:PORT, user neo4j, the password from the file (created if needed)."""
        return LocalCredentials(self.uri, NEO4J_USER, self._password())

    def existing_password(self) -> Optional[str]:
        """The password from the file, or None when there is none yet (never creates it)."""
        try:
            pw = self.password_path.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return pw or None

    def identify(self) -> tuple[Optional[int], str]:
        """(pid, "") when this home's server runs and is the process listening on 127.0.0.1:PORT;
        otherwise (None, why). Checked before any password is sent to the port."""
        pid = self._running_pid()
        if pid is None:
            return None, (f"the local Neo4j is not running (no live graphbuild server in {self.neo4j_dir}); "
                          f"start it with `graphbuild neo4j start`, or give --uri / NEO4J_URI")
        listens = _listens_on(pid, self.bolt_port)
        if listens is False:
            if _port_free(self.bolt_port):
                return None, (f"the local Neo4j (pid {pid}) is not listening on 127.0.0.1:{self.bolt_port} "
                              f"(yet); see {self.log_path}")
            return None, (f"the process listening on 127.0.0.1:{self.bolt_port} is not the local Neo4j "
                          f"graphbuild started (pid {pid}); not sending the password")
        # True, or None: the sockets of the process cannot be seen here; the pid file and the
        # launcher's command line are then all there is to go by.
        return pid, ""

    def identified_credentials(self) -> LocalCredentials:
        """The credentials, only for the identified running server (Neo4jRuntimeError otherwise)."""
        pid, why = self.identify()
        if pid is None:
            raise Neo4jRuntimeError(why)
        pw = self.existing_password()
        if pw is None:
            raise Neo4jRuntimeError(f"the local Neo4j runs but {self.password_path} is missing or empty; "
                                    f"restart it with `graphbuild neo4j stop && graphbuild neo4j start`")
        return LocalCredentials(self.uri, NEO4J_USER, pw)

    # ------------------------------------------------------------------ state
    def _running_pid(self) -> Optional[int]:
        pid = self._read_pid()
        if pid is None or not _pid_alive(pid):
            return None
        # Guard against pid reuse: the process must be *our* launcher for *this* home.
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return pid  # no /proc (not Linux): trust the pid file
        args = [a.decode("utf-8", "replace") for a in cmdline]
        if MAIN_CLASS not in args:
            return None
        home_arg = args[args.index(MAIN_CLASS) + 1] if args.index(MAIN_CLASS) + 1 < len(args) else ""
        if home_arg == str(self.neo4j_dir):
            return pid
        with contextlib.suppress(OSError):  # same directory spelled differently (symlinks)
            if os.path.samefile(home_arg, self.neo4j_dir):
                return pid
        return None

    def is_running(self) -> bool:
        """The launcher process recorded in the pid file is alive."""
        return self._running_pid() is not None

    def answers(self, timeout: float = 3.0) -> bool:
        """This home's server is identified (:meth:`identify`), and Bolt on 127.0.0.1:PORT accepts
        the credentials. Nothing is sent to a port some other process listens on."""
        import neo4j

        try:
            creds = self.identified_credentials()
        except Neo4jRuntimeError:
            return False
        try:
            with neo4j.GraphDatabase.driver(
                creds.uri, auth=(creds.user, creds.password), connection_timeout=timeout, max_connection_lifetime=30
            ) as drv:
                drv.verify_connectivity()
            return True
        except Exception:
            return False

    # ------------------------------------------------------------------ build (graphbuild/db/launcher.py)
    def build_hash(self) -> str:
        return launcher.build_hash()

    @property
    def build_dir(self) -> Path:
        return self.build_root / self.build_hash()

    def classpath(self) -> str:
        return os.pathsep.join([str(self.build_dir / "classes"), str(self.build_dir / "lib" / "*")])

    def _is_built(self) -> bool:
        return (self.build_dir / ".complete").exists()

    def ensure_built(self, echo: Callable[[str], object] = print) -> Path:
        """Compile the launcher and copy Neo4j's jars (once per pom/source hash)."""
        if not self._is_built():
            launcher.build(self.build_root, echo)
        return self.build_dir

    # ------------------------------------------------------------------ start / stop
    @contextlib.contextmanager
    def _locked(self):
        self._ensure_dir()
        with open(self.lock_path, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            yield

    def _java(self) -> str:
        java_home = os.environ.get("JAVA_HOME")
        if java_home and (Path(java_home) / "bin" / "java").exists():
            return str(Path(java_home) / "bin" / "java")
        java = shutil.which("java")
        if not java:
            raise Neo4jRuntimeError("Java 17+ is not on PATH (nor in $JAVA_HOME); Neo4j 5.26 needs it")
        return java

    def start(self, timeout: float = 600, echo: Callable[[str], object] = print) -> bool:
        """Start the server and wait until Bolt answers with the credentials.

        Returns False (and says so) if it was already running, True if it started.
        """
        t0 = time.monotonic()
        deadline = t0 + timeout
        if not self.is_running():
            # The first build takes minutes: do it before taking the home lock, so a
            # concurrent `stop`/`status` is not blocked behind Maven.
            self._java()
            self.ensure_built(echo)
        with self._locked():
            pid = self._running_pid()
            if pid is not None:
                running_port = self._port_from_file() or self.bolt_port
                if running_port != self.bolt_port:
                    echo(f"Neo4j is already running on port {running_port}, not {self.bolt_port}; "
                         f"stop it first to change the port")
                    self.bolt_port = running_port
                already, since = pid, 0
            else:
                already = None
                pid, since = self._spawn(echo)
        # Wait outside the lock, so `stop` (or another `start`) is not blocked meanwhile.
        self._wait_answers(deadline, timeout, pid, since)
        if already is not None:
            echo(f"Neo4j is already running on {self.uri} (pid {pid}); nothing to do.")
            return False
        echo(f"Neo4j is ready on {self.uri} ({time.monotonic() - t0:.1f} s).")
        return True

    def _spawn(self, echo: Callable[[str], object]) -> tuple[int, int]:
        """Start the java process (caller holds the lock); returns (pid, log offset)."""
        if self.pid_path.exists():
            echo(f"Removing stale pid file {self.pid_path} (process {self._read_pid()} is gone).")
            self.pid_path.unlink(missing_ok=True)
        self._choose_port(echo)
        java = self._java()
        self.ensure_built(echo)  # normally already done by start(), outside the lock
        self._password()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.neo4j_dir, 0o700)

        heap = os.environ.get("GRAPHBUILD_NEO4J_HEAP", "2g")
        pagecache_mb = os.environ.get("GRAPHBUILD_NEO4J_PAGECACHE_MB", "512")
        cmd = [java, f"-Xmx{heap}", *JVM_FLAGS, "-cp", self.classpath(), MAIN_CLASS,
               str(self.neo4j_dir), str(self.bolt_port), str(self.password_path), pagecache_mb,
               str(self.import_dir) if self.import_dir else ""]
        # The password reaches Java as a file; a NEO4J_PASSWORD exported in this shell stays here.
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        with open(self.log_path, "ab") as log:
            log.write(f"==== graphbuild: starting Neo4j {neo4j_version()} on {self.uri} at "
                      f"{time.strftime('%Y-%m-%d %H:%M:%S')} ====\n".encode())
            log.flush()
            since = log.tell()
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    cwd=str(self.neo4j_dir), start_new_session=True, close_fds=True, env=env)
        _CHILDREN[proc.pid] = proc
        self.pid_path.write_text(f"{proc.pid}\n")
        self.port_path.write_text(f"{self.bolt_port}\n")
        echo(f"Starting Neo4j {neo4j_version()} on {self.uri} (pid {proc.pid}, log {self.log_path})")
        return proc.pid, since

    def _choose_port(self, echo: Callable[[str], object]) -> int:
        """Keep the Bolt port when it is free. When another program holds it: a port the user asked
        for is refused with a free one suggested; the default or remembered port moves to the next
        free one, said in one line (the port file then remembers it for later starts)."""
        if _port_free(self.bolt_port):
            return self.bolt_port
        free = next_free_port(self.bolt_port + 1)
        if self.port_asked or free is None:
            hint = f"; port {free} is free: graphbuild neo4j start --bolt-port {free} (or make run PORT={free})" \
                if free else "; pick another with graphbuild neo4j start --bolt-port N"
            raise Neo4jRuntimeError(f"port {self.bolt_port} on 127.0.0.1 is already in use by another program{hint}")
        echo(f"Port {self.bolt_port} is in use by another program; using {free} instead "
             f"(remembered for the next start; choose with --bolt-port N).")
        self.bolt_port = free
        return free

    def _wait_answers(self, deadline: float, timeout: float, pid: int, since: int) -> None:
        while True:
            if self.answers():
                return
            if not _pid_alive(pid):
                self.pid_path.unlink(missing_ok=True)
                raise Neo4jRuntimeError(
                    f"Neo4j did not answer on {self.uri} within {timeout:g} s; see {self.log_path} "
                    f"(the process exited; last log line: {_last_log_line(self.log_path, since)})")
            if time.monotonic() >= deadline:
                raise Neo4jRuntimeError(
                    f"Neo4j did not answer on {self.uri} within {timeout:g} s; see {self.log_path} "
                    f"(process {pid} still running; last log line: {_last_log_line(self.log_path, since)})")
            time.sleep(0.5)

    def stop(self, timeout: float = 60) -> bool:
        """SIGTERM the server and wait for a clean exit. False if it was not running."""
        with self._locked():
            pid = self._running_pid()
            if pid is None:
                self.pid_path.unlink(missing_ok=True)  # stale or absent: harmless
                return False
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.pid_path.unlink(missing_ok=True)
                return False
            end = time.monotonic() + timeout
            while _pid_alive(pid):
                if time.monotonic() >= end:
                    raise Neo4jRuntimeError(
                        f"Neo4j (pid {pid}) did not stop within {timeout:g} s after SIGTERM; see {self.log_path}")
                time.sleep(0.2)
            _CHILDREN.pop(pid, None)
            self.pid_path.unlink(missing_ok=True)
            return True
