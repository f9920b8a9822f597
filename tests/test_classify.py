"""classify stage: shipped models, the public API, weak supervision, persistence and the CLI."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from typer.testing import CliRunner

from newsmine.classify import classify, classify_many, judicial_scores
from newsmine.classify.judicial import JUDICIAL_MODEL_DIR, load_judicial_model
from newsmine.classify.persist import LinearTextModel
from newsmine.classify.taxonomy import load_taxonomy, theme_ids
from newsmine.classify.text import SyllableHasher, prep, syllables
from newsmine.classify.themes import THEMES_MODEL_DIR, load_theme_model
from newsmine.classify.weak import NEG, POS, evidence, weak_labels

# Invented articles (written for these tests).
CAMPAIGN = (
    "Sở Tư pháp tỉnh Nam Định phát động phong trào thi đua năm 2024\n"
    "Sáng 12/1, Sở Tư pháp tỉnh Nam Định tổ chức hội nghị phát động phong trào thi đua yêu nước và ký kết "
    "giao ước thi đua giữa các phòng, đơn vị trực thuộc. Tại hội nghị, Giám đốc Sở đã trao bằng khen của "
    "Chủ tịch UBND tỉnh cho 5 tập thể và 12 cá nhân có thành tích xuất sắc trong phong trào thi đua năm "
    "2023. Các đơn vị cam kết thực hiện tốt công tác thi đua, khen thưởng, xây dựng điển hình tiên tiến."
)
TRAFFIC = (
    "Ra quân bảo đảm trật tự an toàn giao thông dịp cuối năm\n"
    "Ủy ban An toàn giao thông tỉnh phối hợp với lực lượng cảnh sát giao thông ra quân kiểm tra, xử lý vi "
    "phạm nồng độ cồn, chạy quá tốc độ và không đội mũ bảo hiểm. Mục tiêu là kéo giảm tai nạn giao thông "
    "cả ba tiêu chí so với cùng kỳ năm trước."
)
CRIME = (
    "Bắt giữ nghi phạm cướp tiệm vàng ở Bình Dương\n"
    "Công an thị xã Thuận An đã bắt giữ Nguyễn Văn T. (28 tuổi) sau khi người này dùng dao khống chế nhân "
    "viên, cướp 3 lượng vàng tại một tiệm vàng trên đường Nguyễn Trãi. Tại cơ quan điều tra, T. khai nhận "
    "vì nợ nần nên nảy sinh ý định cướp tài sản. Vụ án đang được điều tra mở rộng."
)
TRIAL = (
    "Kẻ sát hại bạn nhậu lĩnh án 18 năm tù\n"
    "Ngày 5/3, TAND tỉnh Long An mở phiên tòa sơ thẩm xét xử bị cáo Trần Văn H. về tội giết người. "
    "Theo cáo trạng, sau cuộc nhậu, H. cãi nhau với anh L. rồi dùng dao đâm nạn nhân tử vong. Hội đồng xét "
    "xử tuyên phạt bị cáo 18 năm tù."
)
FOOTBALL = (
    "Đội tuyển Việt Nam thắng Thái Lan 2-1 ở bán kết lượt đi\n"
    "Tiền đạo Văn Toàn ghi bàn ở phút 78, giúp đội tuyển Việt Nam ngược dòng trước Thái Lan trên sân Mỹ "
    "Đình. Huấn luyện viên cho biết cả đội sẽ tập trung hồi phục thể lực cho trận lượt về tại Bangkok."
)


def test_models_load_fast_without_pickle():
    for loader, path in ((load_theme_model, THEMES_MODEL_DIR), (load_judicial_model, JUDICIAL_MODEL_DIR)):
        loader.cache_clear()
        t = time.perf_counter()
        loader(path)
        assert time.perf_counter() - t < 1.0
        size = sum(f.stat().st_size for f in path.iterdir())
        assert size < 20_000_000
        assert not any(f.suffix in {".pkl", ".pickle", ".joblib"} for f in path.iterdir())
        assert (path / "MODEL_CARD.md").exists()


def test_campaign_article_gets_its_theme():
    c = classify(CAMPAIGN, id="campaign")
    assert c.id == "campaign"
    assert "thi-dua-khen-thuong" in c.themes
    assert set(c.scores) == set(theme_ids())
    assert all(0.0 <= p <= 1.0 for p in c.scores.values())
    assert "an-toan-giao-thong" in classify(TRAFFIC).themes


def test_crime_and_trial_reports_get_no_theme_but_are_judicial():
    crime, trial = classify_many([CRIME, TRIAL])
    assert crime.themes == [] and trial.themes == []
    assert crime.judicial > 0.5 and trial.judicial > 0.5


def test_football_is_not_judicial_and_has_no_theme():
    [p] = judicial_scores([FOOTBALL])
    assert p < 0.2
    assert classify(FOOTBALL).themes == []


def test_empty_and_batch_edge_cases():
    assert classify_many([]) == []
    assert judicial_scores([]) == []
    c = classify("")
    assert c.themes == [] and 0.0 <= c.judicial <= 1.0
    with pytest.raises(ValueError):
        classify_many(["a", "b"], ids=["only-one"])


def test_text_normal_form_and_hasher_are_stable():
    assert syllables("Ngày 9/3, “Bộ Tư pháp” phát động...") == [
        "ngày",
        "0",
        "0",
        "bộ",
        "tư",
        "pháp",
        "phát",
        "động",
    ]
    decomposed = "Tư pha\u0301p"  # NFD input must hash like NFC
    assert prep(decomposed) == prep("Tư pháp")
    h1, h2 = SyllableHasher(), SyllableHasher()
    a, b = h1.transform([CAMPAIGN]), h2.transform([CAMPAIGN])
    assert (a != b).nnz == 0
    n, k = len(syllables(CAMPAIGN)), len(syllables(CAMPAIGN.split("\n")[0]))
    assert a.sum() == n + (n - 1)  # every unigram and bigram counted once
    assert SyllableHasher(headline=True).transform([CAMPAIGN]).sum() == n + (n - 1) + k + (k - 1)


def test_weak_labelling_functions():
    themes = load_taxonomy()
    assert len(themes) == 12 and len({t.id for t in themes}) == 12
    w = weak_labels([CAMPAIGN, CRIME])
    j = theme_ids().index("thi-dua-khen-thuong")
    k = theme_ids().index("tran-ap-toi-pham")
    assert w[0, j] == POS
    assert (w[1] == NEG).all() and w[1, k] == NEG
    assert evidence(CRIME).report_title


def test_weak_labels_sports_and_nested_phrases():
    # invented sports report full of anti-corruption wording: about matches, not the campaign
    sport = (
        "Trọng tài bị điều tra vì nhận hối lộ trong trận đấu V-League\n"
        "Cơ quan công an đã triệu tập trọng tài và hai cầu thủ để làm rõ việc nhận hối lộ, tham nhũng và "
        "tiêu cực trong trận đấu. Liên đoàn bóng đá cho biết sẽ phối hợp, kiểm điểm trách nhiệm và chống "
        "tham nhũng trong giải đấu, tránh lãng phí."
    )
    # athletes receiving an order: the sports rule keeps emulation/awards
    award = (
        "Năm vận động viên nhận Huân chương Lao động\n"
        "Các vận động viên và huấn luyện viên đội tuyển được trao tặng Huân chương Lao động hạng Nhì, "
        "bằng khen của Thủ tướng vì thành tích xuất sắc tại giải đấu."
    )
    w = weak_labels([sport, award])
    ids = theme_ids()
    assert w[0, ids.index("phong-chong-tham-nhung")] == NEG
    assert w[1, ids.index("thi-dua-khen-thuong")] == POS
    # one mention of "xoá đói giảm nghèo" is one piece of evidence, not two
    ev = evidence("Tin kinh tế\nBáo cáo nhắc tới xoá đói giảm nghèo.")
    assert ev.distinct["vi-nguoi-ngheo"] == 1


def test_weak_only_phrases_leave_the_decision_rules_alone():
    from newsmine.classify.themes import headline_themes

    nong = next(t for t in load_taxonomy() if t.id == "nong-thon-moi")
    assert "mỗi xã một sản phẩm" in nong.weak_phrases and "mỗi xã một sản phẩm" not in nong.phrases
    text = "Huyện phát triển mỗi xã một sản phẩm\nNội dung."
    assert evidence(text).title["nong-thon-moi"] == 1
    assert "nong-thon-moi" not in headline_themes(text)


def test_persistence_round_trip(tmp_path):
    model = load_judicial_model()
    model.save(tmp_path / "m")
    again = LinearTextModel.load(tmp_path / "m")
    texts = [CAMPAIGN, CRIME, FOOTBALL]
    assert np.allclose(model.predict_proba_texts(texts), again.predict_proba_texts(texts), atol=1e-3)
    assert json.loads((tmp_path / "m" / "model.json").read_text())["target"] == "Phap luat"


def test_cli_classify_txt_and_jsonl_with_a_bad_record(tmp_path):
    from newsmine.cli import app

    (tmp_path / "a.txt").write_text(CAMPAIGN, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "crime", "text": CRIME}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"id": "ball", "text": FOOTBALL}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(app, ["classify", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines][1:] == ["crime", "ball"]
    assert set(lines[0]) == {"id", "themes", "scores", "judicial"}
    assert "thi-dua-khen-thuong" in lines[0]["themes"]
    assert lines[1]["themes"] == [] and lines[2]["judicial"] < 0.2
    assert "newsmine classify:" in res.stderr


def test_cli_train_rejects_unknown_model():
    from newsmine.cli import app

    res = CliRunner().invoke(app, ["train", "sentiment"])
    assert res.exit_code != 0


# Invented articles for the hybrid rules (headline phrase, named campaign, story abroad, campaign prefilter).
NTM_CAMPAIGN = (
    "Sở Tư pháp tổng kết năm công tác 2024\n"
    "Năm qua, các phòng chuyên môn đã hoàn thành kế hoạch đề ra. Sở tiếp tục hưởng ứng phong trào thi đua "
    "“Ngành Tư pháp chung tay góp sức xây dựng nông thôn mới” và cuộc vận động “Cả tỉnh chung sức vì "
    "người nghèo”, đồng thời hỗ trợ các xã hoàn thiện hồ sơ pháp lý."
)
AWARD_HEADLINE = (
    "Một kỹ sư người Đức được tặng Huy hiệu thành phố Đà Nẵng\n"
    "Chiều 3/4, UBND thành phố Đà Nẵng tổ chức buổi lễ ghi nhận những đóng góp của ông Klaus M. trong "
    "dự án cấp nước cho các quận ven biển suốt mười năm qua."
)
ABROAD = (
    "Cảnh sát Bangkok mở chiến dịch chống tham nhũng trong ngành hải quan\n"
    "Theo báo chí Thái Lan, chính phủ Thái Lan vừa giao cảnh sát Bangkok phối hợp với cơ quan chống tham "
    "nhũng quốc gia Thái Lan điều tra các khoản hối lộ tại cảng. Giới chức Thái Lan cho biết chiến dịch "
    "sẽ kéo dài đến cuối năm."
)


def test_headline_rule_finds_an_award_the_model_misses():
    from newsmine.classify.themes import headline_themes

    assert headline_themes(AWARD_HEADLINE) == {"thi-dua-khen-thuong"}
    assert "thi-dua-khen-thuong" in classify(AWARD_HEADLINE).themes
    # the same words in the body only do not fire the headline rule
    assert headline_themes("Tin vắn\n" + AWARD_HEADLINE) == set()


def test_campaign_rule_maps_named_campaigns_to_themes():
    from newsmine.classify.themes import campaign_themes, rule_themes

    assert campaign_themes(["Cả nước chung sức vì người nghèo"]) == {"vi-nguoi-ngheo"}
    assert campaign_themes(["Doanh nghiệp Việt Nam hội nhập và phát triển"]) == {"doanh-nghiep"}
    assert campaign_themes(["Mùa hè xanh"]) == set()
    found = rule_themes(NTM_CAMPAIGN)
    assert {"nong-thon-moi", "vi-nguoi-ngheo"} <= found
    themes = classify(NTM_CAMPAIGN).themes
    assert "nong-thon-moi" in themes and "vi-nguoi-ngheo" in themes


def test_campaign_prefilter_needs_a_head_word_near_a_campaign_word():
    from newsmine.classify.themes import campaign_snippets

    [snip] = campaign_snippets("Xã đã hưởng ứng cuộc vận động “Vì người nghèo” của mặt trận.")
    assert "cuộc vận động “Vì người nghèo”" in snip
    assert campaign_snippets("Hộ nghèo ở xã được vay vốn để chăn nuôi bò.") == []
    assert campaign_snippets("Phong trào " + "văn nghệ quần chúng " * 20 + "ở nông thôn mới") == []


def test_story_abroad_gets_no_theme_even_with_theme_phrases():
    assert classify(ABROAD).themes == []
    assert classify(CRIME).themes == [] and classify(TRIAL).themes == []


def test_model_contributes_at_most_two_themes_rules_may_add_more():
    import dataclasses

    from newsmine.classify.themes import MAX_MODEL_THEMES, decide_hybrid

    shipped = load_theme_model()
    k = len(shipped.classes)
    # one sigmoid for all themes, so the margins rank themes as the probabilities do
    model = dataclasses.replace(
        shipped,
        thresholds=np.full(k, 0.5),
        calib_a=np.full(k, -1.0),
        calib_b=np.zeros(k),
        meta={"second_margin": 0.0},
    )
    proba = np.full((2, k), 0.01)
    proba[:, :3] = [0.9, 0.6, 0.7]  # three themes above the threshold
    neutral = "Thời tiết Hà Nội hôm nay\nTrời nhiều mây, chiều có mưa rào."
    [first, second] = decide_hybrid(model, proba, [neutral, NTM_CAMPAIGN])
    assert first == [model.classes[0], model.classes[2]][:MAX_MODEL_THEMES]  # surest first
    assert set(first) < set(second) and "vi-nguoi-ngheo" in second
    # a second theme needs the tuned margin above its threshold, the first one does not
    strict = dataclasses.replace(model, meta={"second_margin": 50.0})
    assert decide_hybrid(strict, proba[:1], [neutral]) == [[model.classes[0]]]


def test_already_extracted_campaigns_skip_the_extractor(monkeypatch):
    from newsmine.classify import themes
    from newsmine.types import Entity

    def boom(text):
        raise AssertionError("campaign extractor ran although campaigns were given")

    monkeypatch.setattr(themes, "campaign_names", boom)
    [c] = classify_many([NTM_CAMPAIGN], campaigns=[[Entity("Cả tỉnh chung sức vì người nghèo")]])
    assert "vi-nguoi-ngheo" in c.themes
    assert "nong-thon-moi" in classify(NTM_CAMPAIGN, campaigns=["Chung tay xây dựng nông thôn mới"]).themes
    with pytest.raises(ValueError):
        classify_many([NTM_CAMPAIGN, CRIME], campaigns=[[]])
    monkeypatch.undo()
    assert {"nong-thon-moi", "vi-nguoi-ngheo"} <= set(classify(NTM_CAMPAIGN).themes)  # old call unchanged


def test_legal_dissemination_campaign_words_skip_law_enforcement_wording():
    from newsmine.classify.themes import campaign_themes

    # "thi hành pháp luật" inside an emulation drive's name is not legal dissemination (invented names)
    drive = "Ngành Tư pháp siết chặt kỷ cương, nâng cao hiệu quả thi hành pháp luật năm 2025"
    assert "pho-bien-phap-luat" not in campaign_themes([drive])
    assert campaign_themes(["Tăng cường phổ biến, giáo dục pháp luật cho đồng bào vùng cao"]) == {
        "pho-bien-phap-luat"
    }
    assert "pho-bien-phap-luat" in campaign_themes(["Hưởng ứng Ngày Pháp luật Việt Nam 9/11"])
    assert "pho-bien-phap-luat" in campaign_themes(["Nâng cao chất lượng hòa giải ở cơ sở"])


def test_gold_rows_train_on_heldout_but_never_on_blind():
    from newsmine.classify.train import TRAIN_SPLITS, gold_rows

    labels = [
        {"doc": "vntc:a", "split": "dev", "themes": []},
        {"doc": "vntc:b", "split": "heldout", "themes": ["thi-hanh-an"]},
        {"doc": "vntc:c", "split": "blind", "themes": ["doanh-nghiep"]},
        {"doc": "vntc:z", "split": "train", "themes": []},  # not in the corpus: skipped
    ]
    rows, recs = gold_rows(labels, ["vntc:c", "vntc:b", "vntc:a"])
    assert rows.tolist() == [2, 1] and [r["doc"] for r in recs] == ["vntc:a", "vntc:b"]
    assert "blind" not in TRAIN_SPLITS
    with pytest.raises(ValueError):
        gold_rows(labels, ["vntc:c"], splits=("dev", "blind"))
