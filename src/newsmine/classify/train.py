"""Training both shipped models reproducibly (fixed seeds) and evaluating them.

judicial: VNTC "Phap luat" against the nine other topics; evaluated on the deduplicated VNTC test split
(texts also in train, and repeats inside test, are left out). The same engine's 10-topic accuracy is
reported beside the published VNTC figures.
themes: weak labels (labelling functions in `weak.py`) over VNTC train and vietnews, one calibrated
logistic regression per theme; thresholds tuned on our hand-labelled dev articles; evaluated on our
hand-labelled held-out articles (corpora/labels/themes.jsonl, split "heldout").
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.svm import LinearSVC

from newsmine.classify.data import JUDICIAL_TOPIC, load_docs, load_vietnews, load_vntc
from newsmine.classify.persist import LinearTextModel, prune
from newsmine.classify.taxonomy import theme_ids
from newsmine.classify.text import SyllableHasher
from newsmine.classify.weak import ABSTAIN, POS, weak_labels
from newsmine.config import CORPORA_DIR, SHARED_DIR

VERSION = "1.0.0"
SEED = 13
HASHER = {"n_features": 2**20, "ngram": 2, "max_tokens": 1500, "headline": True}
LABELS_PATH = CORPORA_DIR / "labels" / "themes.jsonl"


def fit_idf(counts: sp.csr_matrix, min_df: int = 2) -> np.ndarray:
    """Smoothed idf as sklearn's TfidfTransformer, with features seen in < min_df documents dropped."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
    idf[df < min_df] = 0.0
    return idf


def _model(classes, idf, coef, intercept, a, b, thresholds, meta, keep: int) -> LinearTextModel:
    return LinearTextModel(
        classes=list(classes),
        hasher=dict(HASHER),
        idf=idf,
        coef=prune(coef, keep),
        intercept=np.atleast_1d(np.asarray(intercept, dtype=np.float64)),
        calib_a=np.atleast_1d(np.asarray(a, dtype=np.float64)),
        calib_b=np.atleast_1d(np.asarray(b, dtype=np.float64)),
        thresholds=np.atleast_1d(np.asarray(thresholds, dtype=np.float64)),
        meta=meta,
    )


def _calibrated(base, X, y, seed: int):
    """Platt-calibrated classifier: base fitted on all rows, sigmoid fitted on 3-fold out-of-fold scores."""
    cv = StratifiedKFold(3, shuffle=True, random_state=seed)
    clf = CalibratedClassifierCV(base, method="sigmoid", cv=cv, ensemble=False).fit(X, y)
    cc = clf.calibrated_classifiers_[0]
    est, cal = cc.estimator, cc.calibrators[0]
    # sklearn's sigmoid: p = 1 / (1 + exp(a * f + b))
    return est.coef_[0], float(est.intercept_[0]), float(cal.a_), float(cal.b_)


def _best_threshold(y: np.ndarray, p: np.ndarray, grid=None) -> float:
    grid = np.arange(0.2, 0.81, 0.025) if grid is None else grid
    scores = [f1_score(y, p >= t, zero_division=0) for t in grid]
    return float(grid[int(np.argmax(scores))])


@dataclass
class Report:
    name: str
    metrics: dict[str, Any]
    path: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.name, "path": str(self.path) if self.path else None, **self.metrics}


