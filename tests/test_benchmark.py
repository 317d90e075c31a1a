"""The benchmark script runs end to end on a tiny portfolio and reports every figure it promises."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO, build_site
from mkdocs.config import load_config

TINY = ["--reflections", "3", "--rubrics", "1", "--references", "4", "--citations", "2", "--repeats", "1"]


def benchmark_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("portfolio_benchmark", REPO / "bench/portfolio.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_reports_times_ratios_memory_formatting_rebuild_and_parts(tmp_path: Path) -> None:
    record = tmp_path / "runs.jsonl"
    command = [sys.executable, str(REPO / "bench/portfolio.py"), *TINY, "--parts", "--record", str(record)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO, timeout=600).stdout
    patterns = [
        r"portfolio: 3 reflections, 1 rubrics, 4 references, 2 citations each; 1 pairs",
        r"versions: Python 3\.\d+\.\d+\S*, MkDocs 1\.\S+, Material 9\.\S+, Markdown 3\.\S+, pymdown-extensions \S+, pypandoc-binary \S+",
        r"baseline \(Material blog \+ tags\): median \d+\.\d\d s, peak \d+ MiB",
        r"escaped baseline \(the same pages, citations' brackets escaped\): median \d+\.\d\d s, peak \d+ MiB",
        r"full \(with Coachfolio\): +median \d+\.\d\d s, peak \d+ MiB",
        # One pair: too few for a confidence interval of the median.
        r"ratio full/baseline: time \d\.\d{3} \(median of pairs; pairs \d\.\d{3} to \d\.\d{3}; fastest of each \d\.\d{3}\), memory \d\.\d{3}",
        r"ratio full/escaped baseline: time \d\.\d{3} \(median of pairs; pairs \d\.\d{3} to \d\.\d{3}\), memory \d\.\d{3}",
        r"processor time on all cores \(pandoc included\): full \d+\.\d\d s, escaped baseline \d+\.\d\d s, ratio \d\.\d{3}",
        r"garbage collection \(the build's own process\): full \d+\.\d\d s in \d+ collections, \d+ of them full; "
        r"escaped baseline \d+\.\d\d s in \d+, \d+ full",
        # The tiny portfolio's citations and its posts' own entries: one pandoc call each.
        r"formatting the full build's citations: pandoc \d+\.\d\d s in 2 calls, beside the build; "
        r"the build waited \d+\.\d\d s for it \(medians\)",
        r"formatting 1000 citation clusters: \d+\.\d\d s cold, \d\.\d{3} s cached",
        # A sentence more in one post changes no citation: the rebuild formats nothing.
        r"rebuild after touching one post \(as mkdocs serve\), median of 1: \d+\.\d\d s \(escaped baseline \d+\.\d\d s\); "
        r"pandoc calls in the full rebuild: 0",
        r"instructions executed by the build's own process \(cachegrind; pandoc not counted\): "
        r"full \d+\.\d{3} G, baseline \d+\.\d{3} G, ratio \d\.\d{3}; escaped baseline \d+\.\d{3} G, ratio \d\.\d{3}",
        r"instructions by part, each the full build less the same build without it \(share of the escaped baseline\):",
        # A part is a difference of two counts: on three posts the portfolio plugin costs a few million
        # instructions, about what two counts of one build can differ by, so it can come out below zero.
        r"  rubrics: -?\d\.\d{3} G \(-?\d+\.\d%\)",
        r"  standards: -?\d\.\d{3} G \(-?\d+\.\d%\)",
        r"  citations: -?\d\.\d{3} G \(-?\d+\.\d%\)",
        r"  portfolio: -?\d\.\d{3} G \(-?\d+\.\d%\)",
        r"  the rest \(shared: loading, more pages, garbage collection\): -?\d\.\d{3} G \(-?\d+\.\d%\)",
        r"not in the ratio: the escaped baseline reading the posts' citation keys and standards: lines, "
        r"against the same posts typed without them: -?\d\.\d{3} G \(-?\d+\.\d%\)",
        r"pooled with the runs recorded for the same sources: time \d\.\d{3} \(median of 1 pair from 1 run\)",
        r"pooled with the runs recorded for the same sources, against the escaped baseline: time \d\.\d{3} \(median of 1 pair from 1 run\)",
    ]
    lines = output.strip().splitlines()
    assert len(lines) == len(patterns), output
    for line, pattern in zip(lines, patterns):
        assert re.fullmatch(pattern, line), line
    (run,) = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    assert run["portfolio"] == [3, 1, 4, 2, ""]
    assert len(run["pairs"]) == len(run["escaped_pairs"]) == 1
    assert all(seconds > 0 for seconds in run["pairs"][0] + run["escaped_pairs"][0])
    # Both pairs share the full build.
    assert run["pairs"][0][0] == run["escaped_pairs"][0][0]
    assert re.fullmatch(r"[0-9a-f]{16}", run["sources"])


def test_another_checkout_is_built_in_turn_and_compared_with_this_version(tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(REPO / "plugins/coachfolio", other / "plugins/coachfolio", ignore=shutil.ignore_patterns("__pycache__"))
    # The copy leaves a mark when a build imports it, so the test sees whose Coachfolio built the third site.
    marker = tmp_path / "imported"
    with (other / "plugins/coachfolio/__init__.py").open("a", encoding="utf-8") as init:
        init.write(f"\nopen({str(marker)!r}, 'a').write('x')\n")
    record = tmp_path / "runs.jsonl"
    command = [sys.executable, str(REPO / "bench/portfolio.py"), *TINY[:-1], "2", "--against", str(other), "--record", str(record)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO, timeout=600).stdout
    lines = output.strip().splitlines()
    assert lines[0] == "portfolio: 3 reflections, 1 rubrics, 4 references, 2 citations each; 2 pairs"
    assert re.fullmatch(r"ratio full/baseline: time \d\.\d{3} \(median of pairs; .*", lines[5]), lines[5]
    assert re.fullmatch(
        rf"against {re.escape(str(other))}: time \d\.\d{{3}} to the escaped baseline \(median of pairs\); this version took \d\.\d{{3}} of its time \(median of pairs\)",
        lines[7],
    ), lines[7]
    assert lines[8].startswith("processor time on all cores")
    # Two rounds, one build of the other checkout in each (the rebuilds and the formatting use this version).
    assert marker.read_text(encoding="utf-8") == "xx"
    # Its pairs are this version's, kept apart from those of runs without a third build.
    (run,) = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    assert run["portfolio"] == [3, 1, 4, 2, "", "against another checkout"]
    assert len(run["pairs"]) == 2


def test_another_checkout_must_hold_coachfolio(tmp_path: Path) -> None:
    command = [sys.executable, str(REPO / "bench/portfolio.py"), *TINY, "--against", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"portfolio.py: error: --against {tmp_path}: no Coachfolio checkout there (expected plugins/coachfolio/__init__.py)"


def test_each_round_starts_with_the_next_build() -> None:
    bench = benchmark_module()
    builds = [bench.Build(name, Path(f"{name}.yml")) for name in ("baseline", "full", "against")]
    assert [[build.name for build in bench.in_turn(repeat, builds)] for repeat in range(4)] == [
        ["baseline", "full", "against"],
        ["full", "against", "baseline"],
        ["against", "baseline", "full"],
        ["baseline", "full", "against"],
    ]
    # Two builds take turns in being first, as pairs always did.
    assert [[build.name for build in bench.in_turn(repeat, builds[:2])] for repeat in range(2)] == [["baseline", "full"], ["full", "baseline"]]


@pytest.mark.parametrize("option", ["--instructions", "--parts"])
def test_counting_instructions_without_valgrind_is_refused_before_anything_is_built(option: str) -> None:
    command = [sys.executable, str(REPO / "bench/portfolio.py"), *TINY, option]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=dict(os.environ, PATH="/nonexistent"), timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"portfolio.py: error: {option} needs valgrind (Debian and Ubuntu: sudo apt-get install valgrind)"


def test_each_part_is_the_full_build_less_the_build_without_it(tmp_path: Path) -> None:
    bench = benchmark_module()
    full = bench.generate(tmp_path / "full", 2, 1, 3, 1, full=True)
    sites = bench.sites_without_each_part(full, tmp_path, (2, 1, 3, 1), "")
    assert list(sites) == list(bench.PARTS)
    for part, config in sites.items():
        plugins = list(load_config(str(config)).plugins)
        assert f"coachfolio/{part}" not in plugins
        assert [name for name in list(load_config(str(full)).plugins) if name not in plugins] == [f"coachfolio/{part}"]
    # Without the citations plugin the posts' brackets are escaped, as in the escaped baseline; the rest is the full site's.
    post = "docs/blog/posts/reflection-0000.md"
    escaped_post = (sites["citations"].parent / post).read_text(encoding="utf-8")
    assert re.search(r"\\\[@ref\d, p\. \d+\\\]", escaped_post)
    assert escaped_post == (full.parent / post).read_text(encoding="utf-8").replace("[@", "\\[@").replace("].", "\\].")
    for part in ("rubrics", "standards", "portfolio"):
        assert sites[part].parent == full.parent
    assert sorted(p.relative_to(sites["citations"].parent) for p in (sites["citations"].parent / "docs").rglob("*")) == sorted(
        p.relative_to(full.parent) for p in (full.parent / "docs").rglob("*")
    )
    # The baseline's own count is left out of the parts: with Python-Markdown 3.11.4 it holds the walks over the brackets.
    counts = {"full": 11_200_000_000, "baseline": 15_000_000_000, "escaped baseline": 10_000_000_000,
              "baseline, posts typed without Coachfolio": 9_900_000_000,
              "without rubrics": 11_000_000_000, "without standards": 10_900_000_000,
              "without citations": 11_050_000_000, "without portfolio": 11_150_000_000}
    assert bench.parts_report(counts) == [
        "instructions by part, each the full build less the same build without it (share of the escaped baseline):",
        "  rubrics: 0.200 G (2.0%)",
        "  standards: 0.300 G (3.0%)",
        "  citations: 0.150 G (1.5%)",
        "  portfolio: 0.050 G (0.5%)",
        "  the rest (shared: loading, more pages, garbage collection): 0.500 G (5.0%)",
        "not in the ratio: the escaped baseline reading the posts' citation keys and standards: lines, against the same posts typed without them: 0.100 G (1.0%)",
    ]


def test_runs_recorded_for_the_same_sources_and_portfolio_are_pooled(tmp_path: Path) -> None:
    bench = benchmark_module()
    record = tmp_path / "runs.jsonl"
    earlier = [
        {"sources": "a" * 16, "portfolio": [300, 10, 150, 8, ""], "pairs": [[5.5, 5.0], [5.2, 5.0], [5.6, 5.0]]},
        {"sources": "b" * 16, "portfolio": [300, 10, 150, 8, ""], "pairs": [[9.0, 5.0]]},  # other sources
        {"sources": "a" * 16, "portfolio": [1000, 10, 150, 8, ""], "pairs": [[9.0, 5.0]]},  # another portfolio
    ]
    record.write_text("".join(json.dumps(run) + "\n" for run in earlier), encoding="utf-8")
    run = {"sources": "a" * 16, "portfolio": [300, 10, 150, 8, ""], "pairs": [[5.4, 5.0], [5.3, 5.0], [5.7, 5.0], [5.1, 5.0]],
           "escaped_pairs": [[5.4, 4.5], [5.3, 4.5], [5.7, 5.0], [5.1, 5.0]]}

    pooled = bench.pool_runs(record, run)

    assert pooled == [earlier[0], run]
    assert [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()] == [*earlier, run]
    # Seven ratios, 1.02 to 1.14: their median, and the 1st and 7th of them as the interval.
    assert bench.pooled_report(pooled) == (
        "pooled with the runs recorded for the same sources: time 1.080 (median of 7 pairs from 2 runs, 95% confidence 1.020 to 1.140)"
    )
    assert bench.pooled_report([run]) == (
        "pooled with the runs recorded for the same sources: time 1.070 (median of 4 pairs from 1 run)"
    )
    # Ratios 1.02, 1.14, 1.178 and 1.2: the median of the middle two.
    assert bench.pooled_report([run], "escaped_pairs") == (
        "pooled with the runs recorded for the same sources, against the escaped baseline: time 1.159 (median of 4 pairs from 1 run)"
    )


def test_the_sources_digest_follows_coachfolios_files_but_not_their_compiled_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bench = benchmark_module()
    package = tmp_path / "coachfolio"
    (package / "core").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "core/module.py").write_text("A = 1\n", encoding="utf-8")
    (package / "__pycache__/module.cpython-311.pyc").write_bytes(b"1")
    monkeypatch.setattr("coachfolio.core.packages.package_folder", lambda name: package)
    first = bench.sources_digest()

    (package / "__pycache__/module.cpython-311.pyc").write_bytes(b"2")
    assert bench.sources_digest() == first
    (package / "core/module.py").write_text("A = 2\n", encoding="utf-8")
    assert bench.sources_digest() != first


def test_the_median_ratio_comes_with_a_distribution_free_confidence_interval() -> None:
    interval = benchmark_module().median_interval
    # Order statistics: the 4th and 12th of 15 values (96.5%), the 2nd and 8th of 9 (96.1%),
    # the smallest and largest of 6 (96.9%); 5 values cannot give 95%.
    assert interval([float(n) for n in range(15, 0, -1)]) == (4.0, 12.0)
    assert interval([1.3, 1.1, 1.2, 1.05, 1.15, 1.4, 1.0, 1.25, 1.35]) == (1.05, 1.35)
    assert interval([3.0, 1.0, 2.0, 6.0, 5.0, 4.0]) == (1.0, 6.0)
    assert interval([1.0, 2.0, 3.0, 4.0, 5.0]) is None
    assert interval([1.1]) is None


def test_both_sites_build_the_same_post_files(tmp_path: Path) -> None:
    bench = benchmark_module()
    full = bench.generate(tmp_path / "full", 3, 1, 4, 2, full=True)
    baseline = bench.generate(tmp_path / "baseline", 3, 1, 4, 2, full=False)
    typed = bench.generate(tmp_path / "typed", 3, 1, 4, 2, full=False, markup=False)

    def posts(config: Path) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted((config.parent / "docs/blog/posts").glob("*.md"))}

    assert posts(baseline) == posts(full)
    # The escaped baseline's posts differ only in the citations' escaped brackets.
    escaped = bench.generate(tmp_path / "escaped", 3, 1, 4, 2, full=False, escaped=True)
    escaped_first = posts(escaped)["reflection-0000.md"]
    assert "\\[@ref" in escaped_first
    assert {name: text.replace("\\[", "[").replace("\\]", "]") for name, text in posts(escaped).items()} == posts(full)
    assert list(load_config(str(baseline)).plugins) == ["material/blog", "material/tags"]
    assert not (baseline.parent / "docs/rubrics").exists()
    # For --parts only: the same posts as typed without Coachfolio.
    first, typed_first = posts(full)["reflection-0000.md"], posts(typed)["reflection-0000.md"]
    assert "standards: [1.d, 3.c, 5.a]" in first and "[@ref" in first
    assert "standards:" not in typed_first and "[@" not in typed_first
    assert len(typed_first.splitlines()) == len(first.splitlines()) - 1


def test_the_escaped_baseline_shows_the_same_pages_as_the_baseline(tmp_path: Path) -> None:
    bench = benchmark_module()
    sites = {}
    for name in ("baseline", "escaped"):
        config = bench.generate(tmp_path / name, 3, 1, 4, 2, full=False, escaped=name == "escaped")
        sites[name] = build_site(config, tmp_path / name / "site", strict=False)

    def pages(site: Path) -> dict[str, str]:
        return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}

    baseline = pages(sites["baseline"])
    # Each post's page shows its citations as typed: 3 posts, 2 citations each.
    assert sum(re.findall(r"\[@ref\d, p\. \d+\]", text) != [] for text in baseline.values()) >= 3
    assert pages(sites["escaped"]) == baseline
