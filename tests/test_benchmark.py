"""The benchmark script runs end to end on a tiny portfolio and reports every figure it promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import REPO

TINY = ["--reflections", "3", "--rubrics", "1", "--references", "4", "--citations", "2", "--repeats", "1"]


def test_the_benchmark_reports_times_ratios_memory_formatting_and_rebuild() -> None:
    command = [sys.executable, str(REPO / "bench/portfolio.py"), *TINY, "--instructions"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO, timeout=600).stdout
    patterns = [
        r"portfolio: 3 reflections, 1 rubrics, 4 references, 2 citations each; 1 pairs",
        r"baseline \(Material blog \+ tags\): median \d+\.\d\d s, peak \d+ MiB",
        r"full \(with Coachfolio\): +median \d+\.\d\d s, peak \d+ MiB",
        r"ratio full/baseline: time \d\.\d{3} \(median of pairs; \d\.\d{3} to \d\.\d{3}; fastest of each \d\.\d{3}\), memory \d\.\d{3}",
        r"processor time on all cores \(pandoc included\): full \d+\.\d\d s, baseline \d+\.\d\d s, ratio \d\.\d{3}",
        r"formatting 1000 citation clusters: \d+\.\d\d s cold, \d\.\d{3} s cached",
        r"rebuild after touching one post \(as mkdocs serve\), median of 1: \d+\.\d\d s \(baseline \d+\.\d\d s\)",
        r"instructions executed by the build's own process \(cachegrind; pandoc not counted\): "
        r"full \d+\.\d{3} G, baseline \d+\.\d{3} G, ratio \d\.\d{3}",
    ]
    lines = output.strip().splitlines()
    assert len(lines) == len(patterns), output
    for line, pattern in zip(lines, patterns):
        assert re.fullmatch(pattern, line), line


def test_counting_instructions_without_valgrind_is_refused_before_anything_is_built() -> None:
    command = [sys.executable, str(REPO / "bench/portfolio.py"), *TINY, "--instructions"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=dict(os.environ, PATH="/nonexistent"), timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "portfolio.py: error: --instructions needs valgrind (Debian and Ubuntu: sudo apt-get install valgrind)"
