"""Benchmark: what Coachfolio's plugins cost on top of Material's blog.

Generates a synthetic portfolio — N reflections with citations (with
locators) and standards in their front matter, M rubrics with aligned
criteria, K bibliography entries — and builds it in fresh processes, paired
and interleaved:

- full: Material's blog and tags plus every Coachfolio plugin;
- baseline: Material's blog and tags alone, on the same post files: their
  citations (`[@key, p. 12]`) are left as plain text and their `standards:`
  front matter unread, as no plugin handles them; no rubric files, no
  standards pages;
- escaped baseline: the same, with each citation's brackets escaped
  (`\\[@key, p. 12\\]`). Its pages are the baseline's, but Python-Markdown
  reads no possible link in them. How long Python-Markdown takes over an
  unclosed `[` changes from one release to the next (3.11.4 scans the whole
  paragraph again for each one, in Python), and the full build never pays it
  (the citations plugin puts a token where each citation stood): the ratio to
  the escaped baseline is what Coachfolio costs whichever release is installed.

It prints the versions it ran on, the median seconds and peak memory of
each site, the ratios full/baseline (and that of the fastest build of each)
and full/escaped baseline, and, for the full site and the escaped baseline,
the processor time each used on all cores (pandoc's included), the time
Python's garbage collector took, and the time of a rebuild after touching
one post, as `mkdocs serve` does it (the median of a third as many pairs as
the builds), with how often that rebuild ran pandoc; the seconds pandoc spent
formatting the full build's citations, on the second core beside the build,
and how long the build waited for it, as the citations plugin times them; and
the seconds spent formatting 1,000 citation clusters (cold and cached).

With `--instructions`, each site is also built once under valgrind's
cachegrind, which counts the instructions the build's own process executes
(pandoc, a process of its own, is not counted). That count barely moves from
one run to the next, busy machine or not: it shows a change of a percent that
the timings, drifting by tens of percent, cannot. `--parts` adds what each
plugin costs, in instructions: the full site is counted again without it
(without the citations plugin, with the posts' brackets escaped, as in the
escaped baseline).

The time ratio is the median of the ratios of each pair, built one right after
the other: on a shared machine whose speed drifts by tens of percent from
minute to minute, a pair sees the same machine, where medians taken apart
would not. With six pairs or more it comes with a 95% confidence interval
(taking the pairs as independent draws), which says whether a run shows the
ratio to be within a target or only allows it. `--record FILE` keeps each
run's pairs in FILE and pools them with those of the earlier runs recorded
there for the same sources (Coachfolio's files, this script, the versions of
MkDocs, Material, Python-Markdown, pymdown-extensions, pandoc and Python) and
the same portfolio: runs spread over a day narrow the interval, and take in
the machine's slow hours and quick ones.

The time Python's garbage collector took in each build is printed too: its
full collections walk every object a build keeps, so they cost more than the
instructions they execute, and a build that keeps more makes them sooner.

`--against DIR` builds the full site once more in each round, with the
Coachfolio of another checkout (DIR, holding `plugins/coachfolio`), and prints
its ratio and this version's time against it, pair by pair. The ratio of one
version moves by several points from one hour to the next on a shared machine;
two versions built in turn, in the same hour, can be told apart by less.

    python bench/portfolio.py --reflections 300 --rubrics 10 --references 150 --citations 8
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any, NamedTuple

ISTE_2019 = [f"{s}.{l}" for s, n in zip(range(1, 8), [5, 3, 4, 4, 3, 3, 4]) for l in "abcde"[:n]]
WORDS = (
    "coaching trust colleague feedback lesson student goal reflection practice technology rubric "
    "observation advisor partner learning design evidence growth data equity community"
).split()
CATEGORIES = ["Peer Coaching", "Lesson Design", "Data", "Leadership", "Digital Citizenship"]
TAGS = ["trust", "feedback", "rubrics", "equity", "technology", "reflection", "goals", "observation"]

# The packages whose versions decide what a build costs, besides Coachfolio's own files, with their names in the report.
MEASURED_PACKAGES = {"mkdocs": "MkDocs", "mkdocs-material": "Material", "markdown": "Markdown",
                     "pymdown-extensions": "pymdown-extensions", "pypandoc-binary": "pypandoc-binary"}

# The build each child process runs: MkDocs's own build with its startup and
# shutdown events, reporting elapsed seconds, peak memory (RSS, KiB), the
# processor time it used on all cores, pandoc's included, the time Python's
# garbage collector took, with how many collections it made (full ones apart):
# a cost that follows how much a build keeps in memory, not the instructions
# it executes; and with Coachfolio, what formatting the citations took (none
# of it for the baselines, or an earlier Coachfolio that did not say).
CHILD = textwrap.dedent(
    """
    import gc, json, os, resource, sys, time
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    collector = {"gc_seconds": 0.0, "gc_collections": 0, "gc_full": 0, "started": 0.0}
    def timed(phase, info):
        if phase == "start":
            collector["started"] = time.perf_counter()
            return
        collector["gc_seconds"] += time.perf_counter() - collector["started"]
        collector["gc_collections"] += 1
        collector["gc_full"] += info["generation"] == 2
    gc.callbacks.append(timed)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    import logging; logging.getLogger("mkdocs").setLevel(logging.ERROR)
    started = time.perf_counter()
    config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    elapsed = time.perf_counter() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    del collector["started"]
    formatting = getattr(config.plugins.get("coachfolio/citations"), "formatting_time", None)
    formatting = formatting._asdict() if formatting else {}
    print(json.dumps({"seconds": elapsed, "peak_kib": own.ru_maxrss, "cpu": cpu, **collector, **formatting}))
    """
)

# `mkdocs serve` rebuilds in the same process after a change; this builds once,
# adds a sentence to one post, and times the second build, reporting how often
# it ran pandoc (never, as no citation changed).
REBUILD = textwrap.dedent(
    """
    import json, os, sys, time
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    import logging; logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from pathlib import Path

    def once():
        config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
        config.plugins.on_startup(command="serve", dirty=False)
        started = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/")
        seconds = time.perf_counter() - started
        formatting = getattr(config.plugins.get("coachfolio/citations"), "formatting_time", None)
        return {"seconds": seconds, **({"pandoc_calls": formatting.pandoc_calls} if formatting else {})}

    once()
    post = Path(sys.argv[3])
    post.write_text(post.read_text(encoding="utf-8") + "\\nOne more sentence.\\n", encoding="utf-8")
    print(json.dumps(once()))
    """
)


class Build(NamedTuple):
    """One of the sites built in each round: its name in the results, its configuration, and whose Coachfolio builds it."""

    name: str
    config: Path
    plugins: Path | None = None  # first on the import path; None for the installed Coachfolio


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def bibliography(count: int) -> str:
    entries = []
    for n in range(count):
        entries.append(
            f"@book{{ref{n},\n  author = {{Author{n % 60}, A. and Second{n % 7}, B.}},\n"
            f"  title = {{A Study of Coaching Number {n}}},\n  publisher = {{Corwin}},\n  year = {{{2000 + n % 20}}}\n}}\n"
        )
    return "\n".join(entries)


def post(rng: random.Random, n: int, citations: int, references: int, *, markup: bool = True, escaped: bool = False) -> str:
    """A reflection; without `markup`, as typed with no Coachfolio: citations by hand, no `standards:` line.

    With `escaped`, each citation's brackets are escaped (`\\[@key, p. 12\\]`):
    the page shows the same text, and Python-Markdown reads no possible link
    in it.
    """
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    year = 2019 + n // 336
    standards = sorted(rng.sample(ISTE_2019, 3))
    front = [
        "---",
        f"title: \"Reflection {n}: {words(rng, 3)}\"",
        "date:",
        f"  created: {year}-{month:02d}-{day:02d}",
        "authors: [coach]",
        f"categories: [{rng.choice(CATEGORIES)}]",
        f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
    ]
    if markup:
        front.append(f"standards: [{', '.join(standards)}]")
    front.append("---")
    paragraphs = [words(rng, 60)]
    for c in range(citations):
        key = f"ref{rng.randrange(references)}"
        page = rng.randrange(1, 300)
        if not markup:
            citation = f"(Author, 2010, p. {page})"
        elif escaped:
            citation = f"\\[@{key}, p. {page}\\]"
        else:
            citation = f"[@{key}, p. {page}]"
        paragraphs.append(f"{words(rng, 50)} {citation}.")
    body = "\n\n".join([paragraphs[0], "<!-- more -->", *paragraphs[1:]])
    return "\n".join(front) + f"\n\n# Reflection {n}\n\n{body}\n"


def rubric(rng: random.Random, n: int) -> str:
    criteria = []
    for c in range(6):
        codes = ", ".join(f"iste-coaches-2019:{code}" for code in rng.sample(ISTE_2019, 2))
        criteria.append(
            f"  - title: Criterion {c} {words(rng, 2)}\n    standards: [{codes}]\n    look_fors: [{words(rng, 4)}]\n"
            "    descriptors:\n" + "".join(f"      L{level}: {words(rng, 12)}\n" for level in range(4))
        )
    levels = "".join(f"  - label: L{level}\n    points: {4 - level}\n" for level in range(4))
    return f"title: Rubric {n}\nlevels:\n{levels}criteria:\n" + "".join(criteria)


MKDOCS = """\
site_name: Benchmark portfolio
site_url: https://example.org/
docs_dir: docs
theme:
  name: material
  font: false
  features: [{features}]
