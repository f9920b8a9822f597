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


def test_named_drives_keep_their_head_and_one_id_per_edition(nlp):
    found, _ = campaigns(nlp, "Sáng 2-3, Thành đoàn phát động Tháng Thanh niên 2024 với nhiều hoạt động.")
    assert [(c.name, c.id) for c in found] == [("Tháng Thanh niên 2024", "thang-thanh-nien")]
    found, _ = campaigns(nlp, "Ban quản lý phát động “Tháng hành động vì an toàn thực phẩm” năm 2024. "
                              "Tháng hành động năm nay tập trung vào chợ đầu mối.")
    assert [c.name for c in found] == ["Tháng hành động vì an toàn thực phẩm"]
    assert len(found[0].mentions) == 2  # the head alone later is the same drive
    found, _ = campaigns(nlp, "Tháng hành động năm nay có nhiều điểm mới.")
    assert found == []  # the head alone, with no name anywhere, names nothing


def test_unquoted_emulation_covenant_and_time_adjunct_after_the_head(nlp):
    found, _ = campaigns(nlp, "Năm công ty ký giao ước thi đua bảo đảm an toàn lao động, nâng cao chất lượng "
                              "sản phẩm.")
    assert [c.name for c in found] == ["bảo đảm an toàn lao động, nâng cao chất lượng sản phẩm"]
    found, _ = campaigns(nlp, "Tỉnh mở đợt cao điểm từ nay đến 30-9 vận động người dân phát hiện, giao nộp "
                              "vũ khí, vật liệu nổ.")
    assert [c.name for c in found] == ["vận động người dân phát hiện, giao nộp vũ khí, vật liệu nổ"]


def test_quoted_name_after_nhu_and_lists_up_to_the_clause_end(nlp):
    found, _ = campaigns(nlp, "Nước này truy bắt nghi phạm qua chiến dịch như “Lưới trời” và biện pháp khác.")
    assert [c.id for c in found] == ["luoi-troi"]
    found, _ = campaigns(nlp, "Công an mở đợt cao điểm tấn công tội phạm ma túy, cờ bạc, cho vay nặng lãi, "
                              "đòi nợ thuê. Kết quả khả quan.")
    assert [c.name for c in found] == ["tấn công tội phạm ma túy, cờ bạc, cho vay nặng lãi, đòi nợ thuê"]


@pytest.mark.parametrize("text", [
    "Quân đội tuyên bố tiếp tục chiến dịch tấn công tại thị trấn này.",  # two syllables: a kind of action
    "Các đại biểu kêu gọi mở rộng cuộc vận động ủng hộ trên toàn thế giới.",
    "Chính quyền cho rằng bất ổn là do một phong trào “khủng bố” gây ra.",  # scare quotes
    "Phần 1 của chương trình mang tên “Vang vọng ngàn năm” chiếu phim tư liệu.",  # a show, not a drive
])
def test_actions_scare_quotes_and_shows_are_not_campaigns(nlp, text):
    found, _ = campaigns(nlp, text)
    assert found == []


def test_spelling_variants_in_one_article_share_one_id(nlp):
    found, _ = campaigns(nlp, "Huyện mở đợt cao điểm tấn công trấn áp tội phạm ma túy. Kết thúc đợt cao điểm "
                              "tấn công, trấn áp tội phạm ma tuý, 30 đối tượng bị bắt.")
    assert len(found) == 1 and len(found[0].mentions) == 2


def test_short_lower_case_quoted_name_needs_to_be_named_twice(nlp):
    found, _ = campaigns(nlp, "Phong trào biểu tình “áo vàng” lan rộng. Chính phủ nhượng bộ trước sức ép của "
                              "phong trào “áo vàng” hôm qua.")
    assert [(c.name, len(c.mentions)) for c in found] == [("áo vàng", 2)]


def test_capitalised_movement_names_and_foreign_organisations(nlp):
    found, _ = campaigns(nlp, "Hai thủ lĩnh sinh viên bị xét xử vì vai trò trong phong trào Ô vàng 2014.")
    assert [(c.name, c.id) for c in found] == [("Ô vàng 2014", "o-vang")]
    found, _ = campaigns(nlp, "Cậu bé bị các tay súng của Phong trào Nour al-Din al-Zinki bắt giữ.")
    assert found == []  # an armed group's name, not a movement anyone runs


def test_national_programme_and_drives_asking_people_to_act(nlp):
    found, _ = campaigns(nlp, "Bộ tiếp tục thực hiện Chương trình quốc gia phòng chống tội phạm và phát động "
                              "cuộc vận động người đi đò mặc áo phao tại các bến khách ngang sông.")
    assert [c.name for c in found] == ["phòng chống tội phạm", "người đi đò mặc áo phao"]


def test_quoted_programmes_are_drives_only_when_they_give_or_help(nlp):
    found, _ = campaigns(nlp, "Liên đoàn lao động tỉnh tổ chức chương trình “Tết sum vầy 2024”, tặng quà cho "
                              "công nhân có hoàn cảnh khó khăn.")
    assert [(c.name, c.id) for c in found] == [("Tết sum vầy 2024", "tet-sum-vay")]
    for text in ("Anh là người dẫn chương trình “Bếp nhà mình” trên truyền hình.",
                 "Trước đại hội có chương trình “Giao lưu, gặp gỡ người tình nguyện” tại Nhà hát lớn.",
                 "Ban tổ chức phát động cuộc thi bình chọn tác phẩm của chương trình “Viết cho tuổi trẻ”."):
        found, _ = campaigns(nlp, text)
        assert found == [], text


def test_a_named_operation_in_a_war_report_is_an_event(nlp):
    found, _ = campaigns(nlp, "Tiêm kích nước này không kích các vị trí của phiến quân sau khi quân đội "
                              "phát động chiến dịch “Lá chắn thép” tấn công khu vực biên giới.")
    assert found == []


def test_unquoted_drive_boundaries_and_one_drive_against_one_thing(nlp):
    found, _ = campaigns(nlp, "Tỉnh là mục tiêu chính của chiến dịch chống tham nhũng quốc gia và gần đây có "
                              "nhiều quan chức bị bắt.")
    assert [c.name for c in found] == ["chống tham nhũng quốc gia"]
    found, _ = campaigns(nlp, "Chiến dịch ma túy Philippines gây tranh cãi.")
    assert found == []  # "ma túy": two syllables once the country is cut off
    found, _ = campaigns(nlp, "Tổng thống tiến hành chiến dịch chống ma túy. Sau đó quân đội giữ vai trò đi "
                              "đầu trong chiến dịch trấn áp ma túy dù có nhiều chỉ trích.")
    assert len(found) == 1 and len(found[0].mentions) == 2
