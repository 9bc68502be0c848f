"""Gazetteer speed and memory: load time, resolutions per second on the exact and fuzzy paths, peak memory.

    python benchmarks/gazetteer_bench.py [--runs 5] [--n 20000] [--n-fuzzy 2000] [--profile]

Every figure is the median of N runs, printed beside a baseline measured in the same run:

- load: `Gazetteer.load()` in a fresh interpreter with a warm cache file (so no import or lru cache of this process
  hides anything), beside reading and json-parsing ``places.json.gz`` alone in a fresh interpreter; also the first
  build without a cache file (a fresh, empty ``$ATLAS_CACHE_DIR`` each run) and the import time of the package.
- exact/variant path: `gaz.resolve(q)` over real spellings (every alternate name of every place, plus
  transliteration variants: al- dropped or added, ou/u, ei/ay, -ah/-a, hyphen/space) whose folded key is a name of
  the index, beside a plain folded lookup ``index.folded.get(fold(q))`` over the same queries.
- fuzzy path: `gaz.resolve(q)` over names with one letter deleted, transposed or substituted in the middle, such that
  no exact or folded key matches (so rapidfuzz is needed), beside ``process.extractOne(fold(q), all_keys,
  scorer=fuzz.ratio)`` over all folded keys.
- memory: the tracemalloc peak and the RSS growth (``resource.getrusage``) of `Gazetteer.load()` in a fresh
  interpreter, beside the same for json-parsing the raw data.

`fold`, `plain`, `skeleton` and `has_article` are lru-cached, so each path is timed twice per run: "cold" right after
clearing those caches (every query folded for the first time) and "warm" on the same queries again.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import rapidfuzz  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from gazetteer import Gazetteer, fold, plain, skeleton  # noqa: E402
from gazetteer.fold import has_article, is_arabic  # noqa: E402
from gazetteer.gazetteer import FUZZY_MIN_LEN  # noqa: E402
from gazetteer.index import DATA, NameIndex  # noqa: E402

#: Targets: load time (s), resolutions per second on the exact and the fuzzy path.
TARGET_LOAD_S, TARGET_EXACT_PER_S, TARGET_FUZZY_PER_S = 0.5, 50_000, 2_000
#: The fuzzy baseline scans every key for every query (~6 ms each): it is timed on at most this many queries.
FUZZY_BASELINE_MAX = 500

_ARTICLE_RE = re.compile(r"^(?:al|el|as|ash|ad|ar|at|az|an|ath|adh)[-\s]+(?=\w)", re.IGNORECASE)
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"

# -- snippets run in fresh interpreters ---------------------------------------------------------------------------

_LOAD = """
import time
t0 = time.perf_counter()
from gazetteer import Gazetteer
t1 = time.perf_counter()
Gazetteer.load()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""

_JSON = """
import time
t0 = time.perf_counter()
import gzip, json, sys
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
    json.load(f)
print(0.0, time.perf_counter() - t0)
"""

_LAUNCH = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"

_MEMORY = """
import resource, sys, tracemalloc
mode, what = sys.argv[1], sys.argv[2]
if what == "gazetteer":
    from gazetteer import Gazetteer
    load = Gazetteer.load
else:
    import gzip, json
    def load():
        with gzip.open(sys.argv[3], "rt", encoding="utf-8") as f:
            return json.load(f)
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes on macOS, KiB elsewhere
if mode == "trace":
    tracemalloc.start()
    kept = load()
    current, peak = tracemalloc.get_traced_memory()
    print(peak, current)
else:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kept = load()
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * scale, 0)
"""


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    metric: str
    value: float
    baseline: float | None
    unit: str  # "s", "/s" or "MiB"
    target: float | None = None
    higher_is_better: bool = False

    @property
    def met(self) -> str:
        """ "yes", "NO", or "-" when there is no target."""
        if self.target is None:
            return "-"
        ok = self.value >= self.target if self.higher_is_better else self.value <= self.target
        return "yes" if ok else "NO"


# -- queries ------------------------------------------------------------------------------------------------------