plugins:
  - blog
  - tags
{extra}"""

# Each Coachfolio plugin with its settings; `--parts` leaves one out at a time.
PARTS = {
    "rubrics": "  - coachfolio/rubrics\n",
    "standards": "  - coachfolio/standards:\n      frameworks: [iste-coaches-2019]\n",
    "citations": "  - coachfolio/citations:\n      bibliography: references.bib\n",
    "portfolio": "  - coachfolio/portfolio\n",
}
FULL_PLUGINS = "".join(PARTS.values())


def generate(
    root: Path, reflections: int, rubrics: int, references: int, citations: int,
    *, full: bool, features: str = "", markup: bool = True, escaped: bool = False,
) -> Path:
    """A synthetic portfolio in `root`: the posts, and with `full` the rubrics, bibliography and Coachfolio's plugins.

    The posts are the same in both variants (the same seed draws them);
    `markup=False` writes them as typed without Coachfolio, for `--parts`;
    `escaped=True` escapes their citations' brackets, for the escaped baseline.
    """
    rng = random.Random(2026)
    docs = root / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "index.md").write_text("# Portfolio\n", encoding="utf-8")
    (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Reflections\n", encoding="utf-8")
    (docs / "blog" / ".authors.yml").write_text("authors:\n  coach:\n    name: Demo Coach\n    description: Coach\n    avatar: ../a.svg\n", encoding="utf-8")
    for n in range(reflections):
        text = post(rng, n, citations, references, markup=markup, escaped=escaped)
        (docs / "blog" / "posts" / f"reflection-{n:04d}.md").write_text(text, encoding="utf-8")
    if full:
        (docs / "rubrics").mkdir()
        for n in range(rubrics):
            (docs / "rubrics" / f"rubric-{n:02d}.yml").write_text(rubric(rng, n), encoding="utf-8")
        (root / "references.bib").write_text(bibliography(references), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS.format(extra=FULL_PLUGINS if full else "", features=features), encoding="utf-8")
    return config


def without(full: Path, part: str) -> Path:
    """A configuration of the full site with one Coachfolio plugin left out."""
    config = full.with_name(f"mkdocs-without-{part}.yml")
    config.write_text(full.read_text(encoding="utf-8").replace(PARTS[part], ""), encoding="utf-8")
    return config


def sites_without_each_part(full: Path, root: Path, sizes: tuple[int, int, int, int], features: str) -> dict[str, Path]:
    """The full site with each Coachfolio plugin left out in turn, by part, for `--parts`.

    Left without the citations plugin, the posts' citations would be tried as
    links by Python-Markdown, which the full build never does (and which
    Python-Markdown 3.11.4 walks each paragraph for): that site is built from
    the same posts with their brackets escaped, as the escaped baseline is.
    """
    escaped = generate(root / "full-escaped", *sizes, full=True, features=features, escaped=True)
    return {part: without(escaped if part == "citations" else full, part) for part in PARTS}


def run(script: str, *args: str, plugins: Path | None = None) -> dict[str, float]:
    """Run `python -c script args` and return the JSON of its last line; `plugins` goes first on its import path."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if plugins is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(plugins), os.environ.get("PYTHONPATH")]))
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def count_instructions(script: str, *args: str) -> int:
    """Instructions executed by `python -c script args` (its own process, not its children), counted by cachegrind.

    A fixed hash seed keeps Python's sets and dicts in the same order from run
    to run, so the count does not wander with them.
    """
    valgrind = shutil.which("valgrind") or "valgrind"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    command = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", sys.executable, "-c", script, *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"build under valgrind failed:\n{result.stderr[-3000:]}")
    return instructions_counted(result.stderr)


