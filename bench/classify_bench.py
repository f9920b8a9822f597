"""Benchmark the classify stage against the plain baseline, on the deduplicated VNTC test split.

    .venv/bin/python bench/classify_bench.py [--shared ../shared] [--speed-docs 5000] [--json out.json]
        [--judicial-only | --speed-only | --themes-only]

1. judicial filter: the plain baseline (sklearn TfidfVectorizer syllable 1-2-grams + LinearSVC, binary
   "Phap luat" vs rest) is trained and evaluated in this run, beside the shipped model;
2. 10-topic VNTC accuracy of the same two engines (published: SVM 93.4 RIVF'07, 92.7 underthesea);
3. themes: micro P/R/F1 on our blind hand labels (labelled before any classifier ran on them; every other
   split of corpora/labels is training data since themes 1.2.0, so do not choose models by this figure)
   and on shared/eval/themes.dev.jsonl;
4. speed: documents/s of `classify_many` on one core, model loading excluded, with peak memory, measured
   in a fresh process so the corpora loaded here do not count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.svm import LinearSVC

from newsmine.classify import classify_many
from newsmine.classify.data import JUDICIAL_TOPIC, load_docs, load_vntc
from newsmine.classify.judicial import load_judicial_model
from newsmine.classify.train import load_labels, micro_prf
from newsmine.config import SHARED_DIR

SPEED_CODE = r"""
import json, resource, sys, time

def peak_mb():
    # VmHWM: this process's own peak (ru_maxrss would keep the forking parent's peak across exec)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
from newsmine.classify import classify_many, load_judicial_model, load_theme_model
t0 = time.perf_counter(); load_theme_model(); load_judicial_model(); load = time.perf_counter() - t0
classify_many(texts[:50])
t0 = time.perf_counter(); c0 = time.process_time()
for i in range(0, len(texts), 256):
    classify_many(texts[i:i + 256])
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"docs": len(texts), "load_s": round(load, 3), "docs_per_s_wall": round(len(texts) / wall),
                  "docs_per_s_cpu": round(len(texts) / cpu),
                  "peak_rss_mb": peak_mb()}))
"""


def speed(docs) -> dict:
    """classify_many throughput in a fresh single-threaded process (model loading excluded)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"text": d.text}, ensure_ascii=False) + "\n")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    try:
        res = subprocess.run(
            [sys.executable, "-c", SPEED_CODE, fh.name], capture_output=True, text=True, env=env, check=True
        )
    finally:
        os.unlink(fh.name)
    return json.loads(res.stdout.strip().splitlines()[-1])


def prf(gold, pred) -> dict:
    return {
        "f1": round(f1_score(gold, pred), 4),
        "precision": round(precision_score(gold, pred), 4),
        "recall": round(recall_score(gold, pred), 4),
    }


def theme_scores(shared: Path) -> dict:
    """Micro P/R/F1 of `classify_many` on our blind hand labels and the shared dev file."""
    sets = {"themes_blind_ours": [r for r in load_labels() if r["split"] == "blind"]}
    dev_path = shared / "eval" / "themes.dev.jsonl"
    sets["themes_dev_shared"] = [
        json.loads(x) for x in dev_path.read_text(encoding="utf-8").splitlines() if x
    ]
    texts = load_docs({r["doc"] for rows in sets.values() for r in rows}, shared)
    out = {}
    for name, rows in sets.items():
        rows = [r for r in rows if r["doc"] in texts]
        if not rows:
            continue
        preds = classify_many([texts[r["doc"]] for r in rows])
        out[name] = {
            "documents": len(rows),
            **micro_prf([set(r["themes"]) for r in rows], [set(c.themes) for c in preds]),
        }
        print(name, out[name], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED_DIR)
    ap.add_argument("--speed-docs", type=int, default=5000)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--speed-only", action="store_true", help="only the speed measurement")
    ap.add_argument(
        "--judicial-only", action="store_true", help="baseline + judicial model + speed, themes skipped"
    )
    ap.add_argument(
        "--themes-only", action="store_true", help="only the theme scores (no baseline, no speed)"
    )
    args = ap.parse_args()
    out: dict = {}
    if args.themes_only:
        out.update(theme_scores(args.shared))
        if args.json:
            args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
        return
    if args.speed_only:
        _, test = load_vntc(args.shared)
        out["speed"] = speed(test[: args.speed_docs])
        print("speed", out["speed"])
        return

    train, test = load_vntc(args.shared)
    ytr = np.array([d.topic for d in train])
    yte = np.array([d.topic for d in test])
    gold = yte == JUDICIAL_TOPIC
    print(f"VNTC train {len(train)}, test {len(test)} after removing train overlap and repeats", flush=True)

    # plain baseline, trained here
    t0 = time.perf_counter()
    vec = TfidfVectorizer(ngram_range=(1, 2))
    xtr = vec.fit_transform([d.text for d in train])
    t1 = time.process_time()
    xte = vec.transform([d.text for d in test])
    binary = LinearSVC(C=1.0).fit(xtr, ytr == JUDICIAL_TOPIC)
    pb = binary.predict(xte)
    base_speed = len(test) / (time.process_time() - t1)
    ten = LinearSVC(C=1.0).fit(xtr, ytr)
    out["baseline"] = {
        **prf(gold, pb),
        "accuracy_10_topics": round(accuracy_score(yte, ten.predict(xte)), 4),
        "docs_per_s_cpu": round(base_speed),
        "train_and_eval_s": round(time.perf_counter() - t0),
    }
    del xtr, xte
    print("baseline", out["baseline"], flush=True)

    # shipped model
    jm = load_judicial_model()
    counts = jm.make_hasher().transform([d.text for d in test])
    scores = jm.decision(counts)
    p = jm.proba(counts)[:, 0]
    out["newsmine"] = {
        **prf(gold, p >= jm.thresholds[0]),
        "accuracy_10_topics": round(accuracy_score(yte, np.array(jm.classes)[scores.argmax(1)]), 4),
        "threshold": float(jm.thresholds[0]),
        # the validation figure the model was chosen on (3-fold out-of-fold over VNTC train, from training)
        "validation_oof_3fold_train": jm.meta.get("metrics", {}).get("oof_3fold_train"),
    }
    print("newsmine", out["newsmine"], flush=True)

    if not args.judicial_only:
        out.update(theme_scores(args.shared))

    # speed in a fresh process
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for d in test[: args.speed_docs]:
            fh.write(json.dumps({"text": d.text}, ensure_ascii=False) + "\n")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    res = subprocess.run(
        [sys.executable, "-c", SPEED_CODE, fh.name], capture_output=True, text=True, env=env, check=True
    )
    os.unlink(fh.name)
    out["speed"] = json.loads(res.stdout.strip().splitlines()[-1])
    print("speed", out["speed"], flush=True)

    b, n = out["baseline"], out["newsmine"]
    print("\n| judicial filter (dedup VNTC test) | F1 | P | R | 10-topic acc |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| plain TF-IDF 1-2g + LinearSVC (this run) | {b['f1']} | {b['precision']} | {b['recall']} | "
        f"{b['accuracy_10_topics']} |"
    )
    print(f"| newsmine judicial | {n['f1']} | {n['precision']} | {n['recall']} | {n['accuracy_10_topics']} |")
    print("| published 10-topic: SVM RIVF'07 0.934; underthesea TF-IDF+SVM 0.927 | | | | |")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
