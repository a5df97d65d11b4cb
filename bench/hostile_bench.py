"""Hostile-input benchmark: parse time and peak memory on crafted texts, this code beside a baseline.

Cases (issue 7): "clashes erupted in Tafas. " repeated 2,000…32,000 times (the time
should double when the input doubles: ratio ≤ 2.3), 1 MB of a repeated Arabic town
name, the worst of several crafted 1 MB texts (≤ 5 s and ≤ 300 MB peak RSS), and
10 / 20 MB texts (refused by the 1,000,000-character limit; also parsed with the
limit lifted, to show memory grows linearly).

Every measurement runs in a fresh process (peak RSS is the process's high-water mark,
gazetteer included; "RSS before the text" is that mark after the parser was loaded and
warmed up, before the crafted text is parsed). The baseline is another checkout run in the same session, e.g.
the code before the fix:

    git worktree add --detach /tmp/old <commit>
    .venv/bin/python bench/hostile_bench.py --baseline /tmp/old [--baseline-timeout 150]

Without --baseline the figures the issue reported for the old code are printed beside ours.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
SERIES = (2_000, 4_000, 8_000, 16_000, 32_000)
UNIT = "clashes erupted in Tafas. "
#: The issue's figures for the old code (seconds; MB of peak memory).
ISSUE = {("series", n): s for n, s in zip(SERIES, (0.2, 0.7, 2.2, 8.1, 70.0))}
ISSUE[("ar_town_1mb", 0)] = 99.0
ISSUE_MEMORY = {10: 863, 20: 1250}


def _fill(unit: str, nbytes: int) -> str:
    return unit * max(1, nbytes // len(unit.encode("utf-8")))


def _news(nbytes: int) -> str:
    """Ordinary synthetic news (bench/corpus.py) joined into one text of about `nbytes`."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    parts, size = [], 0
    seed = 0
    while size < nbytes:
        for doc in corpus.generate(min(5.0, (nbytes - size) / MB + 0.2), seed=seed):
            parts.append(doc.text)
            size += doc.nbytes
            if size >= nbytes:
                break
        seed += 1
    return "\n\n".join(parts)


#: Crafted 1 MB texts: the worst of them is the figure that counts.
SHAPES = {
    "en_repeated_town": lambda: _fill(UNIT, MB),
    "ar_repeated_town": lambda: _fill("البوكمال ", MB),
    "ar_short_name": lambda: _fill("حلب ", MB),
    "ar_clitic_name": lambda: _fill("وبحلب ", MB),
    "en_incidents": lambda: _fill("Clashes erupted in Tafas yesterday, killing 5 people. ", MB),
    "ar_incidents": lambda: _fill("قصف مدفعي على مدينة البوكمال أمس أدى إلى مقتل 3 مدنيين. ", MB),
    "one_sentence": lambda: _fill("clashes in Tafas and Homs and Daraa, killing 5 on Monday, ", MB),
    "articles_only": lambda: _fill("ez Zor as Sukhnah ", MB),
    "initials": lambda: _fill("U.S. Dr. J. ", MB),
    "bidi_controls": lambda: _fill("\u202eHoms\u202c \u2067حلب\u2069 ", MB),
    "markup": lambda: _fill("<p>Clashes in <b>Homs</b></p><script>x</script>", MB),
    "whitespace": lambda: "Clashes in Homs" + " " * MB + "killed 5.",
}


def make_text(case: str, param: int) -> str:
    if case == "series":
        return UNIT * param
    if case == "ar_town_1mb":
        return _fill("البوكمال ", MB)
    if case in ("news", "news_unlimited", "news_refused"):
        return _news(param * MB)
    return SHAPES[case]()


# --------------------------------------------------------------------------- child process


