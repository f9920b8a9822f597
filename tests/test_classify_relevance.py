"""The crawler's keep-or-skip score for general sections: judicial news or campaign-theme news."""

from __future__ import annotations

from newsmine.classify import classify_many, relevance_scores

CAMPAIGN = (
    "Sở Tư pháp tỉnh Hà Giang ký kết giao ước thi đua năm 2025\n\n"
    "Ngày 12/3, Sở Tư pháp tỉnh Hà Giang tổ chức hội nghị phát động phong trào thi đua "
    "“Cán bộ tư pháp tận tụy phục vụ nhân dân” và ký kết giao ước thi đua với các phòng tư pháp cấp huyện. "
    "Giám đốc Sở Tư pháp Lò Văn Thành đề nghị các đơn vị khen thưởng kịp thời các tập thể, cá nhân "
    "có thành tích xuất sắc trong phong trào thi đua yêu nước."
)
FOOTBALL = (
    "Đội tuyển Việt Nam thắng 2-0 trước Thái Lan\n\n"
    "Tối qua, trên sân Mỹ Đình, đội tuyển bóng đá Việt Nam giành chiến thắng 2-0 nhờ các bàn thắng "
    "của tiền đạo số 9 ở hiệp hai. Huấn luyện viên cho biết các cầu thủ đã thi đấu đầy quyết tâm."
)


def test_a_justice_campaign_report_is_kept_even_when_the_judicial_model_doubts_it():
    campaign, football = classify_many([CAMPAIGN, FOOTBALL])
    assert campaign.themes, "the emulation report should carry a campaign theme"
    rel_campaign, rel_football = relevance_scores([CAMPAIGN, FOOTBALL])
    assert rel_campaign == 1.0
    assert rel_campaign >= campaign.judicial
    assert football.themes == []
    assert rel_football == football.judicial < 0.5


def test_a_legal_dissemination_report_is_kept():
    """Our sample site's "Đưa pháp luật đến với đồng bào vùng cao" (a legal-aid trip, no theme phrase in its
    headline): the theme model itself must be able to fire for a theme with few hand labels."""
    import json
    from pathlib import Path

    from newsmine.config import CORPORA_DIR

    arts = json.loads(Path(CORPORA_DIR / "sample_site" / "articles.json").read_text(encoding="utf-8"))
    art = next(a for a in arts if a["slug"].startswith("dua-phap-luat-den-voi-dong-bao"))
    text = "\n\n".join([art["title"], art["sapo"], *art["body"]])
    (c,) = classify_many([text])
    assert c.judicial < 0.5  # the VNTC judicial model alone would drop it
    assert c.themes == ["pho-bien-phap-luat"]
    assert relevance_scores([text]) == [1.0]
