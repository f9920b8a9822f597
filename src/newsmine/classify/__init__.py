"""classify stage: campaign themes (multi-label, possibly none) and the judicial-news filter.

    from newsmine.classify import classify, classify_many, judicial_scores
    classify("Bộ Tư pháp phát động phong trào thi đua ...").themes  # ['thi-dua-khen-thuong']

Both models are linear models over hashed syllable n-grams (see `persist.py`), loaded lazily once.
"""

from __future__ import annotations

from newsmine.classify.judicial import judicial_scores, load_judicial_model
from newsmine.classify.themes import decide_hybrid, load_theme_model
from newsmine.types import Classification, Entity, nfc

__all__ = [
    "classify",
    "classify_many",
    "judicial_scores",
    "load_judicial_model",
    "load_theme_model",
    "relevance_scores",
]


def classify_many(
    texts: list[str],
    ids: list[str | None] | None = None,
    campaigns: list[list[Entity]] | None = None,
) -> list[Classification]:
    """Themes, per-theme probabilities and the judicial probability for each text.

    Both models read the same hashed features when their hasher settings agree, so a text is tokenised once.
    `campaigns[i]`: the campaigns extraction already found in `texts[i]` (`Facts.campaigns`; Entity or plain
    names). Given, the named-campaign rule uses them instead of running the campaign extractor again.
    """
    texts = [nfc(t) for t in texts]
    ids = list(ids) if ids is not None else [None] * len(texts)
    if len(ids) != len(texts):
        raise ValueError("ids and texts differ in length")
    names = None
    if campaigns is not None:
        if len(campaigns) != len(texts):
            raise ValueError("campaigns and texts differ in length")
        names = [[nfc(c if isinstance(c, str) else c.name) for c in (camps or [])] for camps in campaigns]
    if not texts:
        return []
    tm, jm = load_theme_model(), load_judicial_model()
    counts = tm.make_hasher().transform(texts)
    jcounts = counts if jm.hasher == tm.hasher else jm.make_hasher().transform(texts)
    tp = tm.proba(counts)
    jp = jm.proba(jcounts)[:, 0]
    themes = decide_hybrid(tm, tp, texts, campaigns=names)
    return [
        Classification(
            themes=themes[i],
            scores={t: round(float(p), 4) for t, p in zip(tm.classes, tp[i], strict=True)},
            judicial=round(float(jp[i]), 4),
            id=ids[i],
        )
        for i in range(len(texts))
    ]


def classify(text: str, id: str | None = None, campaigns: list[Entity] | None = None) -> Classification:
    """One text: see `classify_many`."""
    return classify_many([text], [id], None if campaigns is None else [campaigns])[0]


def relevance_scores(texts: list[str]) -> list[float]:
    """What the crawler keeps from general sections: judicial news, or news covering a campaign theme.

    The judicial model learnt VNTC's "Phap luat" (crime and courts), which scores justice-sector campaign
    reports (an emulation covenant of the Sở Tư pháp) low; those are what our users follow, so an article
    with a theme counts as relevant (1.0) whatever its judicial probability.
    """
    return [1.0 if c.themes else c.judicial for c in classify_many(texts)]
