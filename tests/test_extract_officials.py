"""Officials: title/name/body in the press's forms, short references linked, role-less persons left out."""

from __future__ import annotations

import json

import pytest

from newsmine.extract.officials import resolve_person
from newsmine.extract.pipeline import build_pipeline, clean_text, make_doc

SUBSET = (
    ("newsmine.extract.bodies", "newsmine_bodies"),
    ("newsmine.extract.officials", "newsmine_officials"),
)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=SUBSET)


def officials(nlp, text):
    doc = make_doc(clean_text(text), nlp=nlp)
    return doc, {o.name: o for o in doc._.officials}


def test_title_body_before_name_and_short_reference(nlp):
    text = (
        "Phát biểu tại hội nghị, Phó Tổng cục trưởng Tổng cục THADS (Bộ Tư pháp) Trần Văn Khải đánh giá cao "
        "kết quả năm qua. Theo ông Khải, các cục cần tập trung giải quyết án tồn."
    )
    doc, offs = officials(nlp, text)
    o = offs["Trần Văn Khải"]
    assert o.title == "Phó Tổng cục trưởng"
    assert o.body == "Tổng cục Thi hành án dân sự"
    assert [text[a:b] for a, b in o.mentions] == ["Trần Văn Khải", "ông Khải"]
    assert resolve_person(doc, "ông Khải") is o
    assert resolve_person(doc, o.mentions[1]) is o


def test_name_then_role_with_place_qualifier(nlp):
    text = "Ông Lương Minh Đức, Giám đốc Sở Tư pháp tỉnh Quảng Trị, cho biết sẽ kiểm tra lại hồ sơ."
    _, offs = officials(nlp, text)
    o = offs["Lương Minh Đức"]
    assert (o.title, o.body) == ("Giám đốc", "Sở Tư pháp tỉnh Quảng Trị")


def test_rank_then_role_after_dash(nlp):
    text = "Thượng tá Phạm Quốc Hưng - Phó trưởng Công an huyện Cần Giờ cho biết nghi phạm đã bị tạm giữ."
    _, offs = officials(nlp, text)
    o = offs["Phạm Quốc Hưng"]
    assert (o.title, o.body) == ("Phó trưởng", "Công an huyện Cần Giờ")


def test_rank_alone_is_the_title(nlp):
    _, offs = officials(nlp, "Đại tá Hoàng Văn Tân đã trực tiếp chỉ đạo vụ việc.")
    assert offs["Hoàng Văn Tân"].title == "Đại tá"
    assert offs["Hoàng Văn Tân"].body is None


def test_chairman_of_committee_and_professional_roles(nlp):
    text = (
        "Chủ tịch UBND tỉnh Lâm Đồng Đoàn Văn Minh đã ký quyết định. Tại phiên tòa, luật sư Đặng Thu Hà "
        "bào chữa cho bị cáo Lý Văn Tám (45 tuổi). Luật sư Hà đề nghị giảm án; "
        "Thẩm phán Kim Ngọc Lan tuyên án."
    )
    _, offs = officials(nlp, text)
    assert (offs["Đoàn Văn Minh"].title, offs["Đoàn Văn Minh"].body) == (
        "Chủ tịch",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
    )
    assert offs["Đặng Thu Hà"].title == "luật sư"
    assert offs["Kim Ngọc Lan"].title == "Thẩm phán"
    assert len(offs["Đặng Thu Hà"].mentions) == 2  # "luật sư Đặng Thu Hà" and "Luật sư Hà"
    assert "Lý Văn Tám" not in offs  # a defendant with no role is not an official


def test_lowercase_unit_shares_the_title_word(nlp):
    text = "Bị cáo Trịnh Văn Quý (nguyên trưởng phòng kế toán, Sở Tài chính) bị đề nghị 5 năm tù."
    _, offs = officials(nlp, text)
    o = offs["Trịnh Văn Quý"]
    assert o.title == "trưởng phòng"
    assert o.body.lower() == "phòng kế toán, sở tài chính"


def test_no_officials_in_plain_text(nlp):
    _, offs = officials(nlp, "Hà Nội hôm nay trời mưa, nhiều tuyến phố ở Hoàn Kiếm bị ngập.")
    assert offs == {}


