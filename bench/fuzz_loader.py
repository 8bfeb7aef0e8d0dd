"""Fuzz the content loader: random edits of real campaign cards and exemplar front matter.

Not a test (it runs for as long as you ask and prints numbers). Every input must end
as a valid model or as problems with a file position; anything else is a crash and is
printed with its input so it can become a golden case.

    .venv/bin/python -m bench.fuzz_loader --count 20000 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import time
import traceback
from pathlib import Path

from builder.core.problems import Problems
from builder.load.yamlload import parse_yaml
from builder.model.schema import CampaignInput, ExemplarInput
from builder.model.validate import validate_document

REPO = Path(__file__).resolve().parent.parent
PIECES = [":", ": ", " ", "  ", "\n", "\t", "-", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system",
          "!!binary", "---\n", "...\n", "'", '"', "#", "|", ">", "?", "%YAML 1.1\n", "2024-13-01", "2024-02-30", "yes",
          "no", "on", "010", "0x1F", "12:30", "1e3", ".nan", "null", "~", "đ", "Hòa", "\ufeff", "\r\n", "\x00", "\u202e",
          "<script>", "javascript:", "a" * 300]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        action = rng.random()
        if action < 0.5:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif action < 0.8:
            text = text[:at] + text[at + rng.randint(1, 12):]
        else:  # duplicate a line: duplicate keys, repeated list items
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cards = [(p.read_text(encoding="utf-8"), CampaignInput, 0) for p in sorted((REPO / "campaigns").glob("[!_]*.yml"))]
    for path in sorted((REPO / "content" / "exemplars").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---\n", 2)[1]  # the example files all have front matter
        cards.append((front, ExemplarInput, 1))
    outcomes = {"valid": 0, "problems": 0, "unpositioned": 0, "crash": 0}
    crashes: list[dict[str, str]] = []
    started = time.perf_counter()
    for _ in range(args.count):
        source, model, offset = rng.choice(cards)
        text = mutate(source, rng)
        problems = Problems()
        try:
            located = parse_yaml(text, "fuzz.yml", problems, line_offset=offset)
            result = validate_document(located, model, problems) if located is not None else None
        except Exception:  # noqa: BLE001 - the point is to catch anything
            outcomes["crash"] += 1
            crashes.append({"input": text[:2000], "traceback": traceback.format_exc(limit=3)})
            continue
        if result is not None and not problems.items:
            outcomes["valid"] += 1
        else:
            outcomes["problems"] += 1
            if any(p.line < 1 for p in problems.items):
                outcomes["unpositioned"] += 1
    seconds = time.perf_counter() - started
    report = {"inputs": args.count, "seed": args.seed, "seconds": round(seconds, 2),
              "per_second": round(args.count / seconds), **outcomes}
    print(f"{'inputs':>10} {'valid':>8} {'problems':>9} {'unpositioned':>13} {'crash':>6} {'per s':>8}")
    print(f"{args.count:>10} {outcomes['valid']:>8} {outcomes['problems']:>9} {outcomes['unpositioned']:>13} "
          f"{outcomes['crash']:>6} {report['per_second']:>8}")
    print(json.dumps(report))
    for crash in crashes[:3]:
        print("--- crash\n" + crash["traceback"] + repr(crash["input"][:300]))


if __name__ == "__main__":
    main()
