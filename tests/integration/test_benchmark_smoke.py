"""The benchmark runs end to end at N=20 and reports every figure (speed targets are not tests)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

KEYS = ["docs", "mb", "tokenizer_mb_per_s", "extract_mb_per_s", "load_rows_per_s", "naive_load_rows_per_s",
        "ingest_s", "reingest_unchanged_s", "reingest_one_changed_s", "ingest_one_new_document_s",
        "report_p50_ms", "report_p95_ms",
        "peak_rss_mb", "peak_rss_children_mb", "resolution_precision", "resolution_recall", "scaling"]


def test_benchmark_runs_at_20_documents(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--docs", "20", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    missing = [k for k in KEYS if k not in figures]
    assert not missing, missing
    assert figures["docs"] == 20
    for k in KEYS:
        if k in ("docs", "scaling", "resolution_precision", "resolution_recall"):
            continue
        assert isinstance(figures[k], (int, float)) and figures[k] > 0, (k, figures[k])
    for k in ("resolution_precision", "resolution_recall"):
        assert 0.0 <= figures[k] <= 1.0, (k, figures[k])
    assert set(figures["scaling"]) == {"2", "6", "20"}
    assert all(v > 0 for v in figures["scaling"].values())
    assert "targets" in figures and all(isinstance(v, bool) for v in figures["targets"].values())
    assert "[met]" in proc.stdout or "[MISSED]" in proc.stdout