def count_builds(configs: dict[str, Path]) -> dict[str, int]:
    """Instructions of a build of each configuration, two at a time (the count does not depend on what else runs)."""

    def count(config: Path) -> int:
        site = Path(tempfile.mkdtemp(prefix="site-counted-", dir=config.parent))
        try:
            return count_instructions(CHILD, str(config), str(site))
        finally:
            shutil.rmtree(site)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(configs, pool.map(count, configs.values())))


def parts_report(instructions: dict[str, int]) -> list[str]:
    """What each plugin costs: the full build's instructions less those of the same build without it, as a share of the escaped baseline.

    The escaped baseline, as the baseline's own count depends on how long the
    installed Python-Markdown takes over the citations' brackets.
    """
    baseline = instructions["escaped baseline"]

    def share(count: int) -> str:
        return f"{count / 1e9:.3f} G ({100 * count / baseline:.1f}%)"

    parts = {part: instructions["full"] - instructions[f"without {part}"] for part in PARTS}
    rest = instructions["full"] - baseline - sum(parts.values())
    # Not a plugin's work, so not in the ratio: Material reading the posts' richer sources.
    markup = baseline - instructions["baseline, posts typed without Coachfolio"]
    return [
        "instructions by part, each the full build less the same build without it (share of the escaped baseline):",
        *(f"  {part}: {share(count)}" for part, count in parts.items()),
        f"  the rest (shared: loading, more pages, garbage collection): {share(rest)}",
        f"not in the ratio: the escaped baseline reading the posts' citation keys and standards: lines, "
        f"against the same posts typed without them: {share(markup)}",
    ]


