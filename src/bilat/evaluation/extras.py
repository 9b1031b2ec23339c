"""The evaluations that are not gold-event sets, printed under the `make eval` table:
event places (bilat.geo.evaluate), visits by title and name (bilat.evaluation.leaders_bench)
and the PETRARCH validation suites (bilat.compat.petrarch.runner).

Each is optional: a missing module or missing data gives a "skipped" line with the reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bilat.errors import BilatError


@dataclass(frozen=True, slots=True)
class ExtraOutcome:
    name: str
    line: str
    seconds: float


def _places() -> str:
    from bilat.geo.evaluate import run_location_eval

    return run_location_eval().line()


def _leaders() -> str:
    from bilat.evaluation.leaders_bench import run_leaders_bench

    r = run_leaders_bench()
    return (f"visits by title and name ({r.size} sentences): source country right "
            f"{r.source_accuracy:.1%}, source and target right {r.dyad_accuracy:.1%} "
            f"(target 90%: {'met' if r.met else 'MISSED'})")


def _petrarch() -> str:
    from bilat.compat.petrarch.runner import default_suites, run_suite

    parts = []
    for path in default_suites():
        r = run_suite(path)
        parts.append(f"{path.parent.name}: {r.exact}/{len(r.evaluated)} exact ({r.rate:.1%})")
    return "; ".join(parts)


EXTRAS: dict[str, Callable[[], str]] = {
    "event-location": _places,
    "leaders-visits": _leaders,
    "petr-validation": _petrarch,
}


def run_extras(names: list[str] | None = None) -> list[ExtraOutcome]:
    out = []
    for name, fn in EXTRAS.items():
        if names is not None and name not in names:
            continue
        t0 = time.perf_counter()
        try:
            line = fn()
        except (BilatError, ImportError, AttributeError) as e:
            line = f"skipped: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
        out.append(ExtraOutcome(name, line, time.perf_counter() - t0))
    return out


def format_extras(outcomes: list[ExtraOutcome]) -> str:
    if not outcomes:
        return ""
    rows = [f"{o.name:<17} {o.line}  [{o.seconds:.1f}s]" for o in outcomes]
    return "\nother evaluations:\n" + "\n".join(rows) + "\n"
