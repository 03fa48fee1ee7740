"""Print the job-mail classifier's scores on the corpus, and its parse+classify throughput.

    python scripts/evaluate_classifier.py             # tuning part only (use while tuning)
    python scripts/evaluate_classifier.py --held-out  # also the held-out part
    python scripts/evaluate_classifier.py --errors    # list the tuning part's mistakes
    python scripts/evaluate_classifier.py --leave-out # generalisation: train without a fold of
                                                      # the training banks' sentences, test on it

The held-out part is for the final measurement, not for tuning rules.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.mail.corpus import Example, build, load, load_labelled, split
from tests.mail.evaluation import evaluate, table

from nextround.classify import classify, connect_answer
from nextround.mail.messages import parse_message

ANSWERS = {"yes": True, "no": False, "unclear": None}


def _connect(part: str, examples: list[Example]) -> None:
    right = 0
    sure = wrong_sure = 0
    for example in examples:
        answer, confidence, _ = connect_answer(parse_message(build(example)))
        ok = answer == ANSWERS[example.label]
        right += ok
        if confidence >= 0.9 and answer is not None:
            sure += 1
            wrong_sure += not ok
    print(
        f"connect_answer, {part}: {right}/{len(examples)} right; "
        f"confidence >= 0.9: {sure} answers, {wrong_sure} wrong"
    )


_FILLER = (
    "\n\nAbout the team: we build the systems that keep our stores, warehouses and customers "
    "connected. Our engineers work in small groups, own their services end to end and share "
    "what they learn in weekly demos. We offer flexible hours, a learning budget and a yearly "
    "offsite, and we care about accessible, well-tested software."
) * 10


def _throughput(examples: list[Example], rounds: int = 5) -> None:
    """Best of a few rounds over every example padded to about 4 KB (load on the machine adds noise)."""
    blobs = [build(replace(e, body=e.body + _FILLER)) for e in examples if e.shape != "attach"]
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for blob in blobs:
            classify(parse_message(blob))
        best = min(best, time.process_time() - started)
    size = sum(map(len, blobs)) / len(blobs)
    print(
        f"parse+classify: {len(blobs) / best:,.0f} messages per CPU-second "
        f"(best of {rounds} rounds over {len(blobs)} messages, mean size {size:,.0f} bytes)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--leave-out", action="store_true")
    args = parser.parse_args()
    if args.leave_out:
        from leave_out import leave_out  # scripts/leave_out.py

        leave_out()
        return
    tuning, held_out = split(load_labelled())
    parts = [("tuning", tuning)] + ([("held-out", held_out)] if args.held_out else [])
    for name, examples in parts:
        report = evaluate(examples)
        print(f"== {name} part: {len(examples)} messages")
        print(table(report))
        print()
        if args.errors and name == "tuning":
            for example, result in report.errors():
                print(
                    f"{example.id} truth={example.label} guess={result.label} "
                    f"conf={result.confidence}"
                )
                for line in result.evidence:
                    print("    ", line)
    connect_tuning, connect_held = split(load("connect"))
    _connect("tuning", connect_tuning)
    if args.held_out:
        _connect("held-out", connect_held)
    _throughput(tuning + held_out)


if __name__ == "__main__":
    main()