# ---------------------------------------------------------------------------------------------- judicial
def _sigmoid_fit(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling of 1-D scores: p = 1 / (1 + exp(a * s + b))."""
    lr = LogisticRegression(C=1e4, max_iter=1000).fit(scores.reshape(-1, 1), y)
    return float(-lr.coef_[0, 0]), float(-lr.intercept_[0])


def train_judicial(
    shared: Path | None = None,
    out: Path | None = None,
    C: float = 0.5,
    seed: int = SEED,
    limit: int | None = None,
    corpus: tuple[list, list] | None = None,
) -> Report:
    """10-topic VNTC LinearSVC; judicial = calibrated margin of "Phap luat" over the best other topic.

    The 10-topic model separates "Phap luat" from "Chinh tri Xa hoi" better than a binary one (the other
    topics stop competing as one blurred negative class), and the same engine gives the 10-topic accuracy.
    `limit` subsamples train and test (quick tests); `corpus` passes already loaded (train, test) docs.
    """
    train, test = corpus or load_vntc(shared or SHARED_DIR)
    if limit:
        rng = np.random.default_rng(seed)
        train = [train[i] for i in sorted(rng.choice(len(train), min(limit, len(train)), replace=False))]
        test = [test[i] for i in sorted(rng.choice(len(test), min(limit, len(test)), replace=False))]
    hasher = SyllableHasher(**HASHER)
    ctr = hasher.transform([d.text for d in train])
    cte = hasher.transform([d.text for d in test])
    idf = fit_idf(ctr)
    ytr = np.array([d.topic for d in train])
    yte = np.array([d.topic for d in test])
    topics = sorted(set(ytr))
    probe = _model(topics, idf, np.zeros((1, ctr.shape[1])), [0.0], [1.0], [0.0], [0.5], {}, keep=1)
    xtr = probe.weigh(ctr)
    svm = LinearSVC(C=C, random_state=seed).fit(xtr, ytr)
    assert list(svm.classes_) == topics
    cv = StratifiedKFold(3, shuffle=True, random_state=seed)
    oof = cross_val_predict(LinearSVC(C=C, random_state=seed), xtr, ytr, cv=cv, method="decision_function")
    model = _model(topics, idf, svm.coef_, svm.intercept_, [1.0], [0.0], [0.5], {}, keep=150_000)
    model.target = JUDICIAL_TOPIC
    is_pl = ytr == JUDICIAL_TOPIC
    a, b = _sigmoid_fit(model.margin(oof)[:, 0], is_pl)
    model.calib_a, model.calib_b = np.array([a]), np.array([b])
    p_oof = 1.0 / (1.0 + np.exp(a * model.margin(oof)[:, 0] + b))
    model.thresholds = np.array([_best_threshold(is_pl, p_oof, np.arange(0.3, 0.71, 0.02))])
    scores = model.decision(cte)
    p = model.proba(cte)[:, 0]
    pred, gold = p >= model.thresholds[0], yte == JUDICIAL_TOPIC
    metrics: dict[str, Any] = {
        "train_docs": len(train),
        "test_docs_dedup": len(test),
        "threshold": round(float(model.thresholds[0]), 3),
        "f1": round(f1_score(gold, pred), 4),
        "precision": round(precision_score(gold, pred), 4),
        "recall": round(recall_score(gold, pred), 4),
        "accuracy_10_topics": round(accuracy_score(yte, np.array(topics)[scores.argmax(1)]), 4),
    }
    model.meta = {
        "name": "judicial",
        "version": VERSION,
        "trained": dt.date.today().isoformat(),
        "data": "VNTC Ver1.1 train split (33,759 texts, 10 topics); "
        "test = VNTC test minus texts also in train, deduplicated",
        "engine": f"SyllableHasher{HASHER} -> sublinear TF-IDF (min_df 2) -> 10-topic LinearSVC(C={C}, "
        "weights pruned to 150k/topic) -> margin of Phap luat -> Platt sigmoid (3-fold out-of-fold)",
        "seed": seed,
        "metrics": metrics,
    }
    path = model.save(out) if out else None
    return Report("judicial", metrics, path)


# ------------------------------------------------------------------------------------------------ themes
def load_labels(path: Path = LABELS_PATH) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def micro_prf(gold: list[set[str]], pred: list[set[str]]) -> dict[str, float]:
    """Micro P/R/F1 over (document, theme) pairs, as the shared scorer counts them."""
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def theme_training_docs(shared: Path | None = None, limit: int | None = None, seed: int = SEED):
    """(ids, texts) for weak supervision: VNTC train + vietnews (not VNTC test: held-out labels)."""
    train, _ = load_vntc(shared or SHARED_DIR, dedup=False)
    docs = train + load_vietnews(shared or SHARED_DIR)
    if limit:
        rng = np.random.default_rng(seed)
        docs = [docs[i] for i in sorted(rng.choice(len(docs), min(limit, len(docs)), replace=False))]
    return [d.id for d in docs], [d.text for d in docs]


def finish_themes(
    model: LinearTextModel, shared: Path | None = None, labels_path: Path = LABELS_PATH
) -> dict:
    """Tune one threshold for all themes on the dev labels, then score the held-out labels (micro P/R/F1).

    One shared threshold, not one per theme: the dev set has 1-10 positives per theme, too few to tune
    twelve numbers without fitting noise.
    """
    labels = load_labels(labels_path)
    dev = [r for r in labels if r.get("split") == "dev"]
    held = [r for r in labels if r.get("split") == "heldout"]
    found = load_docs({r["doc"] for r in dev + held}, shared or SHARED_DIR)
    out: dict[str, Any] = {}
    themes = model.classes

    def decide(rows, p, thr):
        return [{t for j, t in enumerate(themes) if p[i, j] >= thr} for i in range(len(rows))]

    dev = [r for r in dev if r["doc"] in found]
    if dev:
        p = model.predict_proba_texts([found[r["doc"]] for r in dev])
        gold = [set(r["themes"]) for r in dev]
        grid = np.round(np.arange(0.05, 0.81, 0.05), 2)
        f1s = [micro_prf(gold, decide(dev, p, t))["f1"] for t in grid]
        best = float(grid[int(np.argmax(f1s))])
        model.thresholds = np.full(len(themes), best)
        out["dev"] = {"documents": len(dev), "threshold": best, **micro_prf(gold, decide(dev, p, best))}
    held = [r for r in held if r["doc"] in found]
    if held:
        p = model.predict_proba_texts([found[r["doc"]] for r in held])
        gold = [set(r["themes"]) for r in held]
        out["heldout"] = {"documents": len(held), **micro_prf(gold, decide(held, p, model.thresholds[0]))}
    # what `classify` decides: the model (at most two themes) OR the headline/campaign rules of themes.py
    from newsmine.classify.themes import decide_hybrid

    for name, rows in (("dev", dev), ("heldout", held)):
        if rows:
            texts = [found[r["doc"]] for r in rows]
            pred = decide_hybrid(model, model.predict_proba_texts(texts), texts)
            gold = [set(r["themes"]) for r in rows]
            out[name + "_hybrid"] = micro_prf(gold, [set(x) for x in pred])
    return out


def train_themes(
    shared: Path | None = None,
    out: Path | None = None,
    C: float = 0.1,
    seed: int = SEED,
    limit: int | None = None,
    labels_path: Path = LABELS_PATH,
) -> Report:
    shared = shared or SHARED_DIR
    ids_, texts = theme_training_docs(shared, limit, seed)
    themes = theme_ids()
    weak = weak_labels(texts)
    labels = load_labels(labels_path)
    # hand labels of training-side articles override the weak votes
    by_id = {r["doc"]: r for r in labels if r.get("split") == "train"}
    for i, doc_id in enumerate(ids_):
        if doc_id in by_id:
            weak[i] = [POS if t in by_id[doc_id]["themes"] else 0 for t in themes]
    hasher = SyllableHasher(**HASHER)
    counts = hasher.transform(texts)
    idf = fit_idf(counts)
    probe = LinearTextModel([], HASHER, idf, sp.csr_matrix((0, counts.shape[1])), *(np.zeros(0),) * 4)
    x = probe.weigh(counts)
    coefs, icpts, aa, bb, npos = [], [], [], [], {}
    for j, t in enumerate(themes):
        rows = np.flatnonzero(weak[:, j] != ABSTAIN)
        y = weak[rows, j] == POS
        npos[t] = int(y.sum())
        if y.sum() < 3:
            coefs.append(np.zeros(x.shape[1]))
            icpts.append(-10.0)
            aa.append(-1.0)
            bb.append(0.0)
            continue
        svm = LinearSVC(C=C, class_weight="balanced", random_state=seed)
        c, i0, a, b = _calibrated(svm, x[rows], y, seed)
        coefs.append(c)
        icpts.append(i0)
        aa.append(a)
        bb.append(b)
    model = _model(themes, idf, np.vstack(coefs), icpts, aa, bb, [0.5] * len(themes), {}, keep=120_000)
    metrics: dict[str, Any] = {"weak_docs": len(texts), "weak_positives": npos}
    metrics.update(finish_themes(model, shared, labels_path))
    model.meta = {
        "name": "themes",
        "version": VERSION,
        "trained": dt.date.today().isoformat(),
        "data": "weak labels (corpora/taxonomy phrases + report-shape and foreign-news rules) "
        "over VNTC train + vietnews; threshold from our hand-labelled dev articles; "
        "evaluated on our hand-labelled held-out VNTC test articles (corpora/labels/themes.jsonl)",
        "engine": f"SyllableHasher{HASHER} -> sublinear TF-IDF (min_df 2) -> per-theme LinearSVC"
        f"(C={C}, balanced, weights pruned to 120k/theme) -> Platt sigmoid (3-fold) -> one threshold; "
        "classify: top-2 model themes OR headline-phrase/named-campaign rules (themes.py)",
        "seed": seed,
        "metrics": metrics,
    }
    path = model.save(out) if out else None
    return Report("themes", metrics, path)
