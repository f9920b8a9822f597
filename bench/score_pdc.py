"""Score places, dates and campaigns on a gold file with ../shared/eval/score.py.

Usage: python bench/score_pdc.py [GOLD.jsonl ...]   (default: ../shared/eval/dev.jsonl,
corpora/eval/extra_dev_pdc.jsonl and the blind sets corpora/eval/blind_pdc.jsonl, blind2_pdc.jsonl,
blind3_pdc.jsonl ... blind6_pdc.jsonl).
Runs the whole extraction pipeline over the gold documents' texts (score.py texts), writes the
predictions next to a temp dir and prints score.py's lines for our fields.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsmine.config import REPO_DIR, SHARED_DIR
from newsmine.extract.pipeline import analyze

FIELDS = ("places", "dates", "campaigns")


def score(gold: Path, workdir: Path) -> str:
    scorer = SHARED_DIR / "eval" / "score.py"
    texts = subprocess.run([sys.executable, str(scorer), "texts", str(gold), str(SHARED_DIR)],
                           check=True, capture_output=True, text=True).stdout
    pred = workdir / (gold.stem + ".pred.jsonl")
    t0 = time.perf_counter()
    n = 0
    with pred.open("w", encoding="utf-8") as out:
        for line in texts.splitlines():
            rec = json.loads(line)
            facts = analyze(rec["text"], rec.get("published"), rec["id"])
            out.write(json.dumps(facts.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    elapsed = time.perf_counter() - t0
    report = subprocess.run([sys.executable, str(scorer), "extract", str(gold), str(pred)],
                            check=True, capture_output=True, text=True).stdout
    lines = [ln for ln in report.splitlines() if ln.split(" ")[0] in FIELDS]
    return f"{gold.name}: {n} docs, {elapsed:.1f}s\n" + "\n".join(lines)


def main(argv: list[str]) -> int:
    golds = [Path(a) for a in argv] or [SHARED_DIR / "eval" / "dev.jsonl",
                                         REPO_DIR / "corpora" / "eval" / "extra_dev_pdc.jsonl",
                                         REPO_DIR / "corpora" / "eval" / "blind_pdc.jsonl",
                                         REPO_DIR / "corpora" / "eval" / "blind2_pdc.jsonl",
                                         REPO_DIR / "corpora" / "eval" / "blind3_pdc.jsonl",
                                         REPO_DIR / "corpora" / "eval" / "blind4_pdc.jsonl",
                                         REPO_DIR / "corpora" / "eval" / "blind5_pdc.jsonl",
                                         REPO_DIR / "corpora" / "eval" / "blind6_pdc.jsonl"]
    with tempfile.TemporaryDirectory() as tmp:
        for gold in golds:
            print(score(gold, Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
