"""Precision and recall per label and per language on the held-out sets, with 95% Wilson intervals.

    python scripts/classifier_report.py            # print the Markdown tables
    python scripts/classifier_report.py --write    # also replace them in docs/classifier.md

Held-out sets (``tests.mail.evaluation.held_out_sets``): the eighteenth blind sets
``tests/mail/corpus/blind18/{en,de,fr,es}.txt`` and ``{en,de,fr,es}_b.txt`` (written by hand by other authors,
never tuned or trained on) and the held-out part of the hand-written English corpus
(``en-hand``); for reference, rejections on the development sets (``dev_sets``:
``dev/``, ``heldout/`` and the first seventeen blind sets, all tuned on); replies to
"OK to connect?" from ``heldout/connect_*.txt``. Every message goes through ``parse_message`` and
:func:`nextround.classify.classify`, as in a scan. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mail.corpus import build, load  # noqa: E402
from tests.mail.evaluation import Report, counts, dev_sets, evaluate, held_out_sets, wilson  # noqa: E402

from nextround.classify import connect_answer  # noqa: E402
from nextround.domain.mail import Label  # noqa: E402
from nextround.mail.messages import parse_message  # noqa: E402

DOC = ROOT / "docs" / "classifier.md"
START, END = "<!-- classifier-report:start -->", "<!-- classifier-report:end -->"
ANSWERS = {"yes": True, "no": False, "unclear": None}


def _cell(hits: int, total: int) -> str:
    if total == 0:
        return "-"
    low, high = wilson(hits, total)
    return f"{hits / total:.3f} [{low:.2f}, {high:.2f}]"


def label_table(reports: dict[str, Report]) -> list[str]:
    lines = [
        "| set | label | n | precision [95% CI] | recall [95% CI] |",
        "|---|---|--:|---|---|",
    ]
    for name, report in reports.items():
        for label in Label:
            hits, guessed, support = counts(report, label.value)
            lines.append(
                f"| {name} | {label.value} | {support} | {_cell(hits, guessed)} "
                f"| {_cell(hits, support)} |"
            )
    return lines


def confidence_table(reports: dict[str, Report]) -> list[str]:
    results = [pair for report in reports.values() for pair in report.results]
    lines = ["| confidence | answers | right [95% CI] |", "|---|--:|---|"]
    for low, high in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
        band = [(e, c) for e, c in results if low <= c.confidence < high]
        right = sum(1 for e, c in band if c.label.value == e.label)
        lines.append(
            f"| {low:.1f}-{min(high, 1.0):.1f} | {len(band)} | {_cell(right, len(band))} |"
        )
    return lines


def connect_table() -> list[str]:
    lines = ["| language | replies | right [95% CI] |", "|---|--:|---|"]
    for lang in ("en", "de", "fr", "es"):
        examples = load(f"heldout/connect_{lang}")
        right = sum(
            connect_answer(parse_message(build(e)))[0] is ANSWERS[e.label] for e in examples
        )
        lines.append(f"| {lang} | {len(examples)} | {_cell(right, len(examples))} |")
    return lines


def rejection_table(reports: dict[str, Report]) -> list[str]:
    lines = ["| set | n | precision [95% CI] | recall [95% CI] |", "|---|--:|---|---|"]
    for name, report in reports.items():
        hits, guessed, support = counts(report, "rejection")
        lines.append(f"| {name} | {support} | {_cell(hits, guessed)} | {_cell(hits, support)} |")
    return lines


def report_text() -> str:
    reports = {name: evaluate(examples) for name, examples in held_out_sets().items()}
    dev = {f"dev-{name}": evaluate(examples) for name, examples in dev_sets().items()}
    parts = [
        "Per label and language (precision: of the messages given the label, how many had it;",
        "recall: of the messages with the label, how many were given it):",
        "",
        *label_table(reports),
        "",
        "Confidence against correctness, all held-out sets together:",
        "",
        *confidence_table(reports),
        "",
        'Replies to "OK to connect?" (yes / no / unclear):',
        "",
        *connect_table(),
        "",
        "Rejections on the development sets (first held out, then tuned on: not a measure):",
        "",
        *rejection_table(dev),
    ]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the tables in the doc")
    args = parser.parse_args()
    text = report_text()
    print(text)
    if args.write:
        doc = DOC.read_text(encoding="utf-8")
        before, _, rest = doc.partition(START)
        _, _, after = rest.partition(END)
        DOC.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