def transliteration_variants(name: str) -> set[str]:
    """Spellings of `name` as other writers give them: al- dropped or added, ou/u, ei/ay, -ah/-a, hyphen/space."""
    if is_arabic(name):
        return {name}
    out = {name}
    if _ARTICLE_RE.match(name):
        out.add(_ARTICLE_RE.sub("", name))
    else:
        out.add(f"al-{name}")
    for a, b in (("ou", "u"), ("u", "ou"), ("ei", "ay"), ("ay", "ei"), ("-", " "), (" ", "-")):
        if a in name:
            out.add(name.replace(a, b, 1))
    if name.endswith("ah"):
        out.add(name[:-1])
    elif name.endswith("a"):
        out.add(name + "h")
    elif name.endswith("eh"):
        out.add(name[:-2] + "a")
    return out


def shuffled_names(gaz: Gazetteer, rng: random.Random) -> list[str]:
    """Every distinct alternate name of every place, shuffled."""
    names = sorted({name for place in gaz.places for name in place.names or (place.name,)})
    rng.shuffle(names)
    return names


def exact_queries(gaz: Gazetteer, index: NameIndex, n: int, rng: random.Random) -> list[str]:
    """N distinct real spellings (alternate names and their variants) whose folded key is in the index."""
    out: dict[str, None] = {}
    for name in shuffled_names(gaz, rng):
        for q in sorted(transliteration_variants(name)):
            if q not in out and fold(q) in index.folded:
                out[q] = None
        if len(out) >= n:
            break
    queries = list(out)[:n]
    rng.shuffle(queries)
    return queries


def misspell(name: str, rng: random.Random) -> str:
    """`name` with one letter deleted, transposed with the next or substituted, away from both ends."""
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 2)
    kind = rng.choice(("delete", "transpose", "substitute"))
    if kind == "delete":
        return name[:i] + name[i + 1:]
    if kind == "transpose":
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    alphabet = _ARABIC if is_arabic(name) else _LATIN
    return name[:i] + rng.choice([c for c in alphabet if c != name[i].lower()]) + name[i + 1:]


def fuzzy_queries(gaz: Gazetteer, index: NameIndex, n: int, rng: random.Random) -> list[str]:
    """N distinct misspelled names that no exact or folded key matches, long enough for the fuzzy path."""
    out: dict[str, None] = {}
    for name in shuffled_names(gaz, rng):
        if len(fold(name)) <= FUZZY_MIN_LEN:
            continue
        q = misspell(name, rng)
        key = fold(q)
        if len(key) >= FUZZY_MIN_LEN and key not in index.folded and plain(q) not in index.exact:
            out[q] = None
            if len(out) == n:
                break
    return list(out)


# -- timing -------------------------------------------------------------------------------------------------------


def clear_caches() -> None:
    """Empty the lru caches of the folding functions, as in a fresh process (the Latin words and Arabic tokens a
    name's keys are made from too, where the code remembers them)."""
    folding = sys.modules["gazetteer.fold"]
    parts = [fn for fn in (getattr(folding, "_latin_token", None), getattr(folding, "_arabic_tokens", None))
             if hasattr(fn, "cache_clear")]
    for fn in (plain, fold, skeleton, has_article, *parts):
        fn.cache_clear()


def per_second(fn: Callable[[str], object], queries: Sequence[str]) -> float:
    """Calls of `fn` per second over `queries`."""
    t = time.perf_counter()
    for q in queries:
        fn(q)
    return len(queries) / (time.perf_counter() - t)


def cold_and_warm(fn: Callable[[str], object], queries: Sequence[str], runs: int,
                  gaz: Gazetteer | None = None) -> tuple[float, float]:
    """Median rates with the fold caches cleared before the pass, and on a second pass over the same queries.

    With `gaz`, its cache of answers is emptied before both passes, so every query is resolved anew: "warm" means
    warm folding caches, not remembered answers (those are measured apart, in `repeated_rows`).
    """
    cold, warm = [], []
    for _ in range(runs):
        clear_caches()
        if gaz is not None:
            gaz.clear_cache()
        cold.append(per_second(fn, queries))
        if gaz is not None:
            gaz.clear_cache()
        warm.append(per_second(fn, queries))
    return statistics.median(cold), statistics.median(warm)


