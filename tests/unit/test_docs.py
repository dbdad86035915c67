"""Every command and every saved report is documented, and every command's --help teaches by example."""
from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.db.reports import list_reports

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        path = prefix + (name,)
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, path)


COMMANDS = list(all_commands(main))


def test_there_are_commands_to_check():
    assert len(COMMANDS) >= 15


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme(path):
    words = path.split()
    # "neo4j start" may be written as "graphbuild neo4j start" or in the combined "start / stop" row.
    assert f"graphbuild {words[0]}" in README, path
    if len(words) > 1:
        assert f"`{words[-1]}`" in README or f"graphbuild {path}" in README, path


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(main, path.split() + ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output or "example" in result.output, path


def test_every_report_is_in_the_readme():
    for report in list_reports():
        assert f"`{report.name}`" in README, report.name


def test_readme_report_table_is_generated_from_the_reports():
    """README.md's table between <!-- reports:start/end --> is what scripts/readme_reports.py writes."""
    from graphbuild.db.reports import bundled_dir, parse_report, with_readme_table

    reports = sorted((parse_report(f) for f in bundled_dir().glob("*.cypher")), key=lambda r: r.name)
    assert with_readme_table(README, reports) == README, "run: python scripts/readme_reports.py"
