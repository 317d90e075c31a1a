"""The benchmark script runs end to end on a tiny portfolio and reports every figure it promises."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def test_the_benchmark_reports_times_ratios_memory_formatting_and_rebuild() -> None:
    command = [sys.executable, str(REPO / "bench/portfolio.py"), "--reflections", "3", "--rubrics", "1", "--references", "4", "--citations", "2", "--repeats", "1"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO, timeout=600).stdout
    patterns = [
        r"portfolio: 3 reflections, 1 rubrics, 4 references, 2 citations each; 1 pairs",
        r"baseline \(Material blog \+ tags\): median \d+\.\d\d s, peak \d+ MiB",
        r"full \(with Coachfolio\): +median \d+\.\d\d s, peak \d+ MiB",
        r"ratio full/baseline: time \d\.\d{3} \(median of pairs; \d\.\d{3} to \d\.\d{3}; fastest of each \d\.\d{3}\), memory \d\.\d{3}",
        r"processor time on all cores \(pandoc included\): full \d+\.\d\d s, baseline \d+\.\d\d s, ratio \d\.\d{3}",
        r"formatting 1000 citation clusters: \d+\.\d\d s cold, \d\.\d{3} s cached",
        r"rebuild after touching one post \(as mkdocs serve\), median of 1: \d+\.\d\d s \(baseline \d+\.\d\d s\)",
    ]
    lines = output.strip().splitlines()
    assert len(lines) == len(patterns), output
    for line, pattern in zip(lines, patterns):
        assert re.fullmatch(pattern, line), line