def run_fresh(snippet: str, args: Sequence[str] = (), cache_dir: Path | None = None,
              small_parent: bool = False) -> tuple[float, float]:
    """Run a snippet in a fresh interpreter and return the two numbers it prints.

    With `small_parent`, the interpreter is started by a small launcher process: on Linux a process inherits its
    parent's peak RSS (ru_maxrss) when it is spawned, and this benchmark's own process is large.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    if cache_dir is not None:
        env["ATLAS_CACHE_DIR"] = str(cache_dir)
    cmd = [sys.executable, "-c", snippet, *args]
    if small_parent:
        cmd = [sys.executable, "-S", "-c", _LAUNCH, *cmd]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def load_rows(runs: int, tmp: Path) -> tuple[list[Row], Path]:
    """Load time with a warm cache, first build without one, import time, and the json-parsing baseline.

    Each build gets a new cache folder under `tmp`; the first one, then warm, is returned for later measurements.
    """
    data = str(DATA / "places.json.gz")
    builds = [run_fresh(_LOAD, cache_dir=tmp / f"build{i}") for i in range(runs)]
    warm_dir = tmp / "build0"
    warm = [run_fresh(_LOAD, cache_dir=warm_dir) for _ in range(runs)]
    raw = statistics.median(run_fresh(_JSON, [data])[1] for _ in range(runs))
    load = statistics.median(t for _, t in warm)
    return [
        Row("load, warm cache (fresh process)", load, raw, "s", TARGET_LOAD_S),
        Row("load, first build (no cache)", statistics.median(t for _, t in builds), raw, "s"),
        Row("import gazetteer (fresh process)", statistics.median(t for t, _ in warm), None, "s"),
    ], warm_dir


def memory_rows(runs: int, warm_dir: Path) -> list[Row]:
    """Peak traced memory and RSS growth of loading the gazetteer (cache in `warm_dir`), beside json-parsing."""
    data = str(DATA / "places.json.gz")
    mib = 1024 * 1024
    runs_of = {(mode, what): [run_fresh(_MEMORY, [mode, what, data], cache_dir=warm_dir, small_parent=True)
                              for _ in range(runs)]
               for mode in ("trace", "rss") for what in ("gazetteer", "json")}

    def median(mode: str, what: str, pick: int = 0) -> float:
        return statistics.median(r[pick] for r in runs_of[mode, what]) / mib

    return [
        Row("peak memory of load (tracemalloc)", median("trace", "gazetteer"), median("trace", "json"), "MiB"),
        Row("memory kept after load (tracemalloc)", median("trace", "gazetteer", 1), median("trace", "json", 1),
            "MiB"),
        Row("RSS growth of load (getrusage)", median("rss", "gazetteer"), median("rss", "json"), "MiB"),
    ]


def resolve_rows(gaz: Gazetteer, exact: Sequence[str], fuzzy: Sequence[str], runs: int) -> list[Row]:
    """Resolutions per second on both paths, cold and warm, beside their baselines."""
    index: NameIndex = gaz._index  # the benchmark measures the index itself
    keys = list(index.folded)
    exact_cold, exact_warm = cold_and_warm(gaz.resolve, exact, runs, gaz)
    gaz.clear_cache()
    per_second(gaz.resolve, exact)
    repeated = statistics.median(per_second(gaz.resolve, exact) for _ in range(runs))
    base_cold, base_warm = cold_and_warm(lambda q: index.folded.get(fold(q)), exact, runs)
    fuzzy_cold, fuzzy_warm = cold_and_warm(gaz.resolve, fuzzy, runs, gaz)
    sample = fuzzy[:FUZZY_BASELINE_MAX]
    fbase_cold, fbase_warm = cold_and_warm(lambda q: process.extractOne(fold(q), keys, scorer=fuzz.ratio), sample,
                                           runs)
    return [
        Row("exact/variant path, cold caches", exact_cold, base_cold, "/s", TARGET_EXACT_PER_S, True),
        Row("exact/variant path, warm caches", exact_warm, base_warm, "/s", TARGET_EXACT_PER_S, True),
        Row("exact/variant path, answers remembered", repeated, base_warm, "/s"),
        Row("fuzzy path, cold caches", fuzzy_cold, fbase_cold, "/s", TARGET_FUZZY_PER_S, True),
        Row("fuzzy path, warm caches", fuzzy_warm, fbase_warm, "/s", TARGET_FUZZY_PER_S, True),
    ]


# -- output -------------------------------------------------------------------------------------------------------


def fmt(value: float | None, unit: str) -> str:
    """A figure with its unit ("0.312 s", "48,210 /s", "95.2 MiB"); "-" for none."""
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "/s":
        return f"{value:,.0f} /s"
    return f"{value:.1f} MiB"


def table(rows: Sequence[Row]) -> str:
    """The results as an aligned text table: metric | value | baseline | ratio | target | met?"""
    head = ("metric", "value", "baseline", "ratio", "target", "met?")
    body = [(r.metric, fmt(r.value, r.unit), fmt(r.baseline, r.unit),
             f"x{r.value / r.baseline:.2f}" if r.baseline else "-",
             ("≥ " if r.higher_is_better else "≤ ") + fmt(r.target, r.unit) if r.target is not None else "-", r.met)
            for r in rows]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in (head, *body)]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def machine_summary(args: argparse.Namespace, n_exact: int, n_fuzzy: int) -> str:
    """One line: interpreter, platform, CPU count, rapidfuzz version and the run settings."""
    return (f"machine: Python {platform.python_version()} ({platform.python_implementation()}), "
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, rapidfuzz {rapidfuzz.__version__}; "
            f"runs={args.runs}, exact queries={n_exact}, fuzzy queries={n_fuzzy} "
            f"(fuzzy baseline on {min(n_fuzzy, FUZZY_BASELINE_MAX)})")


def profile(gaz: Gazetteer, queries: Sequence[str], title: str, warm: bool, top: int = 10) -> str:
    """The `top` functions by own time of resolving `queries` once, with cold or warm fold caches."""
    clear_caches()
    if warm:
        for q in queries:
            gaz.resolve(q)
    prof = cProfile.Profile()
    prof.enable()
    for q in queries:
        gaz.resolve(q)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    text = out.getvalue().replace(str(REPO) + os.sep, "")
    kept = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(("Ordered", "List"))]
    caches = "warm" if warm else "cold"
    return f"-- profile: {title} ({len(queries)} queries, {caches} caches, top {top} by own time)\n" + "\n".join(kept)


def build_parser() -> argparse.ArgumentParser:
    """The command line of the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; the median is printed (default 5)")
    parser.add_argument("--n", type=int, default=20000, help="queries on the exact/variant path (default 20000)")
    parser.add_argument("--n-fuzzy", type=int, default=None,
                        help="queries on the fuzzy path (default: --n, at most 2000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the query sampling (default 1)")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top 10 for both paths")
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parsed and checked arguments."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.runs < 1 or args.n < 1:
        parser.error("--runs and --n must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    args = parse_args(argv)
    n_fuzzy = args.n_fuzzy if args.n_fuzzy is not None else min(args.n, 2000)
    rng = random.Random(args.seed)
    gaz = Gazetteer.load()
    exact = exact_queries(gaz, gaz._index, args.n, rng)
    fuzzy = fuzzy_queries(gaz, gaz._index, n_fuzzy, rng)
    with tempfile.TemporaryDirectory() as tmp:
        load, warm_dir = load_rows(args.runs, Path(tmp))
        memory = memory_rows(args.runs, warm_dir)
    rows = [*load, *resolve_rows(gaz, exact, fuzzy, args.runs), *memory]
    print(f"Gazetteer benchmark: {len(gaz):,} places, {len(gaz._index.folded):,} folded keys; "
          f"median of {args.runs} run(s); ratio = value / baseline")
    print(table(rows))
    print(machine_summary(args, len(exact), len(fuzzy)))
    if args.profile:
        for queries, title in ((exact, "exact/variant path"), (fuzzy, "fuzzy path")):
            for warm in (False, True):
                print(profile(gaz, queries, title, warm))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