def child(root: str, case: str, param: int) -> None:
    import resource
    from datetime import date

    sys.path.insert(0, root)
    os.chdir(root)
    from map_app.geoparse.pipeline import Geoparser

    text = make_text(case, param)
    unlimited = case != "news_refused"
    try:
        geoparser = Geoparser(max_chars=None) if unlimited else Geoparser()
    except TypeError:  # the old code has no limit to lift
        geoparser = Geoparser()
    # Warm up on the start of the same text: lazily built tables and compiled patterns are paid here.
    geoparser.parse("Clashes erupted in Tafas yesterday, killing 5 people.", published=date(2024, 10, 26))
    geoparser.parse(text[:5000], published=date(2024, 10, 26))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    result = {"chars": len(text), "bytes": len(text.encode("utf-8")), "base_mb": round(base)}
    try:
        doc = geoparser.parse(text, published=date(2024, 10, 26))
        result.update(mentions=len(doc.places), incidents=len(doc.incidents))
    except Exception as exc:  # noqa: BLE001 - the refusal is a result too
        result["error"] = f"{type(exc).__name__}: {exc}"[:160]
    result.update(seconds=round(time.perf_counter() - wall, 3), cpu=round(time.process_time() - cpu, 3),
                  peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    print(json.dumps(result))


def measure(root: Path, case: str, param: int, timeout: float, index: str, repeat: int = 1) -> dict:
    """The run with the least CPU time of `repeat` fresh processes."""
    runs = [_measure_once(root, case, param, timeout, index) for _ in range(repeat)]
    done = [r for r in runs if "cpu" in r]
    return min(done, key=lambda r: r["cpu"]) if done else runs[0]


def _measure_once(root: Path, case: str, param: int, timeout: float, index: str) -> dict:
    env = {**os.environ, "GAZETTEER_INDEX": index, "PYTHONHASHSEED": "0"}
    try:
        out = subprocess.run([sys.executable, __file__, "--child", str(root), case, str(param)],
                             capture_output=True, text=True, timeout=timeout, env=env, cwd=root)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1][:160]}
    return json.loads(lines[-1])


# --------------------------------------------------------------------------- report


def _time(r: dict | None) -> str:
    if r is None:
        return "–"
    if "timeout" in r:
        return f"> {r['timeout']:g} s (stopped)"
    if "seconds" not in r:
        return r.get("error", "failed")
    return f"{r['seconds']:.2f} s"


def _mem(r: dict | None) -> str:
    return f"{r['peak_mb']} MB" if r and "peak_mb" in r else "–"


def _base(r: dict | None) -> str:
    """Peak RSS after the parser was loaded and warmed up, before the text was parsed."""
    return f"{r['base_mb']} MB" if r and "base_mb" in r else "–"


def _ratio(a: dict | None, b: dict | None) -> str:
    """Ratio of CPU times (less sensitive than wall time to other work on the machine)."""
    if not a or not b or "cpu" not in a or "cpu" not in b or a["cpu"] <= 0:
        return "–"
    return f"{b['cpu'] / a['cpu']:.2f}"


