"""Campaign-theme classification: the calibrated per-theme model OR high-precision phrase/campaign rules.

The model is trained on weak labels and has very few positives for some themes (nông thôn mới: 13), so it
misses articles that state their theme plainly. Two rules add themes the text names outright:

- headline rule: one of the theme's phrases (or headline-only phrases) in the headline;
- campaign rule: a named campaign (found by `newsmine.extract.campaigns`) whose name holds one of the
  theme's campaign words ("Cả nước chung sức vì người nghèo" -> vi-nguoi-ngheo). The campaign extractor
  is a spaCy pipeline (~150 docs/s), so it only runs where a cheap prefilter fires (a campaign head word,
  phong trào, cuộc vận động, chiến dịch..., with a campaign word right after it), on those passages only.

The model contributes at most `MAX_MODEL_THEMES` themes (its surest ones, a second one only with a clear
margin): a news article rarely covers more than two campaigns and the weak-label model spreads probability
over related themes. Per-theme thresholds and the second-theme margin are tuned on our hand labels.
A story set abroad gets no theme at all (the campaigns are Vietnamese ones).
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsmine.classify.persist import LinearTextModel
from newsmine.classify.taxonomy import load_taxonomy
from newsmine.classify.text import syllables
from newsmine.classify.weak import PhraseMatcher, foreign_story
from newsmine.config import MODELS_DIR

THEMES_MODEL_DIR = MODELS_DIR / "themes"
MAX_MODEL_THEMES = 2
HEADLINE_SYLLABLES = 40  # a first line longer than this is a body without a headline
CAMPAIGN_WINDOW = 160  # characters after a campaign head word in which a campaign word must occur
SNIPPET_BEFORE, SNIPPET_AFTER = 40, 400  # the passage around a head word the campaign extractor reads
MAX_CHARS = 12_000  # rules read the start of a text only, as the model (bounded cost per page)
LEAD_CHARS = 1_500  # headline and lead: where a story abroad shows itself
# Head words of named campaigns (as in newsmine.extract.campaigns): the prefilter's anchors.
CAMPAIGN_HEADS = (
    "phong trào",
    "cuộc vận động",
    "vận động",
    "chiến dịch",
    "đợt cao điểm",
    "cao điểm",
    "đợt thi đua",
    "thi đua",
    "giao ước",
    "chương trình",
    "chủ đề",
)


@lru_cache(maxsize=4)
def load_theme_model(path: Path | str = THEMES_MODEL_DIR) -> LinearTextModel:
    """Loaded once per process (JSON + .npz, no pickle)."""
    return LinearTextModel.load(path)


def margins(model: LinearTextModel, proba: np.ndarray) -> np.ndarray:
    """Each theme's linear score minus its decision threshold (> 0: above threshold), from probabilities.

    Themes are ranked by this margin, not by probability: each theme's sigmoid has its own slope, so equal
    probabilities are not equally sure across themes. Inverts p = 1 / (1 + exp(a * score + b)).
    """
    p = np.clip(np.atleast_2d(proba), 1e-12, 1 - 1e-12)
    score = (np.log((1 - p) / p) - model.calib_b) / model.calib_a
    t = np.clip(model.thresholds, 1e-12, 1 - 1e-12)
    return score - (np.log((1 - t) / t) - model.calib_b) / model.calib_a


def decide(model: LinearTextModel, proba: np.ndarray, max_model: int | None = None) -> list[list[str]]:
    """Themes whose probability reaches their threshold, surest first (possibly none).

    With `max_model`, at most that many; a theme after the first also needs the model's `second_margin`
    (model.json meta, tuned on our training-side labels): the weak-label model spreads probability over
    related themes, and a second theme must be clearly present, not merely above threshold.
    """
    second = float(model.meta.get("second_margin", 0.0) or 0.0)
    out = []
    for row in margins(model, proba):
        order = [j for j in np.argsort(-row, kind="stable") if row[j] >= 0]
        if max_model is not None:
            order = [j for k, j in enumerate(order[:max_model]) if k == 0 or row[j] >= second]
        out.append([model.classes[j] for j in order])
    return out


@lru_cache(maxsize=2)
def _rule_matchers() -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    themes = load_taxonomy()
    return (
        PhraseMatcher({t.id: list(t.phrases) + list(t.headline_phrases) for t in themes}),
        PhraseMatcher({t.id: list(t.campaign_words) for t in themes}),
        PhraseMatcher({"head": list(CAMPAIGN_HEADS)}),
    )


def headline_themes(text: str) -> set[str]:
    """Themes one of whose phrases the headline (first line) names."""
    head = (text or "").lstrip()[:LEAD_CHARS].split("\n", 1)[0]
    return {label for label, _, _ in _rule_matchers()[0](syllables(head)[:HEADLINE_SYLLABLES])}


@lru_cache(maxsize=2)
def _campaign_word_strings() -> tuple[str, ...]:
    return tuple(sorted({w.lower() for t in load_taxonomy() for w in t.campaign_words}))


def campaign_snippets(text: str) -> list[str]:
    """Cheap prefilter: the passages where a campaign head word has a campaign word right after it.

    Plain substring search (C speed) on the lower-cased text; the extractor then reads only these short
    passages, not the whole article. A false hit costs time only: names are matched by syllables later.
    """
    low = (text or "")[:MAX_CHARS].lower()
    words = _campaign_word_strings()
    spans: list[tuple[int, int]] = []
    for head in CAMPAIGN_HEADS:
        pos = low.find(head)
        while pos >= 0:
            window = low[pos + len(head) : pos + len(head) + CAMPAIGN_WINDOW]
            if any(w in window for w in words):
                spans.append((max(0, pos - SNIPPET_BEFORE), pos + len(head) + SNIPPET_AFTER))
            pos = low.find(head, pos + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [text[start:end] for start, end in merged]


@lru_cache(maxsize=1)
def _campaign_nlp():
    """A campaigns-only extraction pipeline (None when the extract stage is unavailable)."""
    try:
        from newsmine.extract.pipeline import build_pipeline

        return build_pipeline(components=(("newsmine.extract.campaigns", "newsmine_campaigns"),))
    except Exception as err:  # the rule is an add-on: classification goes on without it
        warnings.warn(f"newsmine classify: no campaign extraction ({err}); rule skipped", stacklevel=2)
        return None


def campaign_names(text: str) -> list[str]:
    """Names of the campaigns the extraction stage finds in `text`."""
    nlp = _campaign_nlp()
    if nlp is None or not text:
        return []
    from newsmine.extract.pipeline import make_doc

    try:
        doc = make_doc(text, nlp=nlp)
    except Exception:  # one odd text must not stop a batch; the model's decision still stands
        return []
    return [e.name for e in (doc._.campaigns or [])]


def campaign_themes(names: list[str]) -> set[str]:
    """Themes whose campaign words occur in a campaign name."""
    words = _rule_matchers()[1]
    return {label for name in names for label, _, _ in words(syllables(name))}


def foreign(text: str) -> bool:
    """A story set abroad (foreign place cues, no domestic one, in the headline and lead)."""
    text = (text or "").lstrip()
    head_len = len(syllables(text.split("\n", 1)[0][:LEAD_CHARS]))
    return foreign_story(syllables(text[:LEAD_CHARS])[: head_len + 150])


def rule_themes(text: str, campaigns: list[str] | None = None) -> set[str]:
    """Themes the text states plainly: a headline phrase, or a named campaign with a theme's word.

    `campaigns`: names the caller already extracted from `text` (Facts.campaigns); None runs the campaign
    extractor on the prefiltered passages.
    """
    found = headline_themes(text)
    if campaigns is not None:
        return found | campaign_themes(list(campaigns))
    snippets = campaign_snippets(text)
    if snippets:
        found |= campaign_themes(campaign_names("\n\n".join(snippets)))
    return found


def decide_hybrid(
    model: LinearTextModel,
    proba: np.ndarray,
    texts: list[str],
    max_model: int = MAX_MODEL_THEMES,
    campaigns: list[list[str]] | None = None,
) -> list[list[str]]:
    """Model themes (at most `max_model`, see `decide`) OR rule themes, surest model theme first.

    `campaigns[i]`: campaign names already extracted from `texts[i]` (skips the extractor). A story set
    abroad gets none (the model's weak labels treat it so too).
    """
    proba = np.atleast_2d(proba)
    if campaigns is not None and len(campaigns) != len(texts):
        raise ValueError("campaigns and texts differ in length")
    names = campaigns if campaigns is not None else [None] * len(texts)
    out = []
    rows = zip(margins(model, proba), decide(model, proba, max_model), texts, names, strict=True)
    for row, ranked, text, camp in rows:
        chosen = set(ranked) | rule_themes(text, camp)
        if chosen and foreign(text):  # checked only when there is something to drop (most texts: none)
            chosen = set()
        score = dict(zip(model.classes, row, strict=True))
        out.append(sorted(chosen, key=lambda t: (-score.get(t, -np.inf), t)))
    return out
