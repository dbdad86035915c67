"""Issue 16: probes of a hostile or careless user, each one a test that failed before its fix.

* `graphbuild query` and reports refuse LOAD CSV, transaction management, administration commands and
  procedures outside an allow-list, judged from the server's own plan (EXPLAIN), so a comment or a string
  literal neither defeats nor trips the check; the local server itself refuses file and network URLs in
  LOAD CSV unless the user opts in with one import directory;
* a user report cannot shadow a bundled one without saying so;
* credentials go only to the URI the user gave or to the local server graphbuild started and can
  identify (its pid file, its command line, and the listening socket owned by that very process);
  a fake listener gets nothing, a non-Bolt listener or a fake Bolt reply gives one line, fast;
* the JVM does not inherit NEO4J_PASSWORD; --password-file keeps the password out of `ps`;
  a server lost mid-command prints one line, not the driver's retry warnings.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import main

ROOT = Path(__file__).resolve().parents[2]
GRAPHBUILD = str(Path(sys.executable).with_name("graphbuild"))


def one_error_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_a_user_report_cannot_shadow_a_bundled_one_silently(tmp_path):
    (tmp_path / "who-represents.cypher").write_text(
        "// name: who-represents\n// question: Not the real one\nRETURN 1 AS x\n", encoding="utf-8")
    env = {"GRAPHBUILD_REPORTS": str(tmp_path)}
    for args in (["report", "show", "who-represents"], ["report", "list"]):
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 0, result.output
        assert (f"warning: report 'who-represents' from {tmp_path / 'who-represents.cypher'} replaces the bundled one"
                in result.output), result.output


# ------------------------------------------------------------------ 2: credentials only to identified servers
class FakeListener:
    """Accepts connections on 127.0.0.1 and records every byte it is sent; replies with `reply`
    (None: never answers, like a stuck service)."""

    def __init__(self, port: int = 0, reply: bytes | None = None):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.reply = reply
        self.received = b""
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        self.sock.settimeout(0.2)
        conns = []
        while not self._stop:
            try:
                c, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conns.append(c)
            threading.Thread(target=self._talk, args=(c,), daemon=True).start()
        for c in conns:
            c.close()

    def _talk(self, c):
        c.settimeout(0.5)
        sent = False
        while not self._stop:
            try:
                data = c.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if not data:
                return
            self.received += data
            if self.reply is not None and not sent:
                sent = True
                try:
                    c.sendall(self.reply)
                except OSError:
                    return

    def close(self):
        self._stop = True
        self.thread.join(2)
        self.sock.close()


def _home_with_stale_state(tmp_path: Path, port: int, pid: int | None = None) -> Path:
    home = tmp_path / "home"
    (home / "neo4j").mkdir(parents=True)
    (home / "neo4j" / "port").write_text(f"{port}\n")
    (home / "neo4j" / "password").write_text("the-local-password-xyz\n")
    os.chmod(home / "neo4j" / "password", 0o600)
    if pid is not None:
        (home / "neo4j" / "neo4j.pid").write_text(f"{pid}\n")
    return home


def _env_without_neo4j(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(extra)
    return env


def test_no_password_to_a_listener_when_the_local_server_is_down(tmp_path):
    fake = FakeListener()
    try:
        home = _home_with_stale_state(tmp_path, fake.port)
        proc = subprocess.run([GRAPHBUILD, "summary"], capture_output=True, text=True, timeout=60,  # a hang fails
                              env=_env_without_neo4j(GRAPHBUILD_HOME=str(home)))
    finally:
        fake.close()
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "not running" in err[0] and "graphbuild neo4j start" in err[0], proc.stderr
    assert fake.connections == 0 and b"the-local-password-xyz" not in fake.received


def test_no_password_to_an_impostor_that_looks_like_the_launcher(tmp_path):
    """A live process whose command line mimics the launcher for this home, and a listener on the
    port file's port that this process does not own: not identified, nothing sent."""
    fake = FakeListener()
    home = _home_with_stale_state(tmp_path, fake.port)
    impostor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "graphbuild.LocalNeo4j",
                                 str(home / "neo4j")])
    (home / "neo4j" / "neo4j.pid").write_text(f"{impostor.pid}\n")
    try:
        proc = subprocess.run([GRAPHBUILD, "query", "RETURN 1 AS n"], capture_output=True, text=True, timeout=60,
                              env=_env_without_neo4j(GRAPHBUILD_HOME=str(home)))
    finally:
        impostor.kill()
        impostor.wait()
        fake.close()
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "not sending the password" in err[0], proc.stderr
    assert fake.connections == 0 and b"the-local-password-xyz" not in fake.received