def _both_times(r: dict | None) -> str:
    if r is None or "seconds" not in r:
        return _time(r)
    return f"{r['seconds']:.2f} s ({r['cpu']:.2f} s CPU)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, help="another checkout to run beside this one (e.g. the old code)")
    ap.add_argument("--baseline-timeout", type=float, default=150.0, help="seconds before a baseline run is stopped")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--quick", action="store_true", help="skip the 10/20 MB cases")
    ap.add_argument("--repeat", type=int, default=3, help="fresh processes per case for this code (least CPU kept)")
    ap.add_argument("--child", nargs=3, metavar=("ROOT", "CASE", "PARAM"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return 0

    sys.path.insert(0, str(ROOT))
    from gazetteer import default_index_dir

    index = os.environ.get("GAZETTEER_INDEX") or str(default_index_dir())
    load_start = os.getloadavg()[0]
    started = time.perf_counter()

    def both(case: str, param: int, baseline_timeout: float | None = None) -> tuple[dict, dict | None]:
        ours = measure(ROOT, case, param, args.timeout, index, args.repeat)
        old = (measure(args.baseline, case, param, baseline_timeout or args.baseline_timeout, index)
               if args.baseline else None)
        return ours, old

    print("## Repeated place name: time grows linearly\n")
    label = "baseline" if args.baseline else "issue report (old code)"
    print(f"| input | chars | mentions | this code: wall (CPU) | CPU ratio per doubling | peak RSS | {label} | "
          f"{label} ratio | {label} peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    previous: tuple[dict, dict | None] | None = None
    worst_ratio = 0.0
    for n in SERIES:
        ours, old = both("series", n)
        old_shown = _both_times(old) if args.baseline else f"{ISSUE[('series', n)]:g} s"
        ratio = _ratio(previous[0], ours) if previous else "–"
        if ratio != "–":
            worst_ratio = max(worst_ratio, float(ratio))
        old_ratio = (_ratio(previous[1], old) if previous and args.baseline else
                     (f"{ISSUE[('series', n)] / ISSUE[('series', n // 2)]:.2f}" if n > SERIES[0] else "–"))
        print(f"| \"{UNIT.strip()} \" × {n:,} | {ours.get('chars', 0):,} | {ours.get('mentions', '–'):,} | "
              f"{_both_times(ours)} | {ratio} | {_mem(ours)} | {old_shown} | {old_ratio} | "
              f"{_mem(old) if args.baseline else '–'} |")
        previous = (ours, old)
    ours, old = both("ar_town_1mb", 0)
    old_shown = _both_times(old) if args.baseline else f"{ISSUE[('ar_town_1mb', 0)]:g} s"
    print(f"| \"البوكمال \" to 1 MB | {ours.get('chars', 0):,} | {ours.get('mentions', '–'):,} | "
          f"{_both_times(ours)} | – | {_mem(ours)} | {old_shown} | – | {_mem(old) if args.baseline else '–'} |")
    print(f"\nWorst ratio per doubling (this code): {worst_ratio:.2f} (target ≤ 2.3).\n")

    print("## Crafted 1 MB texts: the worst one counts\n")
    print("| text | chars | mentions | this code | CPU | RSS before the text | peak RSS | baseline | "
          "baseline RSS before the text | baseline peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    worst_time, worst_mem, worst_old_mem = ("", 0.0), ("", 0), ("", 0)
    for name in SHAPES:
        ours, old = both(name, 0, min(args.baseline_timeout, 30.0))
        if "seconds" in ours:
            worst_time = max(worst_time, (name, ours["seconds"]), key=lambda x: x[1])
            worst_mem = max(worst_mem, (name, ours["peak_mb"]), key=lambda x: x[1])
        if old and "peak_mb" in old:
            worst_old_mem = max(worst_old_mem, (name, old["peak_mb"]), key=lambda x: x[1])
        print(f"| {name} | {ours.get('chars', 0):,} | {ours.get('mentions', '–'):,} | {_time(ours)} | "
              f"{ours.get('cpu', '–')} s | {_base(ours)} | {_mem(ours)} | {_time(old)} | {_base(old)} | {_mem(old)} |")
    print(f"\nWorst 1 MB input: {worst_time[1]:.2f} s ({worst_time[0]}), peak RSS {worst_mem[1]} MB "
          f"({worst_mem[0]}); targets ≤ 5 s and ≤ 300 MB."
          + (f" Baseline: peak RSS {worst_old_mem[1]} MB ({worst_old_mem[0]})." if worst_old_mem[1] else "") + "\n")

    if not args.quick:
        print("## 10 and 20 MB texts\n")
        print("| text | chars | refused by the limit: time, peak RSS | parsed with the limit lifted: time, "
              "peak RSS | issue report (old code) |")
        print("|---|---|---|---|---|")
        for mb in (10, 20):
            refused = measure(ROOT, "news_refused", mb, args.timeout, index)
            lifted = measure(ROOT, "news_unlimited", mb, args.timeout * 2, index)
            print(f"| synthetic news, {mb} MB | {lifted.get('chars', refused.get('chars', 0)):,} | "
                  f"{_time(refused)}, {_mem(refused)} | {_time(lifted)}, {_mem(lifted)} "
                  f"({lifted.get('mentions', '–'):,} mentions) | peak {ISSUE_MEMORY[mb]:,} MB |")
    print(f"\nMachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, 1-min load average "
          f"{load_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end; "
          f"whole benchmark {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
