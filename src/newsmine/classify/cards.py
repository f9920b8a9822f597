"""MODEL_CARD.md beside each shipped model, written from the model's own metadata (so they never disagree)."""

from __future__ import annotations

import json
from pathlib import Path

from newsmine.classify.persist import LinearTextModel

_INTENDED = {
    "judicial": "Filter for the crawler and `newsmine classify`: probability that a Vietnamese news text is "
    "judicial/legal news (VNTC topic 'Phap luat'). Trained on 2005-2006 VNTC news; drift on newer "
    "sites is expected, so keep the threshold conservative for crawling.",
    "themes": "Campaign themes of the newsmine annotation guide (multi-label, possibly none). An ordinary "
    "crime or trial report should get no theme. Trained from weak labels plus our hand labels; per-theme "
    "thresholds and the second-theme margin (model.json) are cross-validated on the hand labels. "
    "`classify` adds themes a headline phrase or a named campaign states (themes.py rules) to the "
    "model's surest themes (at most two); metrics.cv_hand_labels is the out-of-fold validation of that "
    "whole decision, and the blind split of corpora/labels (bench/classify_bench.py) is the test.",
}


def write_card(directory: Path | str) -> Path:
    d = Path(directory)
    model = LinearTextModel.load(d)
    meta = model.meta
    size = sum(f.stat().st_size for f in d.iterdir() if f.name != "MODEL_CARD.md") / 1e6
    lines = [
        f"# Model card: {meta.get('name')} {meta.get('version')}",
        "",
        f"- Trained: {meta.get('trained')} (seed {meta.get('seed')}); files: model.json + weights.npz "
        f"({size:.1f} MB), no pickle.",
        f"- Intended use: {_INTENDED.get(meta.get('name'), '')}",
        f"- Data: {meta.get('data')}",
        f"- Engine: {meta.get('engine')}",
        f"- Outputs: {', '.join(model.outputs)}",
        f"- Rebuild: `newsmine train {meta.get('name')} --out {d.name and 'models/' + d.name}`",
        "",
        "## Metrics",
        "",
        "```json",
        json.dumps(meta.get("metrics", {}), ensure_ascii=False, indent=1),
        "```",
        "",
    ]
    path = d / "MODEL_CARD.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