def test_a_fresh_home_never_tries_port_7687_and_creates_no_password(tmp_path):
    home = tmp_path / "fresh"
    result = CliRunner().invoke(main, ["summary"], env={"GRAPHBUILD_HOME": str(home), "NEO4J_URI": None,
                                                        "NEO4J_PASSWORD": None, "NEO4J_USER": None})
    assert result.exit_code == 1
    assert "not running" in one_error_line(result)
    assert not (home / "neo4j" / "password").exists()
    status = CliRunner().invoke(main, ["neo4j", "status"], env={"GRAPHBUILD_HOME": str(home)})
    assert status.exit_code == 1
    assert not (home / "neo4j" / "password").exists()


@pytest.mark.parametrize("reply", [None, b"HTTP/1.1 400 Bad Request\r\n\r\n", b"\x00\x00\x04\x05",
                                   b"\x00\x00\x04\x05\x00\x02\xb1\x7f\x00\x00", b"\x00\x00\x04\x04" + b"\xff" * 64,
                                   b"\x00\x00\x05\x04"],
                         ids=["silent", "http", "bolt5-handshake-only", "bolt5-garbage", "bolt4-garbage",
                              "unknown-version"])
def test_a_fake_server_at_an_explicit_uri_gives_one_line_within_the_connect_timeout(reply):
    fake = FakeListener(reply=reply)
    try:
        t = time.monotonic()
        proc = subprocess.run([GRAPHBUILD, "--uri", f"bolt://127.0.0.1:{fake.port}", "--password", "pw-for-fake",
                               "summary"], capture_output=True, text=True, timeout=90, env=_env_without_neo4j())
        took = time.monotonic() - t
    finally:
        fake.close()
    assert proc.returncode == 1, proc.stdout + proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: ") and f"127.0.0.1:{fake.port}" in err[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert took < 12, took


# ------------------------------------------------------------------ 5: mixed encodings
REFERAT = ROOT / "data" / "samples" / "kkr-hovedstaden-referat-2020-06-19.txt"


def _people(facts: dict) -> set[str]:
    return {a["person"]["name"] for a in facts["attendance"]}


def _mixed_copy(tmp_path: Path) -> tuple[Path, int]:
    """The referat in UTF-8 with its last third re-encoded as cp1252 (an editor appending to a file):
    returns the file and the first line whose cp1252 bytes are not UTF-8 (its first non-ASCII line)."""
    lines = REFERAT.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = 2 * len(lines) // 3
    tail = "".join(lines[cut:])
    tail = tail.encode("cp1252", errors="replace")
    p = tmp_path / "mixed-referat.txt"
    p.write_bytes("".join(lines[:cut]).encode("utf-8") + tail)
    first = next(i for i in range(cut, len(lines)) if not lines[i].isascii())
    return p, first + 1


def test_utf8_with_a_cp1252_tail_is_decoded_per_run_and_the_repair_is_reported(tmp_path):
    mixed, first_cp1252 = _mixed_copy(tmp_path)
    want = CliRunner().invoke(main, ["extract", str(REFERAT)])
    got = CliRunner().invoke(main, ["extract", str(mixed)])
    assert want.exit_code == 0 and got.exit_code == 0, got.output
    want_facts = json.loads(want.stdout.splitlines()[0])
    got_facts = json.loads(got.stdout.splitlines()[0])
    assert _people(got_facts) == _people(want_facts) and len(_people(want_facts)) > 7
    assert "Ã" not in got.stdout  # no UTF-8 read as cp1252 ("Ã¸" for "ø")
    warnings = [ln for ln in got.stderr.splitlines() if ln.startswith("warning: ")]
    assert len(warnings) == 1, got.stderr
    assert str(mixed) in warnings[0] and "cp1252" in warnings[0] and f"line {first_cp1252}" in warnings[0], warnings


