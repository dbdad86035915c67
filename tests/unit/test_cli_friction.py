"""Issue 19, "CLI and first-run friction": what a new user met, each as a test.

Tables show paths readably and wrap the report questions; -o to a folder that does not exist is one
line and no file; unknown report names and names that match nothing get a "did you mean"; files of
other types in a folder are listed, and naming one says its type is unsupported.
"""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from graphbuild.cli import main
from graphbuild.output import display_path, render, write_output
from graphbuild.pipeline import DOCUMENT_SUFFIXES, discover

REFERAT = SAMPLES / "kkr-hovedstaden-referat-2020-06-19.txt"
AGENDAS = sorted(SAMPLES.glob("*dagsorden*.txt"))


def invoke(args, env=None):
    return CliRunner().invoke(main, args, env=env)


# ------------------------------------------------------------------ table output
def test_agenda_paths_in_a_table_are_told_apart(tmp_path, monkeypatch):
    """Three agenda files under a long absolute folder: each row still shows its own file name."""
    deep = tmp_path / ("a-rather-long-folder-name-" * 3) / "meeting documents" / "samples"
    deep.mkdir(parents=True)
    paths = []
    for a in AGENDAS:
        shutil.copy(a, deep / a.name)
        paths.append(str(deep / a.name))
    assert len(paths) >= 2
    monkeypatch.chdir(SAMPLES)  # the files are outside the current folder: paths stay absolute
    table = render(["doc", "line"], [{"doc": p, "line": 1} for p in paths])
    shown = [ln.split("  ")[0] for ln in table.splitlines()[2:-1]]
    assert len(set(shown)) == len(paths), shown
    for p, s in zip(paths, shown):
        assert s.endswith(p.rsplit("/", 1)[1]), (s, p)
        assert len(s) <= 60


def test_a_path_inside_the_current_folder_is_shown_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(str(tmp_path / "data" / "x.txt")) == "data/x.txt"


def test_prose_is_still_cut_at_the_end_and_csv_keeps_everything():
    quote = "Jacob Netteberg (B) indtræder i samarbejdsudvalget vedr. psykologhjælp i Hovedstaden i stedet for"
    table = render(["quote"], [{"quote": quote}])
    assert table.splitlines()[2].endswith("…") and len(table.splitlines()[2]) == 60
    assert quote in render(["quote"], [{"quote": quote}], "csv")