def instructions_counted(report: str) -> int:
    """The total from cachegrind's summary line, `==123== I   refs:      26,724,670,034`."""
    match = re.search(r"^==\d+== I\s+refs:\s+([\d,]+)$", report, re.MULTILINE)
    if match is None:
        sys.exit(f"no instruction count in valgrind's report:\n{report[-3000:]}")
    return int(match.group(1).replace(",", ""))


def format_clusters(count: int) -> tuple[float, float]:
    """Seconds to format `count` clusters in one call, cold and then from the cache."""
    from coachfolio.core.citations.bibliography import Bibliography
    from coachfolio.core.citations.formatter import CitationFormatter
    from coachfolio.core.citations.styles import find_style

    items = {
        f"ref{n}": {"id": f"ref{n}", "type": "book", "title": f"Study {n}", "author": [{"family": f"Author{n % 60}", "given": "A."}],
                    "issued": {"date-parts": [[2000 + n % 20]]}, "publisher": "Corwin"}
        for n in range(150)
    }
    formatter = CitationFormatter(Bibliography(items=items), find_style("apa", Path(".")))
    clusters = [f"[@ref{n % 150}, p. {n}]" for n in range(count)]
    started = time.perf_counter()
    formatter.format(clusters, list(items))
    cold = time.perf_counter() - started
    started = time.perf_counter()
    formatter.format(clusters, list(items))
    return cold, time.perf_counter() - started