def test_seed_officials(nlp, shared_dir):
    text = next((shared_dir / "seed").glob("*.txt")).read_text(encoding="utf-8")
    doc, offs = officials(nlp, text)
    gold = [
        json.loads(line)
        for line in (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.startswith('{"doc": "seed:')
    ][0]
    for g in gold["officials"]:
        o = offs[g["name"]]
        assert o.title == g["title"] and o.body == g["body"]
    cleaned = doc.text
    for o in offs.values():
        for a, b in o.mentions:
            assert cleaned[a:b].split()[-1] == o.name.split()[-1]


def test_lists_chains_and_foreign_names(nlp):
    text = (
        "Phó thủ tướng, Bộ trưởng Ngoại giao Lương Văn Khoa tiếp Ngoại trưởng Peter Walsh. "
        "Hiện Bộ Tài chính có 3 thứ trưởng gồm các ông Hứa Minh Tâm, Đinh Văn Lộc và Kiều Quang Vinh."
    )
    _, offs = officials(nlp, text)
    assert offs["Lương Văn Khoa"].title == "Phó thủ tướng"  # the first role given
    assert offs["Peter Walsh"].title == "Ngoại trưởng"
    for name in ("Hứa Minh Tâm", "Đinh Văn Lộc", "Kiều Quang Vinh"):
        assert (offs[name].title, offs[name].body) == ("thứ trưởng", "Bộ Tài chính")


def test_village_after_title_is_not_a_person(nlp):
    _, offs = officials(nlp, "Ông Lò Văn Pấng (Trưởng thôn Quang Lãm, xã Phú Lãm) đã bị tạm giữ.")
    assert list(offs) == ["Lò Văn Pấng"]
    assert offs["Lò Văn Pấng"].title == "Trưởng thôn"


def _roles(nlp, text):
    doc, offs = officials(nlp, text)
    return doc, {k: (o.title, o.body) for k, o in offs.items()}


def test_title_chain_ending_in_a_lowercase_board_before_the_name(nlp):
    _, r = _roles(nlp, "Bộ trưởng, Trưởng ban chỉ đạo phòng chống thiên tai Lương Văn Đạt yêu cầu các tỉnh.")
    assert r == {"Lương Văn Đạt": ("Bộ trưởng", None)}
    _, r = _roles(nlp, "Trưởng ban chỉ đạo phòng chống lụt bão Đinh Văn Tài đến kiểm tra đê.")
    assert r["Đinh Văn Tài"] == ("Trưởng ban", "Ban chỉ đạo phòng chống lụt bão")


def test_body_name_with_lowercase_tail_or_brand_before_the_name(nlp):
    _, r = _roles(nlp, "Phó Chủ nhiệm Ủy ban Tài chính và ngân sách Hồ Văn Lợi đề nghị làm rõ.")
    assert r["Hồ Văn Lợi"] == ("Phó Chủ nhiệm", "Ủy ban Tài chính và ngân sách")
    _, r = _roles(nlp, "Nguyên tổng giám đốc Vinaship Phạm Quốc Toản không có mặt.")
    assert r["Phạm Quốc Toản"] == ("tổng giám đốc", "Vinaship")


def test_rank_comma_name_and_long_foreign_name(nlp):
    _, r = _roles(nlp, "Được tin báo, thiếu tá, Lưu Đình Khang (1970) đã đến hiện trường.")
    assert r["Lưu Đình Khang"][0] == "thiếu tá"
    _, r = _roles(nlp, "Phó thủ tướng Campuchia Samdech Heng Sam Rin cho biết hai bên đã thống nhất.")
    assert r["Samdech Heng Sam Rin"] == ("Phó thủ tướng", None)


def test_chairman_or_secretary_of_a_place_is_of_its_committee(nlp):
    doc, r = _roles(
        nlp,
        "Ông Vũ Đức Lâm - Chủ tịch huyện Tiên Lữ cho biết sẽ trả lời dân. Bí thư phường An Hòa "
        "Đỗ Minh Quang bị cách chức.",
    )
    assert r["Vũ Đức Lâm"] == ("Chủ tịch", "Ủy ban nhân dân huyện Tiên Lữ")
    assert r["Đỗ Minh Quang"] == ("Bí thư", "Đảng ủy phường An Hòa")
    assert doc._.bodies == []  # implied by the title, not named


def test_body_at_the_end_of_a_role_chain_or_a_list(nlp):
    _, r = _roles(
        nlp,
        "Ông Mai Văn Tùng, Phó bí thư đảng ủy, Chủ tịch công đoàn kiêm chánh văn phòng Công ty "
        "Sứ Thanh Trì, cho biết lễ đã diễn ra.",
    )
    assert r["Mai Văn Tùng"] == ("Phó bí thư", "Công ty Sứ Thanh Trì")
    _, r = _roles(
        nlp,
        "Các bị cáo gồm: Lạc Văn Bình - Giám đốc, Vi Thị Mơ - Phó giám đốc và hai thủ kho Lò Văn "
        "Sáu và Hà Văn Bảy của Xí nghiệp Chế biến gỗ Yên Bái.",
    )
    assert {k: v[1] for k, v in r.items()} == dict.fromkeys(
        ["Lạc Văn Bình", "Vi Thị Mơ", "Lò Văn Sáu", "Hà Văn Bảy"], "Xí nghiệp Chế biến gỗ Yên Bái"
    )


def test_bare_role_takes_the_matching_body_named_just_before(nlp):
    _, r = _roles(
        nlp,
        "Chiều qua, Bộ Xây dựng họp kiểm điểm. Sau cuộc họp, Bộ trưởng Trịnh Văn Hòa cho biết sẽ "
        "báo cáo Thủ tướng.",
    )
    assert r["Trịnh Văn Hòa"] == ("Bộ trưởng", "Bộ Xây dựng")
    _, r = _roles(
        nlp, "Công ty Gạch men Đồng Nai chi nhiều tiền. Ông Lý Văn Mạnh, Giám đốc công ty, thì nói khác."
    )
    assert r["Lý Văn Mạnh"] == ("Giám đốc", "Công ty Gạch men Đồng Nai")
    _, r = _roles(nlp, "Bộ trưởng Trịnh Văn Hòa cho biết sẽ báo cáo Thủ tướng.")
    assert r["Trịnh Văn Hòa"] == ("Bộ trưởng", None)  # no ministry named: no guess


def test_unit_of_a_company_after_cua(nlp):
    doc, r = _roles(nlp, "Công an đã bắt Tạ Văn Hiếu (đội trưởng đội xe của Xí nghiệp Vận tải Hòa Bình).")
    assert r["Tạ Văn Hiếu"] == ("đội trưởng", "Đội xe của Xí nghiệp Vận tải Hòa Bình")
    assert [b.name for b in doc._.bodies] == []  # a company's unit is not a listed body


def test_elliptical_head_after_title_takes_that_body_not_a_company(nlp):
    _, r = _roles(
        nlp,
        "Công ty Gà sạch Sóc Sơn đã gửi văn bản tới Sở Nông nghiệp và Phát triển nông thôn Hà Nội. "
        "Ông Kiều Văn Tâm, Phó giám đốc Sở, cho hay sẽ trả lời sớm.",
    )
    assert r["Kiều Văn Tâm"] == ("Phó giám đốc", "Sở Nông nghiệp và Phát triển nông thôn Hà Nội")


def test_company_with_descriptor_and_a_person_like_name(nlp):
    text = (
        "Tòa tuyên phạt Lâm Văn Tài, Giám đốc Công ty TNHH sản xuất thương mại Hoàng Phát mức án 7 năm; "
        "Đỗ Minh Quý, Giám đốc Công ty TNHH thương mại dịch vụ Nam Thái 4 năm."
    )
    _, offs = officials(nlp, text)
    assert offs["Lâm Văn Tài"].body == "Công ty TNHH sản xuất thương mại Hoàng Phát"
    assert offs["Đỗ Minh Quý"].body == "Công ty TNHH thương mại dịch vụ Nam Thái"


def test_province_alone_elliptical_police_and_party_secretary_from_context(nlp):
    text = (
        "Ông Lê Văn Thọ, Phó chủ tịch Thừa Thiên – Huế, cho rằng việc này đúng. Công an TP Đông Hà đã "
        "báo cáo; "
        "ông Trần Văn Bảy - Trưởng công an TP, nhận trách nhiệm. Ông Hà Văn Sáu, Bí thư Đảng ủy xã Hoằng Quý "
        "cho biết có Phó bí thư Ngô Văn Tư đi cùng. Ông Phan Văn Chín bị cách chức Bí thư phường. "
        "Đảng ủy phường Đông Lễ đã họp."
    )
    _, offs = officials(nlp, text)
    assert offs["Lê Văn Thọ"].body == "Ủy ban nhân dân tỉnh Thừa Thiên – Huế"
    assert (offs["Trần Văn Bảy"].title, offs["Trần Văn Bảy"].body) == ("Trưởng", "Công an thành phố Đông Hà")
    assert offs["Ngô Văn Tư"].body == "Đảng ủy xã Hoằng Quý"
    assert offs["Phan Văn Chín"].body == "Đảng ủy phường Đông Lễ"


def test_pair_before_a_bracketed_role_and_one_syllable_name(nlp):
    text = (
        "Công an tỉnh làm rõ sai phạm của Lê Văn Hai và Phùng Văn Ba (nguyên chủ tịch UBND và HĐND xã "
        "Phú Mỹ). "
        "Ông Tâm, cán bộ nhà trường cho biết đã báo cáo."
    )
    _, offs = officials(nlp, text)
    assert offs["Lê Văn Hai"].body == offs["Phùng Văn Ba"].body == "Ủy ban nhân dân xã Phú Mỹ"
    assert offs["Tâm"].title == "cán bộ"


def test_respective_roles_in_brackets_are_not_shared(nlp):
    text = (
        "Những người liên quan là Trần Văn Một, Trần Văn Hai và Trần Văn Ba (cán bộ địa chính, thống kê "
        "và trưởng khu dân cư phường Phù Liễn) đã bị bắt."
    )
    _, offs = officials(nlp, text)
    assert "Trần Văn Hai" not in offs


def test_degree_before_a_role_and_shorthand_units(nlp):
    text = (
        "Tiến sĩ Ngô Thanh Bình, Giám đốc Bệnh viện Nhi trung ương, cho rằng cần tự chủ. "
        "Theo ông Đào Huy Lâm, Vụ trưởng Kế hoạch - Tài chính (Bộ Y tế), việc này tốt. "
        "Cục trưởng Cục Thú y (Bộ Nông nghiệp) -TS Lý Văn Khoa cho biết. "
        "Hội nghị Bộ trưởng Ngoại giao ASEAN khai mạc."
    )
    doc, offs = officials(nlp, text)
    o = offs["Ngô Thanh Bình"]
    assert (o.title, o.body) == ("Giám đốc", "Bệnh viện Nhi trung ương")
    assert offs["Đào Huy Lâm"].body == "Vụ Kế hoạch - Tài chính"
    assert (offs["Lý Văn Khoa"].title, offs["Lý Văn Khoa"].body) == ("Cục trưởng", "Cục Thú y")
    assert "Bộ Ngoại giao" not in {b.name for b in doc._.bodies}  # no minister named: no ministry implied


def test_aliases_nicknames_brand_brackets_and_korean_names(nlp):
    text = (
        "Riêng Trần Văn Mười (tức Trần Văn Mươi) nhân viên Công ty Hưng Long được hưởng án treo. "
        "Lý Thanh Sơn (Sơn \"râu\"), nguyên sĩ quan Cục tình báo - Bộ Công an bị phạt 20 năm. "
        "Nguyên Phó Giám đốc Vinafood (chi nhánh tại TP.HCM) Đặng Thị Lụa bị phạt 5 năm. "
        "Tòa xử cựu tổng thống Hàn Quốc Park Min-ji hôm qua."
    )
    _, offs = officials(nlp, text)
    assert offs["Trần Văn Mười"].body == "Công ty Hưng Long" and "Trần Văn Mươi" not in offs
    assert (offs["Lý Thanh Sơn"].title, offs["Lý Thanh Sơn"].body) == ("sĩ quan", "Cục tình báo")
    assert offs["Đặng Thị Lụa"].body == "Vinafood"
    assert offs["Park Min-ji"].title == "tổng thống" and "Hàn Quốc Park Min" not in offs


def test_delegates_deputies_with_thuong_truc_and_dash_before_name(nlp):
    text = (
        "Theo đại biểu Lê Minh Hòa (Ninh Bình), cần một giấy. Phó Chủ tịch thường trực UBND TP HCM "
        "Nguyễn Văn Năm đi thị sát. Bí thư Tỉnh ủy Sóc Trăng – Trần Văn Sáu ký công văn. "
        "Phó chi cục Thú y TP HCM Phan Văn Bảy thừa nhận."
    )
    _, offs = officials(nlp, text)
    assert offs["Lê Minh Hòa"].title == "đại biểu"
    assert offs["Nguyễn Văn Năm"].title == "Phó Chủ tịch thường trực"
    assert offs["Trần Văn Sáu"].body == "Tỉnh ủy Sóc Trăng"
    assert offs["Phan Văn Bảy"].body == "Chi cục Thú y thành phố Hồ Chí Minh"


def test_copula_list_with_lowercase_unit_and_degree_with_field(nlp):
    text = (
        "Ông Hồ Văn Lợi hiện là Phó chủ tịch UBND huyện Tân Phú. Tất cả bị đổ cho ông Lưu Văn Đức là... "
        "nhân viên bảo vệ. Các bị cáo gồm: Mai Văn Tám - Giám đốc, Chu Văn Chín - Phó phòng Tổng hợp và "
        "thủ kho Lâm Văn Mười của Xí nghiệp Lương thực Tây Ninh. Giáo sư sử học Trần Quốc Thái bức xúc. "
        "Luật sư Phan Trung Hiếu bào chữa; ông Võ Văn Hải - Trưởng phòng Thông tin quảng cáo làm trưởng khoa."
    )
    _, offs = officials(nlp, text)
    o = offs["Hồ Văn Lợi"]
    assert (o.title, o.body) == ("Phó chủ tịch", "Ủy ban nhân dân huyện Tân Phú")
    assert offs["Lưu Văn Đức"].title == "nhân viên"
    assert offs["Mai Văn Tám"].body == "Xí nghiệp Lương thực Tây Ninh"
    assert offs["Trần Quốc Thái"].title == "Giáo sư"
    assert offs["Phan Trung Hiếu"].title == "Luật sư"  # "Phan" is also a commune: still a person
    assert offs["Võ Văn Hải"].body == "Phòng Thông tin quảng cáo"
