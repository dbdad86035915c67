#!/usr/bin/env python3
"""Set the accuracy floors (tests/corpus/floors.json) from fresh `graphbuild eval --json` outputs.

    graphbuild eval tests/corpus/dev --json dev.json
    graphbuild eval tests/corpus/samples --json samples.json
    python scripts/accuracy_floors.py dev=dev.json samples=samples.json

Each floor is the measured value minus MARGIN, rounded down to three decimals (just under the last
measurement); a floor is only ever raised, unless --allow-lower is given (a lower floor needs a reason
in the commit message and in docs/accuracy.md). The person-duplicate count is a ceiling.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

FLOORS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "floors.json"
MARGIN = 0.005
# Precision on a handful of facts is noise (1 of 1 found -> 100 %): it gets a floor once the graph holds this many
# facts of the kind. Documents are the exception: accepting a negative example is always a regression.
MIN_GRAPH_FOR_PRECISION = 20
COMMENT = ("Regression guard (tests/integration/test_accuracy.py): every figure of `graphbuild eval` must stay at or above "
           "its floor (person_duplicates_split: at or below). Floors sit just under the last measured value. "
           "To raise them after an improvement: run `graphbuild eval tests/corpus/dev --json dev.json` and "
           "`graphbuild eval tests/corpus/samples --json samples.json`, then "
           "`python scripts/accuracy_floors.py dev=dev.json samples=samples.json` (never lowers a floor without "
           "--allow-lower), and update the tables in docs/accuracy.md.")


def floors_from(result: dict) -> dict:
    out = {}
    for kind, fig in result["overall"].items():
        metrics = ("precision", "recall", "f1")
        if kind != "documents" and fig.get("graph", 0) < MIN_GRAPH_FOR_PRECISION:
            metrics = ("recall", "f1")
        f = {m: math.floor((fig[m] - MARGIN) * 1000) / 1000 for m in metrics if fig.get(m) is not None}
        out[kind] = {m: max(0.0, v) for m, v in f.items()}
    out["person_duplicates_split"] = {"max": result["person_duplicates"]["split"]}
    return out


def main(argv: list[str]) -> int:
    allow_lower = "--allow-lower" in argv
    pairs = [a.split("=", 1) for a in argv if not a.startswith("--")]
    if not pairs or any(len(p) != 2 for p in pairs):
        print(__doc__, file=sys.stderr)
        return 2
    current = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    current["_comment"] = COMMENT
    for corpus, path in pairs:
        new = floors_from(json.loads(Path(path).read_text(encoding="utf-8")))
        old = current.get(corpus, {})
        for kind, metrics in new.items():
            for m, v in metrics.items():
                was = old.get(kind, {}).get(m)
                if was is None:
                    continue
                lower = v > was if m == "max" else v < was
                if lower and not allow_lower:
                    print(f"{corpus} {kind} {m}: measured floor {v} is below the current floor {was}; kept {was} "
                          f"(a drop is a bug; --allow-lower to lower it)", file=sys.stderr)
                    metrics[m] = was
        current[corpus] = new
    FLOORS.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
