"""Rewrite README.md's table of saved reports (between <!-- reports:start --> and <!-- reports:end -->)
from the headers of queries/*.cypher. Run after adding or changing a report:

    python scripts/readme_reports.py            # rewrite README.md
    python scripts/readme_reports.py --check    # exit 1 when README.md is out of date
"""
from __future__ import annotations

import sys
from pathlib import Path

from graphbuild.db.reports import bundled_dir, parse_report, with_readme_table

README = Path(__file__).resolve().parent.parent / "README.md"


def main(argv: list[str]) -> int:
    reports = [parse_report(f) for f in sorted(bundled_dir().glob("*.cypher"))]
    reports.sort(key=lambda r: r.name)
    text = README.read_text(encoding="utf-8")
    new = with_readme_table(text, reports)
    if "--check" in argv:
        if new != text:
            print("README.md's report table is out of date: run python scripts/readme_reports.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md: report table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
