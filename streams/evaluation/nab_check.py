"""Cross-check ``nab_score`` against NAB's own scorer (a tool run beside ours, not code we ship).

Example::

    write_results(series, rows, out)                       # the same 0/1 rows ours scored
    cross_check(Path("../shared/tools/nab"), out, corpus_dir)   # {"standard": (ours, theirs), ...}

``nabscore.py`` (NAB's Sweeper verbatim, from github.com/numenta/NAB) is run as
a separate process on the results CSVs at threshold 1.0; its normalized
scores must equal ours. Nothing of it is imported or copied.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def nab_scores(tool_dir: Path, results: Path, data: Path, labels: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(tool_dir / "nabscore.py"), "--results", str(results), "--data",
                          str(data), "--labels", str(labels), "--threshold", "1.0", "--json"],
                         check=True, capture_output=True, text=True, timeout=600)
    res = json.loads(out.stdout)
    return {"scores": {p: round(r["normalized"], 2) for p, r in res["profiles"].items()},
            "windows_detected": res["windows_detected"], "false_positive_rows": res["false_positive_rows"]}


def cross_check(report: dict[str, Any], tool_dir: Path, results: Path, data: Path, labels: Path) -> dict[str, Any]:
    theirs = nab_scores(tool_dir, results, data, labels)
    fp_ours = sum(r["fp_rows"] for r in report["series"])
    agree = all(abs(report["scores"][p] - s) <= 0.01 for p, s in theirs["scores"].items()) and \
        theirs["windows_detected"] == report["windows_hit"] and theirs["false_positive_rows"] == fp_ours
    return {"nab_tool": theirs, "agree": agree}