def test_a_pure_cp1252_file_is_no_repair(tmp_path):
    p = tmp_path / "cp.txt"
    p.write_bytes(REFERAT.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    got = CliRunner().invoke(main, ["extract", str(p)])
    assert got.exit_code == 0 and "warning" not in got.stderr, got.stderr


# ------------------------------------------------------------------ 6: file names
SMALL_SAMPLE = ROOT / "data" / "samples" / "kkr-hovedstaden-dagsorden-2023-04-21.txt"


def _bytes_dir(tmp_path: Path) -> bytes:
    d = tmp_path / "names"
    d.mkdir()
    return os.fsencode(d)


def test_a_non_utf8_file_name_fails_alone_and_extract_o_keeps_the_others(tmp_path):
    d = _bytes_dir(tmp_path)
    with open(os.path.join(d, b"\xff\xfe-referat.txt"), "wb") as fh:
        fh.write(SMALL_SAMPLE.read_bytes())
    (Path(os.fsdecode(d)) / "good.txt").write_bytes(SMALL_SAMPLE.read_bytes() + b"\n")
    out = tmp_path / "facts.jsonl"
    proc = subprocess.run([GRAPHBUILD, "extract", os.fsdecode(d), "-o", str(out)], capture_output=True, timeout=120)
    err = proc.stderr.decode("utf-8")  # must itself be valid UTF-8
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    failed = [ln for ln in err.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 1 and "\\xff\\xfe-referat.txt" in failed[0] and "not valid UTF-8" in failed[0], err
    docs = out.read_text(encoding="utf-8").splitlines()
    assert len(docs) == 1 and json.loads(docs[0])["path"].endswith("good.txt")


def test_a_newline_in_a_file_name_cannot_forge_a_failed_line(tmp_path):
    d = tmp_path / "nl"
    d.mkdir()
    (d / "a.txt\nfailed: FORGED: forged.txt").write_bytes(b"not a meeting at all\n")
    result = CliRunner().invoke(main, ["extract", str(d)])
    assert result.exit_code == 1
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 1, result.stderr
    assert "a.txt\\nfailed: FORGED: forged.txt" in failed[0]
    assert not any(ln.startswith("failed: FORGED") for ln in result.stderr.splitlines())


NO_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def test_an_unreadable_file_named_on_the_command_line_fails_alone(tmp_path):
    """As root the test drops the capabilities that let root read anything (setpriv), so chmod 000
    really makes the file unreadable, as it is for any other user."""
    locked = tmp_path / "locked.txt"
    locked.write_bytes(SMALL_SAMPLE.read_bytes())
    locked.chmod(0)
    good = tmp_path / "good.txt"
    good.write_bytes(SMALL_SAMPLE.read_bytes())
    prefix = NO_DAC if os.geteuid() == 0 else []
    probe = subprocess.run(prefix + ["cat", str(locked)], capture_output=True)
    assert probe.returncode != 0, "premise: the file must be unreadable for the command"
    proc = subprocess.run(prefix + [GRAPHBUILD, "extract", str(locked), str(good)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1, proc.stderr
    failed = [ln for ln in proc.stderr.splitlines() if ln.startswith("failed: ")]
    assert failed == [f"failed: {locked}: cannot read file (Permission denied)"], proc.stderr
    assert len(proc.stdout.splitlines()) == 1 and json.loads(proc.stdout)["path"] == str(good)


# ------------------------------------------------------------------ 7: a page cap for PDFs
def _blank_pdf(path: Path, pages: int) -> Path:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(width=200, height=200)
    with open(path, "wb") as fh:
        w.write(fh)
    return path


def test_a_pdf_over_the_page_cap_fails_with_its_own_reason(tmp_path, monkeypatch):
    from graphbuild import pipeline, read

    assert read.MAX_PDF_PAGES == 2000  # the documented default (docs/reliability.md)
    monkeypatch.setattr(read, "MAX_PDF_PAGES", 5)
    big = _blank_pdf(tmp_path / "many-pages.pdf", 6)
    e = pipeline.extract_one(str(big))
    assert e.error == "PDF has 6 pages (the limit is 5; set GRAPHBUILD_MAX_PDF_PAGES to change it)"
    ok = _blank_pdf(tmp_path / "few-pages.pdf", 5)
    assert pipeline.extract_one(str(ok)).error == "no text layer (scanned?)"  # under the cap: read as usual


def test_the_pdf_page_cap_is_configurable(tmp_path):
    big = _blank_pdf(tmp_path / "many-pages.pdf", 4)
    proc = subprocess.run([GRAPHBUILD, "extract", str(big)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GRAPHBUILD_MAX_PDF_PAGES": "3"})
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"failed: {big}: PDF has 4 pages (the limit is 3; set GRAPHBUILD_MAX_PDF_PAGES to change it)"


# ------------------------------------------------------------------ 4: retract and replace leave no stale text
