"""Campaigns component: quoted and known names after head words, one id across spellings, no wars."""

from __future__ import annotations

import pytest

from newsmine.extract.campaigns import load_lexicon
from newsmine.extract.pipeline import analyze, build_pipeline, make_doc

CAMPAIGNS_ONLY = (("newsmine.extract.campaigns", "newsmine_campaigns"),)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=CAMPAIGNS_ONLY)


def campaigns(nlp, text):
    doc = make_doc(text, None, nlp)
    return doc._.campaigns, doc


def test_quoted_names_in_every_quote_style(nlp):
    found, doc = campaigns(nlp, "Sở Tư pháp phát động phong trào thi đua “Cán bộ tư pháp làm việc tận tâm”, "
                                "cuộc vận động \"Mỗi ngày một việc tốt\" và đợt thi đua «Về đích sớm».")
    names = [c.name for c in found]
    assert names == ["Cán bộ tư pháp làm việc tận tâm", "Mỗi ngày một việc tốt", "Về đích sớm"]
    start, end = found[0].mentions[0]
    assert doc.text[start:end] == "“Cán bộ tư pháp làm việc tận tâm”"  # the mention covers the quote marks


def test_chained_quoted_names_after_one_head(nlp):
    found, _ = campaigns(nlp, "Các phong trào “Dân vận khéo”, “Vì an ninh Tổ quốc” và “Đền ơn đáp nghĩa” "
                              "được duy trì.")
    assert [c.id for c in found] == ["dan-van-kheo", "vi-an-ninh-to-quoc", "den-on-dap-nghia"]


def test_missing_closing_quote_stops_at_clause_end(nlp):
    found, _ = campaigns(nlp, "Huyện tổ chức phong trào “Nông dân thi đua sản xuất giỏi. Năm nay có 30 hộ.")
    assert [c.name for c in found] == ["Nông dân thi đua sản xuất giỏi"]


def test_one_id_across_spellings_and_unquoted_known_names(nlp):
    a, _ = campaigns(nlp, "Thực hiện phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư, "
                          "xã đã có 12 khu dân cư văn hóa.")
    b, _ = campaigns(nlp, "Cuộc vận động “Toàn dân đoàn kết xây dựng đời sống văn hoá” được tổng kết.")
    assert [c.id for c in a] == [c.id for c in b] == ["toan-dan-doan-ket-xay-dung-doi-song-van-hoa"]
    assert a[0].name == "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư"  # as written


def test_unknown_campaign_gets_stable_slug(nlp):
    found, _ = campaigns(nlp, "Công an tỉnh mở đợt cao điểm tấn công trấn áp tội phạm dịp Tết Nguyên đán, "
                              "bắt giữ 40 đối tượng.")
    assert [c.name for c in found] == ["tấn công trấn áp tội phạm dịp Tết Nguyên đán"]
    assert found[0].id == "tan-cong-tran-ap-toi-pham-dip-tet-nguyen-dan"
    assert load_lexicon().campaign_id("Tấn công trấn áp tội phạm dịp Tết Nguyên Đán") == found[0].id


def test_unquoted_drive_after_cuoc_van_dong(nlp):
    found, _ = campaigns(nlp, "Ủy ban MTTQ tỉnh phát động cuộc vận động ủng hộ đồng bào miền Trung "
                              "bị thiệt hại do bão lũ.")
    assert [c.name for c in found] == ["ủng hộ đồng bào miền Trung"]


def test_national_target_programme(nlp):
    found, _ = campaigns(nlp, "Huyện thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
                              "giai đoạn 2016-2020.")
    assert [(c.name, c.id) for c in found] == [("xây dựng nông thôn mới", "xay-dung-nong-thon-moi")]


@pytest.mark.parametrize("text", [
    "Ông từng tham gia chiến dịch Điện Biên Phủ và chiến dịch Hồ Chí Minh năm 1975.",
    "Cựu chiến binh kể về chiến dịch giải phóng thành cổ Quảng Trị.",
    "Một “phong trào” mua vàng tích trữ đang lan rộng.",
    "Vào những đợt cao điểm, bệnh viện quá tải; chiến dịch này tốn kém.",
    "Ký giao ước thi đua năm 2018 giữa các đơn vị.",
    "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh được chú trọng.",
    "Ngành y tế vào đợt cao điểm mùa khô.",
    "Nhân dân hưởng ứng các cuộc vận động chống tham nhũng, tiêu cực.",
    "Qua cuộc vận động, nhiều hộ đã thoát nghèo.",
])
def test_not_campaigns(nlp, text):
    found, _ = campaigns(nlp, text)
    assert found == []


def test_seed_article_campaigns(nlp, shared_dir):
    text = next((shared_dir / "seed").glob("*.txt")).read_text(encoding="utf-8")
    found, _ = campaigns(nlp, text)
    assert len(found) == 5
    assert len({c.id for c in found}) == 5
    names = [c.name for c in found]
    assert "Ngành Tư pháp chung sức góp phần xây dựng nông thôn mới" in names
    assert "Doanh nghiệp Việt Nam hội nhập và phát triển" in names  # double space in the source collapsed
    assert any(n.startswith("Cả nước chung sức vì người nghèo") for n in names)


def test_head_word_inside_quotes_and_quoted_known_name(nlp):
    found, _ = campaigns(nlp, "Tổ chức “Chiến dịch cứu trợ nạn nhân bão lũ miền Trung” vừa gửi thư kêu gọi. "
                              "Ngày mai ra quân 'Tiếp sức mùa thi 2024' tại các bến xe.")
    names = {c.name for c in found}
    assert "cứu trợ nạn nhân bão lũ miền Trung" in names
    assert "tiep-suc-mua-thi" in {c.id for c in found}
    found, _ = campaigns(nlp, "Đây chỉ là một “phong trào” nhất thời.")
    assert found == []


def test_unquoted_drive_not_cut_inside_a_compound(nlp):
    found, _ = campaigns(nlp, "Hội mở chiến dịch quyên góp và thu thập chữ ký ủng hộ nạn nhân.")
    assert [c.name for c in found] == ["quyên góp và thu thập chữ ký ủng hộ nạn nhân"]


def test_a_quoted_statement_opening_with_a_head_word_is_speech_not_a_campaign():
    text = ("“Phong trào thi đua năm nay phải đi vào thực chất. Chúng tôi không làm theo kiểu hô khẩu hiệu”, "
            "ông Hùng nhấn mạnh.")
    facts = analyze(text)
    assert facts.campaigns == []
    (quote,) = facts.quotes
    assert quote.kind == "direct"
    assert quote.text.startswith("Phong trào thi đua năm nay") and quote.text.endswith("hô khẩu hiệu")