def test_report_list_wraps_the_questions_instead_of_cutting_them():
    from graphbuild.db.reports import list_reports

    result = invoke(["report", "list"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    lines = result.output.splitlines()
    start, end = lines[0].index("question"), lines[0].index("parameters")
    column = " ".join(ln[start:end].strip() for ln in lines[2:-1])  # the question column, read down
    for r in list_reports():
        assert r.question in column, r.name
    assert max(len(ln) for ln in lines) <= 100


# ------------------------------------------------------------------ -o to a place that cannot be written
@pytest.mark.parametrize("args", [
    ["extract", str(REFERAT)],
    ["report", "run", "who-represents", "-p", "municipality", "Rudersdal"],
    ["query", "RETURN 1 AS x"],
])
def test_output_to_a_missing_folder_is_one_line_and_no_file(tmp_path, args):
    target = tmp_path / "nonexistent" / "dir" / "x.csv"
    # An unreachable server proves the path is checked before any work is done.
    result = invoke(args + ["-o", str(target)], env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"})
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert lines == [f"Error: cannot write {target}: folder {target.parent} does not exist"], lines
    assert not target.exists() and not target.parent.exists()


def test_eval_json_to_a_missing_folder_is_one_line_before_any_server_starts(tmp_path):
    target = tmp_path / "nonexistent" / "x.json"
    result = invoke(["eval", str(ROOT / "tests" / "corpus" / "dev"), "--json", str(target)])
    assert result.exit_code == 1, result.output
    assert result.output.strip() == f"Error: cannot write {target}: folder {target.parent} does not exist"


def test_output_file_is_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out.csv"
    write_output(str(target), "a,b\n1,2\n")
    assert target.read_text() == "a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left behind
    folder = tmp_path / "x.csv"
    folder.mkdir()
    from graphbuild.errors import GraphbuildError

    with pytest.raises(GraphbuildError, match=r"cannot write .*x\.csv: it is a folder"):
        write_output(str(folder), "a\n")


# ------------------------------------------------------------------ did you mean
def test_unknown_report_name_suggests_the_close_one():
    result = invoke(["report", "run", "who-represent", "-p", "municipality", "Rudersdal"])
    assert result.exit_code == 2
    assert result.output.strip() == ('Error: unknown report \'who-represent\'; did you mean "who-represents"? '
                                     '(see `graphbuild report list`)')


def test_unknown_parameter_name_suggests_the_close_one():
    result = invoke(["report", "run", "seats-of-person", "-p", "persn", "Jacob Netteberg"])
    assert result.exit_code == 2
    assert "has no parameter 'persn'; did you mean \"person\"?" in result.output


def test_nothing_close_gets_no_suggestion():
    result = invoke(["report", "run", "zzzz-qqqq"])
    assert "did you mean" not in result.output and "unknown report 'zzzz-qqqq'" in result.output


# ------------------------------------------------------------------ other file types
def test_a_folder_lists_the_files_it_skipped_by_type(tmp_path):
    shutil.copy(REFERAT, tmp_path / "referat.txt")
    for name in ("a.docx", "b.docx", "c.png"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 not a document")
    found = discover([str(tmp_path)])
    assert [f.name for f in found.files] == ["referat.txt"]
    assert found.skipped == {".docx": 2, ".png": 1}
    assert found.skipped_line().startswith("skipped: 2 .docx, 1 .png (unsupported file types; supported: ")


def test_naming_a_docx_says_its_type_is_unsupported(tmp_path):
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK\x03\x04 not a document")
    found = discover([str(doc)])
    assert found.files == []
    supported = ", ".join(sorted(DOCUMENT_SUFFIXES))
    assert found.problems == [(str(doc), f"unsupported file type .docx (supported: {supported})")]
    assert ".txt" in supported and ".pdf" in supported


def test_extract_names_the_skipped_types(tmp_path):
    shutil.copy(REFERAT, tmp_path / "referat.txt")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    result = invoke(["extract", str(tmp_path), "-o", str(tmp_path / "facts.jsonl")])
    assert result.exit_code == 0, result.output
    assert "skipped: 1 .png (unsupported file types" in result.output


# ------------------------------------------------------------------ quiet installs
ROOT = SAMPLES.parent.parent


def _make_dry_run(target, venv):
    import subprocess

    return subprocess.run(["make", "-n", "-C", str(ROOT), target, f"VENV={venv}"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("target,stamp", [("install-dev", ".installed-dev"), ("install", ".installed")])
def test_make_installs_only_when_pyproject_changed(tmp_path, target, stamp):
    import os

    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("")  # the venv exists
    assert "pip install" in _make_dry_run(target, venv)  # never installed: install
    (venv / stamp).write_text("")
    newer = (ROOT / "pyproject.toml").stat().st_mtime + 10
    os.utime(venv / stamp, (newer, newer))
    assert "pip install" not in _make_dry_run(target, venv)  # installed since pyproject.toml changed: nothing
    os.utime(venv / stamp, (newer - 20, newer - 20))
    assert "pip install" in _make_dry_run(target, venv)  # pyproject.toml changed since: install again


def test_a_dev_install_satisfies_install(tmp_path):
    import os

    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("")
    (venv / ".installed-dev").write_text("")
    newer = (ROOT / "pyproject.toml").stat().st_mtime + 10
    os.utime(venv / ".installed-dev", (newer, newer))
    import subprocess

    out = subprocess.run(["make", "-C", str(ROOT), "install", f"VENV={venv}"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "pip install" not in out.stdout and (venv / ".installed").exists()


def test_pyproject_license_is_an_spdx_string_and_the_layout_is_declared():
    """The table form of project.license and the flat layout's import-hook editable install are
    what made setuptools print its deprecation and editable-install warnings on every install."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import re

        assert re.search(r'^license = "MIT"', text, re.M)
        assert re.search(r'^package-dir = \{ "" = "." \}', text, re.M)
        return
    data = tomllib.loads(text)
    assert data["project"]["license"] == "MIT"
    assert data["tool"]["setuptools"]["package-dir"] == {"": "."}
    assert any(r.replace(" ", "").startswith("setuptools>=77") for r in data["build-system"]["requires"])


# ------------------------------------------------------------------ first start: Maven's output
FAKE_MVN = r'''#!/bin/sh
# Prints what Maven -B prints on a first build (1,700 transfers), then "builds" the launcher.
for arg in "$@"; do case "$arg" in -DbuildDir=*) dir="${arg#-DbuildDir=}";; esac; done
echo "[INFO] Scanning for projects..."
i=0
while [ $i -lt 850 ]; do
  echo "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/neo4j/x$i/1.0/x$i-1.0.jar"
  echo "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/neo4j/x$i/1.0/x$i-1.0.jar (2.0 kB at 10 kB/s)"
  i=$((i+1))
done
echo "Progress (1): 12/40 kB"
echo "[WARNING] a warning worth reading"
echo "[INFO] BUILD SUCCESS"
mkdir -p "$dir/classes/graphbuild" "$dir/lib"
touch "$dir/classes/graphbuild/LocalNeo4j.class" "$dir/lib/a.jar" "$dir/lib/b.jar"
'''


def test_first_build_shows_a_summary_not_every_download(tmp_path, monkeypatch, capsys):
    from graphbuild.db.runtime import LocalNeo4j

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "mvn").write_text(FAKE_MVN)
    (bin_dir / "mvn").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("GRAPHBUILD_NEO4J_BUILD", str(tmp_path / "build"))
    shown: list[str] = []
    built = LocalNeo4j(home=tmp_path / "home").ensure_built(echo=shown.append)
    captured = capsys.readouterr()
    everything = shown + (captured.out + captured.err).splitlines()
    assert not [ln for ln in everything if "Download" in ln], "per-file transfer lines were shown"
    assert "[WARNING] a warning worth reading" in everything
    assert len(everything) <= 10, everything
    summary = everything[-1]
    assert summary.startswith("Neo4j launcher built: fetched 850 files (1.7 MB) from central in "), summary
    assert f"launcher and 2 jars in {built}" in summary


def test_maven_output_counts_both_transfer_forms():
    from graphbuild.db.launcher import MavenOutput

    m = MavenOutput(every=2, clock=iter([0.0, 75.0]).__next__)
    assert m.feed("Downloading from central: https://x/a.jar") is None
    assert m.feed("Downloaded from central: https://x/a.jar (1.5 MB at 3 MB/s)") is None
    assert m.feed("[INFO] Downloaded from central: https://x/b.pom (512 B at 1 kB/s)") == \
        "  … 2 files (2 MB) fetched so far"
    assert m.feed("[INFO] --- maven-compiler-plugin:3.13.0:compile ---") is None
    assert m.feed("[ERROR] COMPILATION ERROR") == "[ERROR] COMPILATION ERROR"
    assert m.summary().startswith("fetched 2 files (1.5 MB) from central in 75 s")


# ------------------------------------------------------------------ the Bolt port
def _busy_port():
    import socket

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen()
    return s, s.getsockname()[1]


def test_a_taken_default_port_moves_to_a_free_one_and_says_so(tmp_path):
    from graphbuild.db.runtime import LocalNeo4j, _port_free

    sock, port = _busy_port()
    with sock:
        (tmp_path / "neo4j").mkdir()
        (tmp_path / "neo4j" / "port").write_text(f"{port}\n")  # remembered from an earlier start
        rt = LocalNeo4j(home=tmp_path)
        assert rt.bolt_port == port
        said: list[str] = []
        chosen = rt._choose_port(said.append)
        assert chosen != port and _port_free(chosen) and rt.bolt_port == chosen
        assert rt.uri == f"bolt://127.0.0.1:{chosen}"
        assert said == [f"Port {port} is in use by another program; using {chosen} instead "
                        f"(remembered for the next start; choose with --bolt-port N)."]


def test_a_taken_port_the_user_asked_for_is_refused_with_a_free_one_suggested(tmp_path):
    from graphbuild.db.runtime import LocalNeo4j, Neo4jRuntimeError

    sock, port = _busy_port()
    with sock:
        rt = LocalNeo4j(home=tmp_path, bolt_port=port)
        with pytest.raises(Neo4jRuntimeError) as err:
            rt._choose_port(lambda m: None)
        msg = str(err.value)
        assert msg.startswith(f"port {port} on 127.0.0.1 is already in use by another program; port ")
        assert "graphbuild neo4j start --bolt-port" in msg and "make run PORT=" in msg


def test_make_run_passes_the_port():
    import subprocess

    out = subprocess.run(["make", "-n", "-C", str(ROOT), "run", "PORT=7699"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin"}).stdout
    assert "neo4j start --bolt-port 7699" in out
    plain = subprocess.run(["make", "-n", "-C", str(ROOT), "run"], capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin"}).stdout
    assert "neo4j start" in plain and "--bolt-port" not in plain


# ------------------------------------------------------------------ notebooks' pictures
def _colour_distance(a, b):
    """'Redmean' RGB distance (0..~765), a cheap approximation of how different two colours look."""
    from matplotlib.colors import to_rgb

    (r1, g1, b1), (r2, g2, b2) = ([x * 255 for x in to_rgb(c)] for c in (a, b))
    rm = (r1 + r2) / 2
    return ((2 + rm / 256) * (r1 - r2) ** 2 + 4 * (g1 - g2) ** 2 + (2 + (255 - rm) / 256) * (b1 - b2) ** 2) ** 0.5


def test_party_colours_differ_and_unknown_is_grey():
    from matplotlib.colors import to_rgb

    from graphbuild.figures import OTHER_COLOURS, PARTY_COLOURS, UNKNOWN, party_colours

    colours = party_colours(["A", "B", "C", "F", "I", "L", "O", "V", "Å", "Ø", UNKNOWN, "Lokalliste"])
    r, g, b = to_rgb(colours[UNKNOWN])
    assert r == g == b, "(unknown) must be grey"
    assert list(colours)[-1] == UNKNOWN  # last in the legend
    everything = list(PARTY_COLOURS.values()) + OTHER_COLOURS + [colours[UNKNOWN]]
    assert len(set(everything)) == len(everything)
    closest = min(_colour_distance(a, b) for i, a in enumerate(everything) for b in everything[i + 1:])
    assert closest >= 85, closest
    assert _colour_distance(colours["A"], colours[UNKNOWN]) >= 150  # the blues of the issue: far apart now
    assert len(set(colours.values())) == len(colours)


NETTEBERG_LINE = ("Gitte Kjær-Westermann (B) udtræder af samarbejdsudvalget vedr. psykologhjælp, og i stedet "
                  "indtræder Jacob Netteberg (B) fra Rudersdal Kommune. Det er i henhold til konstitueringsaftalen "
                  "Radikale Venstre, som besætter posten.")


def test_timeline_quote_is_cut_around_the_name():
    from graphbuild.figures import quote_around

    shown = quote_around(NETTEBERG_LINE, "Jacob Netteberg", 110)
    assert "Jacob Netteberg (B) fra Rudersdal Kommune" in shown and len(shown) <= 110
    assert shown.startswith("… ") and shown.endswith(" …")
    gitte = quote_around(NETTEBERG_LINE, "Gitte Kjær-Westermann", 110)
    assert gitte.startswith("Gitte Kjær-Westermann (B) udtræder") and len(gitte) <= 110
    assert quote_around("kort linje", "Jacob Netteberg", 110) == "kort linje"
    # Only the family name is written: still found.
    assert "Netteberg (B)" in quote_around(NETTEBERG_LINE.replace("Jacob ", ""), "Jacob Netteberg", 60)


def test_bipartite_labels_are_inside_the_saved_picture(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    from graphbuild.figures import draw_bipartite

    munis = ["Rudersdal Kommune", "Bornholms Regionskommune", "Lyngby-Taarbæk Kommune"]
    bodies = ["Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden",
              "politiske partnerskabsgruppe i det nuværende nationale DK2020-partnerskab", "Klynge Midt"]
    G = nx.Graph()
    for m in munis:
        for b in bodies:
            G.add_edge(m, b, how="seat")
    fig, ax = plt.subplots(figsize=(8, 4))
    labels = draw_bipartite(ax, G, munis, bodies, edge_styles={"seat": dict(edge_color="#d62828")})
    fig.savefig(tmp_path / "x.png", bbox_inches="tight")  # what the notebook does
    renderer = fig.canvas.get_renderer()
    saved = fig.get_tightbbox(renderer)  # the area bbox_inches="tight" keeps (inches)
    dpi = fig.dpi
    assert {t.get_text().replace("\n", " ") for t in labels} == set(munis) | set(bodies)
    for t in labels:
        assert not t.get_clip_on(), t.get_text()  # a clipped label is cut at the axes' edge
        box = t.get_window_extent(renderer)
        assert saved.x0 * dpi - 1 <= box.x0 and box.x1 <= saved.x1 * dpi + 1, t.get_text()
    plt.close(fig)


def test_table_quote_is_cut_around_the_rows_person():
    rows = [{"person": "Jacob Netteberg", "quote": NETTEBERG_LINE},
            {"person": "Gitte Kjær-Westermann", "quote": NETTEBERG_LINE}]
    lines = render(["person", "quote"], rows).splitlines()[2:4]
    assert "Jacob Netteberg (B)" in lines[0].split("  ", 1)[1]
    assert "Gitte Kjær-Westermann (B)" in lines[1].split("  ", 1)[1]
    assert all(len(ln.split("  ", 1)[1].strip()) <= 60 for ln in lines)
