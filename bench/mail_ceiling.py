"""How fast the mail path could be if one part of the classifier cost nothing.

    .venv/bin/python bench/mail_ceiling.py                # 5,000 messages, 3 rounds
    .venv/bin/python bench/mail_ceiling.py --count 2000

``bench/mail.py`` measures the whole path (parse, classify, guess the company)
beside the standard library's bare ``email.message_from_bytes``. This asks what
each part of the classifier costs *inside* that path, where the parser, the
rules and the model evict each other's data from the processor's caches
(isolated and warm, each part costs less). Each variant runs in its own child
pinned to one core, taking turns with the standard library on blocks of 1,000
messages as ``bench/mail.py`` does, CPU time:

- ``whole``: the path as ``nextround mail classify`` runs it;
- ``no_model``: the trained model's answers looked up, computed before the
  timed runs (what the path would cost with a model that cost nothing);
- ``no_rules``: the same for the rules' points and evidence;
- ``neither``: both.

Every variant gives the same labels (the child checks): only the part's cost is
gone, which bounds what making that part cheaper could gain (a ceiling).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

VARIANTS = ("whole", "no_model", "no_rules", "neither")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5_000, help="messages (default 5,000)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over them (default 3)")
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    mbox = OUT / f"mail-{args.count}.mbox"
    if args.child:
        _measure(mbox, args.child, args.rounds)
        return
    if not mbox.exists():
        from bench.mailgen import write_mbox

        write_mbox(mbox, args.count)
    results = {}
    for variant in VARIANTS:
        command = [sys.executable, __file__, "--count", str(args.count)]
        command += ["--rounds", str(args.rounds), "--child", variant]
        if hasattr(os, "sched_setaffinity"):
            command = ["taskset", "-c", "0", *command]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        results[variant] = json.loads(done.stdout)
        print(variant, json.dumps(results[variant]), flush=True)
    results["load_average"] = list(os.getloadavg())
    (OUT / "mail-ceiling.json").write_text(json.dumps(results, indent=2))


def _measure(mbox: Path, variant: str, rounds: int) -> None:
    import email

    import nextround.classify.combined as combined
    from nextround.classify.model import probabilities
    from nextround.classify.scoring import normalise, score
    from nextround.domain.mail import Label
    from nextround.domain.mail_matching import guess_company
    from nextround.mail.mailboxes import read_paths
    from nextround.mail.messages import parse_message
    from nextround.mail.sources import RawMail
    from nextround.services.mail_classify import letter_of

    messages = [item.data for item in read_paths([mbox]) if isinstance(item, RawMail)]
    texts = [normalise(m.subject, m.text) for m in map(parse_message, messages)]
    labels = [combined.classify(parse_message(data)).label for data in messages]
    if variant in ("no_model", "neither"):
        chances = {text: probabilities(text) for text in texts}
        combined.probabilities = chances.__getitem__  # type: ignore[attr-defined,assignment]
    if variant in ("no_rules", "neither"):
        scores = {text: score(text) for text in texts}

        def looked_up(text: str) -> tuple[dict[Label, float], list[str]]:
            points, evidence = scores[text]
            return dict(points), list(evidence)  # classify adds to both

        combined.score = looked_up  # type: ignore[attr-defined,assignment]
    if [combined.classify(parse_message(data)).label for data in messages] != labels:
        raise SystemExit(f"{variant}: the labels changed")

    def ours(block: list[bytes]) -> None:
        for data in block:
            message = parse_message(data)
            if combined.classify(message).label is not Label.OTHER:
                guess_company(letter_of(message))

    ours(messages)  # warm: the model's word cache, the automata, the regexes
    clock = time.process_time
    stdlib = mine = 0.0
    for _ in range(rounds):
        for start in range(0, len(messages), 1_000):
            block = messages[start : start + 1_000]
            t0 = clock()
            for data in block:
                email.message_from_bytes(data)
            t1 = clock()
            ours(block)
            t2 = clock()
            stdlib, mine = stdlib + t1 - t0, mine + t2 - t1
    read = len(messages) * rounds
    print(
        json.dumps(
            {
                "stdlib_us": round(stdlib / read * 1e6, 1),
                "nextround_us": round(mine / read * 1e6, 1),
                "ratio": round(stdlib / mine, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
