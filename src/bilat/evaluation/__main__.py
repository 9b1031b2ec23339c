"""`python -m bilat.evaluation`: accuracy on the public gold sets, as one table.

    python -m bilat.evaluation                       every set; compare with docs/ACCURACY.md
    python -m bilat.evaluation --sets seed,petr2-gsr --limit 20
    python -m bilat.evaluation --details plover-gsr  the table, then that set's errors
    python -m bilat.evaluation --write               record the figures in docs/ACCURACY.md

The gold data is read from ../shared beside the checkout (or $BILAT_SHARED);
a set whose data is absent is reported as skipped. Exit status: 0 when the
run went through (targets met or not), 1 on an error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from bilat.errors import BadParameter, BilatError
from bilat.evaluation.adapters import set_names


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bilat.evaluation",
        description="Score bilat on the public gold sets and compare with the last recorded run.",
        epilog="example: python -m bilat.evaluation --sets petr2-gsr,seed --limit 20")
    p.add_argument("--sets", help="comma-separated sets (default: all): " + ", ".join(set_names()))
    p.add_argument("--limit", type=int, help="score at most N records of each set, spread evenly")
    p.add_argument("--write", action="store_true",
                   help="record the figures (and today's date) in docs/ACCURACY.md")
    p.add_argument("--details", metavar="SET", help="list the errors of one set after the table")
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead")
    p.add_argument("--doc", type=Path, help="the file holding the figures (default docs/ACCURACY.md)")
    p.add_argument("--shared", type=Path, help="the shared data folder (default ../shared)")
    p.add_argument("--no-extras", action="store_true",
                   help="skip the other evaluations (places, leaders, PETRARCH suites)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bilat.evaluation import runner

    try:
        names = runner.parse_sets(args.sets)
        if args.details:
            detail = runner.parse_sets(args.details)
            if len(detail) != 1:
                raise BadParameter(f"--details takes one set, not {args.details!r}")
            names = names if args.sets else detail
            if detail[0] not in names:
                names = runner.parse_sets(",".join([*names, *detail]))
        if args.write and args.limit is not None:
            raise BadParameter("--write records full runs only; drop --limit")
        doc = args.doc or runner.default_doc_path()
        baseline = runner.read_baseline(doc)
        outcomes = runner.run_sets(names, shared=args.shared, limit=args.limit)
        if args.json:
            data = runner.merged_figures(outcomes, runner.Baseline(), today=date.today())
            sys.stdout.write(json.dumps(data, indent=1) + "\n")
        else:
            sys.stdout.write(runner.format_table(outcomes, baseline, limit=args.limit))
            if not (args.no_extras or args.sets or args.details or args.limit):
                from bilat.evaluation.extras import format_extras, run_extras

                sys.stdout.write(format_extras(run_extras()))
        if args.details:
            (o,) = [o for o in outcomes if o.name == detail[0]]
            sys.stdout.write("\n" + runner.format_details(o))
        if args.write:
            runner.write_baseline(doc, outcomes, today=date.today())
            sys.stderr.write(f"figures recorded in {doc}\n")
    except BilatError as e:
        sys.stderr.write(f"bilat: {e}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