def median_interval(values: list[float], confidence: float = 0.95) -> tuple[float, float] | None:
    """The range in which the median of what `values` were drawn from lies, with at least `confidence`.

    Distribution-free: each value falls below the true median with chance
    one half, so how many do is binomial, and the interval runs from the
    k-th smallest value to the k-th largest for the largest k that leaves at
    most (1 - confidence) / 2 of chance on each side. None when there are
    too few values for any such range (fewer than six at 95%).
    """
    count = len(values)
    tail = (1 - confidence) / 2
    k = 0
    below = 0.0  # the chance that at most k - 1 values fall below the median
    while k < count // 2 and below + math.comb(count, k) / 2**count <= tail:
        below += math.comb(count, k) / 2**count
        k += 1
    if k == 0:
        return None
    ordered = sorted(values)
    return ordered[k - 1], ordered[count - k]


def sources_digest() -> str:
    """What decides a build's cost besides the machine: Coachfolio's files, this script, and the versions it runs on.

    Runs recorded with the same digest measured the same builds of the same
    portfolio, so their pairs can be pooled.
    """
    from importlib.metadata import version

    from coachfolio.core.packages import package_folder

    digest = hashlib.sha256(Path(__file__).read_bytes())
    folder = package_folder("coachfolio")
    files = sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts) if folder else []
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    for package in MEASURED_PACKAGES:
        digest.update(f"{package} {version(package)}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def versions_line() -> str:
    """What the builds ran on: a figure holds for these versions only.

    One release of Python-Markdown (3.11.4) made the baseline take half as
    long again, and the full build no longer.
    """
    from importlib.metadata import version

    return f"versions: Python {sys.version.split()[0]}, " + ", ".join(f"{name} {version(package)}" for package, name in MEASURED_PACKAGES.items())


def pool_runs(record: Path, run: dict[str, Any]) -> list[dict[str, Any]]:
    """Append `run` to the runs recorded in `record` (JSON lines), and return those of the same sources and portfolio, it last.

    A single run of 15 pairs cannot tell a ratio of 1.10 from one of 1.18 on
    a shared machine; runs spread over hours and pooled can, and what the
    machine's slow and quick hours do to the ratio is in the pool too.
    """
    earlier = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines() if line.strip()] if record.exists() else []
    with record.open("a", encoding="utf-8") as out:
        out.write(json.dumps(run) + "\n")
    same = [other for other in earlier if other["sources"] == run["sources"] and other["portfolio"] == run["portfolio"]]
    return [*same, run]


def pooled_report(runs: list[dict[str, Any]], pairs: str = "pairs") -> str:
    """The median ratio of every pair of `runs` (those against the escaped baseline: `escaped_pairs`), with its confidence interval."""
    ratios = [full / baseline for run in runs for full, baseline in run[pairs]]
    against = "" if pairs == "pairs" else ", against the escaped baseline"
    return (f"pooled with the runs recorded for the same sources{against}: time {statistics.median(ratios):.3f} "
            f"(median of {plural(len(ratios), 'pair')} from {plural(len(runs), 'run')}{confidence_phrase(ratios)})")


