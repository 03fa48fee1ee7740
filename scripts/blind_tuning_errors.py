"""The classifier's mistakes on the tuning part of the blind sets, in full, to correct rules by.

    python scripts/blind_tuning_errors.py          # every language
    python scripts/blind_tuning_errors.py --lang de

Only the tuning part (``tests.mail.evaluation.blind_split``: 40 of each language's
140 messages) is shown; the other 100 stay held out, and this script never prints them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mail.evaluation import HELD_OUT_LANGUAGES, blind_tuning_sets, evaluate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=HELD_OUT_LANGUAGES)
    args = parser.parse_args()
    for lang, examples in blind_tuning_sets().items():
        if args.lang and lang != args.lang:
            continue
        report = evaluate(examples)
        wrong = report.errors()
        print(f"## {lang}: {len(examples) - len(wrong)} of {len(examples)} right")
        print(
            f"rejection precision {report.precision('rejection'):.3f}, "
            f"recall {report.recall('rejection'):.3f}\n"
        )
        for example, verdict in wrong:
            print(
                f"=== {example.id}: truth {example.label}, guess {verdict.label.value} "
                f"({verdict.confidence:.2f})"
            )
            print("evidence:", "; ".join(verdict.evidence))
            print(f"Subject: {example.subject}\n{example.body}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
