"""Fidelity of the report reader on the corpus of real published reports (tests/corpus).

For each report and overall, per table: cells exact, cells missing (with a finding that says
so), cells read as a number that is not the report's (must be 0), cells the source copy lost;
and whether each inconsistency the report itself contains (recorded by hand in case.toml) was
flagged by a finding: one of its codes whose message quotes every text of its `says`.

Usage:  .venv/bin/python bench/bench_fidelity.py [-v]   (-v lists every wrong or missing cell)
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.core.reports.fidelity import load_cases, score  # noqa: E402

TABLES = ("t1", "t2", "t3")


def share(exact: int, scored: int) -> str:
    return f"{exact}/{scored} ({100 * exact / scored:.1f}%)" if scored else "-"


def main() -> int:
    verbose = "-v" in sys.argv
    total: Counter = Counter()
    flagged = recorded = silent = 0
    started = time.perf_counter()
    cases = load_cases()
    for case in cases:
        result = score(case)
        if result.error:
            print(f"{case.key:24} 无法读取：{result.error}")
            continue
        total.update(result.counts)
        flagged += result.flagged
        recorded += result.flagged + len(result.unflagged)
        silent += len(result.silent_missing)
        parts = [f"{t} {share(*result.exact_share(t))}" for t in TABLES]
        wrong = sum(result.counts[(t, "wrong")] for t in TABLES)
        missing = sum(result.counts[(t, "missing")] for t in TABLES)
        lost = sum(result.counts[(t, "lost")] for t in TABLES)
        print(
            f"{case.key:24} {'  '.join(parts)}  missing {missing}  lost {lost}  wrong {wrong}"
            f"  inconsistencies flagged {result.flagged}/{result.flagged + len(result.unflagged)}"
        )
        if verbose:
            for line in result.wrong:
                print(f"    WRONG  {line}")
            for line in result.silent_missing:
                print(f"    SILENT {line}")
            for line in result.unflagged:
                print(f"    UNFLAGGED {line}")
    elapsed = time.perf_counter() - started
    print(f"\n{len(cases)} reports, {elapsed:.2f} s")
    for t in TABLES:
        exact = total[(t, "exact")]
        scored = exact + total[(t, "missing")] + total[(t, "wrong")]
        print(
            f"{t}: exact {share(exact, scored)}  missing with finding {total[(t, 'missing')]}"
            f"  wrong {total[(t, 'wrong')]}  lost in the copy {total[(t, 'lost')]}"
        )
    print(f"missing without a finding: {silent}")
    print(f"report inconsistencies flagged: {flagged}/{recorded}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