def paired(results: dict[str, list[dict[str, float]]], baseline: str) -> list[tuple[float, float]]:
    """(full, baseline) seconds of each round's builds."""
    return [(full["seconds"], base["seconds"]) for full, base in zip(results["full"], results[baseline])]


def against_report(folder: Path, results: dict[str, list[dict[str, float]]]) -> str:
    """The other checkout's time ratio to the escaped baseline, and this version's time against it, each the median of the round's pairs."""
    seconds = {name: [r["seconds"] for r in runs] for name, runs in results.items()}
    ratios = [other / baseline for other, baseline in zip(seconds["against"], seconds["escaped"])]
    versus = [this / other for this, other in zip(seconds["full"], seconds["against"])]
    return (f"against {folder}: time {statistics.median(ratios):.3f} to the escaped baseline (median of pairs{confidence_phrase(ratios)}); "
            f"this version took {statistics.median(versus):.3f} of its time (median of pairs{confidence_phrase(versus)})")


def confidence_phrase(ratios: list[float]) -> str:
    """", 95% confidence 1.102 to 1.148" for the median of `ratios`; nothing when they are too few."""
    interval = median_interval(ratios)
    return f", 95% confidence {interval[0]:.3f} to {interval[1]:.3f}" if interval else ""


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def in_turn(repeat: int, builds: list[Build]) -> list[Build]:
    """The builds of one round, each round starting one later, so drift in the machine's speed hits each alike."""
    start = repeat % len(builds)
    return builds[start:] + builds[:start]


def compile_coachfolio(folder: Path | None) -> None:
    """Byte-compile Coachfolio's modules in `folder`, as installing a package does.

    Material and MkDocs come compiled from their wheels; an editable checkout
    of Coachfolio run with PYTHONDONTWRITEBYTECODE (set on some CI machines)
    would otherwise compile its sources in every build, ~70 ms that no
    installed site pays.
    """
    import compileall

    if folder is not None:
        compileall.compile_dir(str(folder), quiet=1)


