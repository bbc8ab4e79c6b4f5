#!/usr/bin/python3
"""Expected answers of test/eval/dev.jsonl and test/eval/heldout.jsonl, computed with pandas from the raw
vega-datasets files: never with InsightX, its planner or DuckDB.

Each question is written once, in answers/dev.py or answers/heldout.py, directly above the computation of its
answer, so anyone can re-check it.

    /usr/bin/python3 test/eval/compute-answers.py           # writes dev.jsonl and heldout.jsonl
    /usr/bin/python3 test/eval/compute-answers.py --check   # exits 1 when the committed files differ

dev: the planner engineers may read and tune on it. heldout: nobody tunes on it (do not read answers/heldout.py
or heldout.jsonl if you work on the planner); it is only scored.
Files are read the way InsightX ingests them: dates as dates, column names as they are, JSON fields as columns.
Labels are what a correct answer shows: a year as 2005 (or a date starting with it), a month of the year as its
number, full name or abbreviation (label_any), a calendar month as "2014-11" (a date cell starting with it).
"""

import os
import sys

sys.dont_write_bytecode = True  # the tree stays clean (CI checks it)
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from answers import dev, heldout  # noqa: E402,F401  (each registers its questions)
from answers.lib import build  # noqa: E402


def main():
    built = build()
    check = "--check" in sys.argv
    stale = []
    for split, text in built.items():
        path = os.path.join(HERE, f"{split}.jsonl")
        if check:
            current = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if current != text:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
    counts = ", ".join(f"{split}: {text.count(chr(10))} questions" for split, text in built.items())
    if stale:
        print(f"out of date (run test/eval/compute-answers.py): {', '.join(stale)}", file=sys.stderr)
        sys.exit(1)
    print(("up to date: " if check else "wrote ") + counts)


if __name__ == "__main__":
    main()
