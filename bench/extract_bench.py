"""Extraction benchmark: accuracy on the gold dev sets and speed/memory on 1,000 VNTC "Phap luat" articles,
side by side with underthesea.ner (CRF, non-deep: the anchor the issue names).

    python bench/extract_bench.py                 # everything (dev scores + speed, ~5 min on one core)
    python bench/extract_bench.py --skip-speed    # dev scores only
    python bench/extract_bench.py --n 1000 --ut-n 100

Accuracy: ../shared/eval/score.py on ../shared/eval/dev.jsonl and corpora/eval/extra_dev.jsonl (officials and
bodies annotated by the guide). underthesea.ner is mapped PER -> officials (name only), ORG -> bodies,
LOC -> places. Speed: documents/s of newsmine.analyze (full pipeline, one process) over the first N "Phap
luat" test articles, and of underthesea.ner over the first UT_N of the same texts (it is slow, so a subset;
said in the output), line by line; the ratio compares docs/s. Peak memory is ru_maxrss of this process after
the newsmine run (before underthesea is imported).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
# dev: the shared gold; extra_dev / extra_heldout / extra_final: ours, officials and bodies only, annotated by
# the guide (extra_dev was tuned on; extra_heldout was first scored blind, then tuned on; extra_final was
# annotated last and scored blind first; blind_ob and blind2_ob ... blind5_ob were each drawn with a
# fixed seed, annotated before any run, scored blind once, then used for general fixes, one round after the
# other - see corpora/eval/README.md).
GOLD_SETS = {
    "dev": SHARED / "eval" / "dev.jsonl",
    "extra_dev": REPO / "corpora" / "eval" / "extra_dev.jsonl",
    "extra_heldout": REPO / "corpora" / "eval" / "extra_heldout.jsonl",
    "extra_final": REPO / "corpora" / "eval" / "extra_final.jsonl",
    "blind_ob": REPO / "corpora" / "eval" / "blind_ob.jsonl",
    "blind2_ob": REPO / "corpora" / "eval" / "blind2_ob.jsonl",
    "blind3_ob": REPO / "corpora" / "eval" / "blind3_ob.jsonl",
    "blind4_ob": REPO / "corpora" / "eval" / "blind4_ob.jsonl",
    "blind5_ob": REPO / "corpora" / "eval" / "blind5_ob.jsonl",
}
FIELDS = ("officials", "official_full", "bodies", "places", "dates", "campaigns", "quotes_attributed")


def gold_texts(gold: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, str(SCORE), "texts", str(gold), str(SHARED)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def score(gold: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    out = subprocess.run(
        [sys.executable, str(SCORE), "extract", str(gold), f.name, "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    Path(f.name).unlink()
    return json.loads(out)


def underthesea_entities(text: str) -> dict[str, list[str]]:
    """PER/ORG/LOC spans from underthesea.ner, line by line (it tags one sentence-like unit at a time)."""
    from underthesea import ner

    found: dict[str, list[str]] = {"PER": [], "ORG": [], "LOC": []}
    for line in text.split("\n"):
        if not line.strip():
            continue
        cur_type, cur = None, []
        for word, _pos, _chunk, tag in ner(line) + [("", "", "", "O")]:
            if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != cur_type):
                if cur_type in found and cur:
                    found[cur_type].append(" ".join(cur))
                cur_type, cur = (tag[2:], [word]) if tag != "O" else (None, [])
            else:
                cur.append(word)
    return found


def underthesea_prediction(rec: dict) -> dict:
    ents = underthesea_entities(rec["text"])
    uniq = lambda xs: list(dict.fromkeys(xs))  # noqa: E731
    return {
        "id": rec["id"],
        "officials": [{"name": n, "title": None, "body": None} for n in uniq(ents["PER"])],
        "bodies": uniq(ents["ORG"]),
        "places": uniq(ents["LOC"]),
        "dates": [],
        "campaigns": [],
        "quotes": [],
    }


def print_scores(label: str, res: dict, fields=FIELDS) -> None:
    for k in fields:
        v = res[k]
        extra = ""
        if k == "officials":
            extra = f"  title_acc={v['title_accuracy']}  body_acc={v['body_accuracy']}"
        print(
            f"  {label:12s} {k:18s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} "
            f"(tp={v['tp']} gold={v['gold']} pred={v['pred']}){extra}"
        )


def dev_scores() -> None:
    from newsmine.extract.pipeline import analyze

    for name, gold in GOLD_SETS.items():
        if not gold.exists():
            continue
        recs = gold_texts(gold)
        ours = [analyze(r["text"], id=r["id"]).to_dict() for r in recs]
        ut = [underthesea_prediction(r) for r in recs]
        print(f"\n== {name}: {gold} ({len(recs)} documents)")
        fields = FIELDS if name == "dev" else ("officials", "official_full", "bodies")
        print_scores("newsmine", score(gold, ours), fields)
        print_scores(
            "underthesea", score(gold, ut), [f for f in fields if f in ("officials", "bodies", "places")]
        )


def vntc_texts(n: int) -> list[str]:
    out = []
    with gzip.open(SHARED / "corpora" / "vntc" / "test.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["topic"] == "Phap luat":
                out.append(r["text"].strip())
                if len(out) >= n:
                    break
    return out


def speed(n: int, ut_n: int) -> None:
    from newsmine.extract.pipeline import analyze, build_pipeline

    texts = vntc_texts(n)
    chars = sum(map(len, texts))
    build_pipeline()  # load once (not timed: a batch pays it once)
    analyze("Khởi động.")
    t0 = time.perf_counter()
    n_off = 0
    for t in texts:
        n_off += len(analyze(t).officials)
    dt = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ours = len(texts) / dt
    print(f"\n== speed: {len(texts)} VNTC 'Phap luat' test articles ({chars / len(texts):.0f} chars avg)")
    print(
        f"  newsmine.analyze (full pipeline): {dt:.1f} s -> {ours:.1f} docs/s, {n_off} officials; "
        f"peak RSS {rss_mb:.0f} MB"
    )
    from underthesea import ner

    ner("Khởi động.")
    sub = texts[:ut_n]
    t0 = time.perf_counter()
    for t in sub:
        underthesea_entities(t)
    dt_ut = time.perf_counter() - t0
    ut = len(sub) / dt_ut
    print(
        f"  underthesea.ner (first {len(sub)} of the same texts, line by line): {dt_ut:.1f} s"
        f" -> {ut:.2f} docs/s"
    )
    print(f"  ratio newsmine / underthesea = {ours / ut:.1f}x  (target >= 5x); peak memory target < 1024 MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--ut-n", type=int, default=100)
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-dev", action="store_true")
    args = ap.parse_args()
    if not args.skip_speed:
        speed(args.n, args.ut_n)  # first, so the peak RSS is ours alone
    if not args.skip_dev:
        dev_scores()


if __name__ == "__main__":
    main()