def other_checkout(folder: Path) -> Path | None:
    """The folder to put on the import path to build with the Coachfolio of the checkout in `folder`; None if it holds none."""
    plugins = folder / "plugins"
    return plugins if (plugins / "coachfolio" / "__init__.py").is_file() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reflections", type=int, default=300)
    parser.add_argument("--rubrics", type=int, default=10)
    parser.add_argument("--references", type=int, default=150)
    parser.add_argument("--citations", type=int, default=8, help="citations per reflection")
    parser.add_argument("--repeats", type=int, default=5, help="pairs of builds")
    parser.add_argument("--features", default="", help="Material theme features for both sites, e.g. navigation.prune")
    parser.add_argument("--instructions", action="store_true", help="also count each build's instructions under valgrind (slow: ~15x a build)")
    parser.add_argument("--parts", action="store_true", help="also count the full site without each plugin, in instructions (implies --instructions)")
    parser.add_argument("--record", type=Path, metavar="FILE",
                        help="append this run's pairs to FILE, and report them pooled with those of earlier runs recorded there for the same sources")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="also build the full site with the Coachfolio of the checkout in DIR, in turn, and compare this version's time with it")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    options = parser.parse_args()
    for option in ("instructions", "parts"):
        if getattr(options, option) and shutil.which("valgrind") is None:
            parser.error(f"--{option} needs valgrind (Debian and Ubuntu: sudo apt-get install valgrind)")
    against = other_checkout(options.against) if options.against else None
    if options.against and against is None:
        parser.error(f"--against {options.against}: no Coachfolio checkout there (expected plugins/coachfolio/__init__.py)")
    from coachfolio.core.packages import package_folder

    compile_coachfolio(package_folder("coachfolio"))
    if against:
        compile_coachfolio(against / "coachfolio")
    sources = sources_digest() if options.record else ""  # taken before building, as what is built

    root = Path(tempfile.mkdtemp(prefix="coachfolio-bench-"))
    try:
        sizes = (options.reflections, options.rubrics, options.references, options.citations)
        full = generate(root / "full", *sizes, full=True, features=options.features)
        baseline = generate(root / "baseline", *sizes, full=False, features=options.features)
        escaped = generate(root / "escaped", *sizes, full=False, features=options.features, escaped=True)
        builds = [Build("baseline", baseline), Build("escaped", escaped), Build("full", full)]
        if against:
            builds.append(Build("against", full, against))
        results: dict[str, list[dict[str, float]]] = {build.name: [] for build in builds}
        for repeat in range(options.repeats):
            for build in in_turn(repeat, builds):
                site = build.config.parent / f"site-{build.name}-{repeat}"
                results[build.name].append(run(CHILD, str(build.config), str(site), plugins=build.plugins))
                shutil.rmtree(site)
        seconds = {name: statistics.median(r["seconds"] for r in runs) for name, runs in results.items()}
        memory = {name: max(r["peak_kib"] for r in runs) / 1024 for name, runs in results.items()}
        cpu = {name: statistics.median(r["cpu"] for r in runs) for name, runs in results.items()}
        collector = {name: {key: statistics.median(r[key] for r in runs) for key in ("gc_seconds", "gc_collections", "gc_full")}
                     for name, runs in results.items()}
        # pandoc's calls and seconds, and the build's wait for them, as the citations plugin timed them.
        formatting = {key: statistics.median(r[key] for r in results["full"]) for key in ("pandoc_calls", "pandoc_seconds", "waited_seconds")}
        pairs = paired(results, "baseline")
        ratios = [full / baseline for full, baseline in pairs]
        escaped_pairs = paired(results, "escaped")
        escaped_ratios = [full / baseline for full, baseline in escaped_pairs]
        # Noise only ever adds time: the fastest build of each is the other estimate a shared machine allows.
        fastest = min(r["seconds"] for r in results["full"]) / min(r["seconds"] for r in results["baseline"])
        cold, cached = format_clusters(1000)
        # Rebuilds are timed in pairs too (a third as many as the builds), each
        # pair on a fresh copy of the site so every rebuild sees the same change.
        rebuilds: dict[str, list[dict[str, float]]] = {"full": [], "escaped": []}
        for repeat in range(max(1, options.repeats // 3)):
            for name, config, _ in in_turn(repeat, [build for build in builds if build.name in rebuilds]):
                copy = config.parent.parent / f"{name}-rebuild"
                shutil.copytree(config.parent, copy)
                post = copy / "docs/blog/posts/reflection-0000.md"
                rebuilds[name].append(run(REBUILD, str(copy / "mkdocs.yml"), str(copy / "site-serve"), str(post)))
                shutil.rmtree(copy)
        rebuild = {name: statistics.median(r["seconds"] for r in runs) for name, runs in rebuilds.items()}
        rebuild_pandoc_calls = max(r["pandoc_calls"] for r in rebuilds["full"])
        counted: dict[str, Path] = {}
        if options.instructions or options.parts:
            counted = {"full": full, "baseline": baseline, "escaped baseline": escaped}
        if options.parts:
            counted |= {f"without {part}": config for part, config in sites_without_each_part(full, root, sizes, options.features).items()}
            # What the posts' Coachfolio markup costs Material itself: the posts' own data, not a plugin's work.
            counted["baseline, posts typed without Coachfolio"] = generate(
                root / "baseline-typed", *sizes, full=False, features=options.features, markup=False
            )
        instructions = count_builds(counted)

        print(f"portfolio: {options.reflections} reflections, {options.rubrics} rubrics, "
              f"{options.references} references, {options.citations} citations each; {options.repeats} pairs"
              + (f"; theme features: {options.features}" if options.features else ""))
        print(versions_line())
        print(f"baseline (Material blog + tags): median {seconds['baseline']:.2f} s, peak {memory['baseline']:.0f} MiB")
        print(f"escaped baseline (the same pages, citations' brackets escaped): median {seconds['escaped']:.2f} s, peak {memory['escaped']:.0f} MiB")
        print(f"full (with Coachfolio):          median {seconds['full']:.2f} s, peak {memory['full']:.0f} MiB")
        print(f"ratio full/baseline: time {statistics.median(ratios):.3f} (median of pairs{confidence_phrase(ratios)}; "
              f"pairs {min(ratios):.3f} to {max(ratios):.3f}; fastest of each {fastest:.3f}), memory {memory['full'] / memory['baseline']:.3f}")
        # The escaped baseline shows the same pages without Python-Markdown trying each citation as a link:
        # the ratio to it is what Coachfolio costs whatever a Markdown release makes of unclosed brackets.
        print(f"ratio full/escaped baseline: time {statistics.median(escaped_ratios):.3f} (median of pairs{confidence_phrase(escaped_ratios)}; "
              f"pairs {min(escaped_ratios):.3f} to {max(escaped_ratios):.3f}), memory {memory['full'] / memory['escaped']:.3f}")
        if against:
            print(against_report(options.against, results))
        # On a machine whose second core is busy with other work, pandoc's time on it adds to the build's.
        # From here on the full build is set against the escaped baseline, whose cost no Markdown release's
        # handling of unclosed brackets inflates.
        print(f"processor time on all cores (pandoc included): full {cpu['full']:.2f} s, escaped baseline {cpu['escaped']:.2f} s, "
              f"ratio {cpu['full'] / cpu['escaped']:.3f}")
        # Each full collection walks every object the build keeps; which build makes one more depends on thresholds.
        full_gc, baseline_gc = collector["full"], collector["escaped"]
        print(f"garbage collection (the build's own process): full {full_gc['gc_seconds']:.2f} s in {full_gc['gc_collections']:.0f} collections, "
              f"{full_gc['gc_full']:.0f} of them full; escaped baseline {baseline_gc['gc_seconds']:.2f} s in {baseline_gc['gc_collections']:.0f}, "
              f"{baseline_gc['gc_full']:.0f} full")
        # pandoc runs on the second core while MkDocs renders pages; only the wait at the end adds to the build.
        print(f"formatting the full build's citations: pandoc {formatting['pandoc_seconds']:.2f} s in {formatting['pandoc_calls']:.0f} calls, "
              f"beside the build; the build waited {formatting['waited_seconds']:.2f} s for it (medians)")
        print(f"formatting 1000 citation clusters: {cold:.2f} s cold, {cached:.3f} s cached")
        print(f"rebuild after touching one post (as mkdocs serve), median of {len(rebuilds['full'])}: "
              f"{rebuild['full']:.2f} s (escaped baseline {rebuild['escaped']:.2f} s); pandoc calls in the full rebuild: {rebuild_pandoc_calls:.0f}")
        if instructions:
            print(f"instructions executed by the build's own process (cachegrind; pandoc not counted): "
                  f"full {instructions['full'] / 1e9:.3f} G, baseline {instructions['baseline'] / 1e9:.3f} G, "
                  f"ratio {instructions['full'] / instructions['baseline']:.3f}; escaped baseline {instructions['escaped baseline'] / 1e9:.3f} G, "
                  f"ratio {instructions['full'] / instructions['escaped baseline']:.3f}")
        if options.parts:
            for line in parts_report(instructions):
                print(line)
        if options.record:
            # With another checkout's build in each round, the pairs are built further apart: such runs are pooled only together.
            portfolio = [*sizes, options.features, *(["against another checkout"] if against else [])]
            pooled = pool_runs(options.record, {"sources": sources, "portfolio": portfolio, "pairs": pairs, "escaped_pairs": escaped_pairs})
            print(pooled_report(pooled))
            print(pooled_report(pooled, "escaped_pairs"))
    finally:
        if options.keep:
            print(f"sites kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
