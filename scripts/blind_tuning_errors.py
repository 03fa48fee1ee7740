"""The classifier's mistakes on development sets written by other authors, in full, to correct rules by.

    python scripts/blind_tuning_errors.py                  # the whole first blind sets, every language
    python scripts/blind_tuning_errors.py --lang de
    python scripts/blind_tuning_errors.py --set blind3     # the third blind sets
    python scripts/blind_tuning_errors.py --set train_hand # the hand-written training messages

The first seventeen blind sets (``tests/mail/corpus/blind/`` to ``blind17/``) were
measured as held out and are development data now, whole
(``tests.mail.evaluation.dev_sets``); the held-out measure is ``blind18/``
(``held_out_sets``), which this script never reads.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mail.corpus import CORPUS, load  # noqa: E402
from tests.mail.evaluation import HELD_OUT_LANGUAGES, evaluate  # noqa: E402

#: Development sets by other authors that this script may show.
SETS = (
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "blind13",
    "blind14",
    "blind15",
    "blind16",
    "blind17",
    "train_hand",
    "train_hand2",
    "train_hand3",
    "train_hand4",
    "train_hand5",
    "train_hand6",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=HELD_OUT_LANGUAGES)
    parser.add_argument("--set", choices=SETS, default="blind")
    args = parser.parse_args()
    for lang in HELD_OUT_LANGUAGES:
        if args.lang and lang != args.lang:
            continue
        examples = load(f"{args.set}/{lang}")
        if (CORPUS / args.set / f"{lang}_b.txt").is_file():  # a second author's file
            examples += load(f"{args.set}/{lang}_b")
        report = evaluate(examples)
        wrong = report.errors()
        print(f"## {args.set}/{lang}: {len(examples) - len(wrong)} of {len(examples)} right")
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
