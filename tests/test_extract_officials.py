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
    # one role each, in order; the elliptical "thống kê" takes the head of the first role
    assert [offs[n].title for n in ("Trần Văn Một", "Trần Văn Hai", "Trần Văn Ba")] == [
        "cán bộ địa chính",
        "cán bộ thống kê",
        "trưởng khu dân cư",
    ]


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


def test_plural_title_lists_each_person(nlp):
    text = (
        "Hiện UBND thị xã có Chủ tịch Đinh Công Lâm và 3 Phó chủ tịch Hà Văn Tú, Lục Thị Mai, Vi Đức Hòa. "
        "Cục có Cục trưởng Quách Văn Nam và hai Cục phó là Kiều Minh Sơn, Lò Thị Hạnh."
    )
    _, offs = officials(nlp, text)
    for name in ("Hà Văn Tú", "Lục Thị Mai", "Vi Đức Hòa"):
        assert offs[name].title == "Phó chủ tịch"
    assert offs["Kiều Minh Sơn"].title == offs["Lò Thị Hạnh"].title == "Cục phó"
    # a bare name list without a plural title is not a list of officials
    _, offs = officials(nlp, "Chủ tịch Đinh Công Lâm, Hà Văn Tú, Lục Thị Mai cùng dự họp.")
    assert set(offs) == {"Đinh Công Lâm"}


def test_respective_roles_in_one_bracket(nlp):
    text = (
        "Đoàn kiểm tra đề nghị kỷ luật Đàm Văn Phúc, Khổng Thị Yến và Lại Quốc Bảo (cán bộ địa chính, "
        "văn phòng và trưởng thôn). Ông Ninh Văn Lộc và bà Tạ Thị Hoa (trưởng và phó phòng kế toán tài vụ) "
        "cũng bị kiểm điểm."
    )
    _, offs = officials(nlp, text)
    assert offs["Đàm Văn Phúc"].title == "cán bộ địa chính"
    assert offs["Khổng Thị Yến"].title == "cán bộ văn phòng"
    assert offs["Lại Quốc Bảo"].title == "trưởng thôn"
    assert (offs["Ninh Văn Lộc"].title, offs["Tạ Thị Hoa"].title) == ("trưởng", "phó phòng")
    assert offs["Ninh Văn Lộc"].body == offs["Tạ Thị Hoa"].body


def test_role_later_in_an_aside_after_birth_year_or_age(nlp):
    text = (
        "Hai bị cáo Mạc Văn Tuân (sinh 1970, nguyên giám đốc Công ty TNHH Tân Phát) và Chu Đình Khoa "
        "(SN 1965, nguyên kế toán trưởng Công ty TNHH Hòa Bình) bị đề nghị mức án 7 năm tù. Bị can Lưu Văn "
        "Quý, 58 tuổi nguyên phó giám đốc Xí nghiệp Cơ khí 3, được tại ngoại. Hoàng Diệu (61 tuổi, nguyên "
        "trưởng phòng kế hoạch) cũng bị truy tố."
    )
    _, offs = officials(nlp, text)
    assert (offs["Mạc Văn Tuân"].title, offs["Mạc Văn Tuân"].body) == ("giám đốc", "Công ty TNHH Tân Phát")
    assert offs["Chu Đình Khoa"].title == "kế toán trưởng"
    assert offs["Lưu Văn Quý"].title == "phó giám đốc"
    assert offs["Hoàng Diệu"].title == "trưởng phòng"  # a name that is also a street, told by the age


def test_ministry_named_by_its_field_alone(nlp):
    text = (
        "Bộ trưởng Nông nghiệp Đào Xuân Cường yêu cầu các tỉnh báo cáo. Thứ trưởng Văn hoá Trịnh Minh Tâm "
        "và Bộ trưởng Tài nguyên Môi trường Khúc Văn Lợi cùng dự."
    )
    _, offs = officials(nlp, text)
    assert offs["Đào Xuân Cường"].body == "Bộ Nông nghiệp"
    assert offs["Trịnh Minh Tâm"].body == "Bộ Văn hoá"
    assert offs["Khúc Văn Lợi"].body == "Bộ Tài nguyên Môi trường"


def test_body_by_its_head_alone_or_with_its_parent_before_the_name(nlp):
    text = (
        "Theo Chủ tịch Hội Lương Văn Cừ, hội sẽ mở lớp. Chủ nhiệm Ủy ban Kinh tế của Quốc hội Vũ Hồng Thanh "
        "cho biết thêm. Tổng giám đốc Sun Group Đặng Minh Trường và CEO Phan Quốc Bảo có mặt."
    )
    _, offs = officials(nlp, text)
    assert (offs["Lương Văn Cừ"].title, offs["Lương Văn Cừ"].body) == ("Chủ tịch", "Hội")
    assert offs["Vũ Hồng Thanh"].body.startswith("Ủy ban Kinh tế")
    assert offs["Đặng Minh Trường"].body == "Sun Group"
    assert offs["Phan Quốc Bảo"].title == "CEO"


def test_alternate_member_of_the_central_committee(nlp):
    text = "Anh Bế Quốc Huy - Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng phát biểu tại lễ khai mạc."
    _, offs = officials(nlp, text)
    o = offs["Bế Quốc Huy"]
    assert (o.title, o.body) == ("Ủy viên dự khuyết", "Ban Chấp hành Trung ương Đảng")


def test_ambassador_of_a_country_at_a_place(nlp):
    text = (
        "Đại sứ Việt Nam tại Nhật Bản Vũ Hồng Nam tiếp đoàn. "
        "Đại sứ Anh tại Liên Hợp Quốc Karen Pierce nói."
    )
    _, offs = officials(nlp, text)
    assert offs["Vũ Hồng Nam"].title == "Đại sứ"
    assert offs["Karen Pierce"].title == "Đại sứ"


def test_plural_title_with_names_and_birth_years(nlp):
    text = "Hai cán bộ thuế tên Mẫn Văn Tài, sinh năm 1972 và Âu Thị Liên, sinh năm 1980 bị bắt."
    _, offs = officials(nlp, text)
    assert offs["Mẫn Văn Tài"].title == offs["Âu Thị Liên"].title
    assert offs["Âu Thị Liên"].title.startswith("cán bộ")


def test_respective_roles_after_la_or_a_comma(nlp):
    text = (
        "Các bị cáo Tôn Thất Hải, Quan Văn Bình là trưởng phòng và phó trưởng phòng Tài chính huyện "
        "Đông Anh. "
        "Hai người bị bắt là Lạc Văn Hùng và Tiêu Thị Mai, giám đốc và kế toán trưởng Công ty TNHH Minh Phát."
    )
    _, offs = officials(nlp, text)
    assert (offs["Tôn Thất Hải"].title, offs["Quan Văn Bình"].title) == ("trưởng phòng", "phó trưởng phòng")
    assert offs["Tôn Thất Hải"].body == offs["Quan Văn Bình"].body == "Phòng Tài chính huyện Đông Anh"
    assert (offs["Lạc Văn Hùng"].title, offs["Tiêu Thị Mai"].title) == ("giám đốc", "kế toán trưởng")
    assert offs["Lạc Văn Hùng"].body == "Công ty TNHH Minh Phát"


def test_two_bodies_or_a_bracketed_abbreviation_before_the_name(nlp):
    text = (
        "Phó Chủ nhiệm Ủy ban Pháp luật của Quốc hội Hứa Minh Khôi phát biểu. Nguyên Phó Thống đốc "
        "Ngân hàng Nhà nước (NHNN) Giang Văn Lợi bị xét xử. Giám đốc Cơ quan tình báo Trung ương Mỹ (CIA) "
        "Gina Haspel có mặt."
    )
    _, offs = officials(nlp, text)
    assert offs["Hứa Minh Khôi"].title == "Phó Chủ nhiệm"
    assert offs["Hứa Minh Khôi"].body.startswith("Ủy ban Pháp luật")
    o = offs["Giang Văn Lợi"]
    assert (o.title, o.body) == ("Phó Thống đốc", "Ngân hàng Nhà nước")
    assert offs["Gina Haspel"].title == "Giám đốc"


def test_more_roles_and_ranks_from_the_lexicon(nlp):
    text = (
        "Bị can Giáp Văn Tùng (chuyên viên phòng kinh tế) bị khởi tố. Thượng sỹ Phùng Văn Lộc đã cứu hai "
        "người. HLV Kiều Trọng Tuấn và trọng tài Mạc Hồng Quân bị triệu tập. ĐB Hầu Thị Hồng (Hà Giang) "
        "đề nghị sửa luật. Tỉnh ủy điều động ông Tạ Đình Phong thôi giữ chức phó bí thư Huyện ủy Mê Linh."
    )
    _, offs = officials(nlp, text)
    assert offs["Giáp Văn Tùng"].title == "chuyên viên"
    assert offs["Phùng Văn Lộc"].title == "Thượng sỹ"
    assert offs["Kiều Trọng Tuấn"].title == "HLV"
    assert offs["Mạc Hồng Quân"].title == "trọng tài"
    assert offs["Hầu Thị Hồng"].title == "ĐB"
    assert (offs["Tạ Đình Phong"].title, offs["Tạ Đình Phong"].body) == ("phó bí thư", "Huyện ủy Mê Linh")


def test_units_named_by_a_lowercase_field(nlp):
    text = (
        "Trưởng phòng Giám định bồi thường Lục Minh Khang đã nộp lại tiền. Chủ nhiệm Ủy ban pháp luật Lò "
        "Văn Dũng phát biểu. Bà Kha Thị Yến, Trưởng cơ quan thi hành án tỉnh Đồng Nai, làm tổ trưởng."
    )
    _, offs = officials(nlp, text)
    assert offs["Lục Minh Khang"].body == "Phòng Giám định bồi thường"
    assert offs["Kha Thị Yến"].body == "Cơ quan thi hành án tỉnh Đồng Nai"
    assert offs["Lò Văn Dũng"].body == "Ủy ban pháp luật"


def test_country_between_title_and_foreign_name(nlp):
    text = (
        "Thủ tướng Canada Justin Trudeau và Ngoại trưởng Iran Javad Zarif điện đàm. Tổng thống Philippines "
        "Rodrigo Duterte chưa bình luận. Phó chủ tịch Quốc hội Tòng Thị Phóng dự lễ."
    )
    _, offs = officials(nlp, text)
    assert offs["Justin Trudeau"].title == "Thủ tướng"
    assert offs["Javad Zarif"].title == "Ngoại trưởng"
    assert offs["Rodrigo Duterte"].title == "Tổng thống"
    assert (offs["Tòng Thị Phóng"].title, offs["Tòng Thị Phóng"].body) == ("Phó chủ tịch", "Quốc hội")
    assert not any(name.startswith(("Canada", "Iran", "Philippines")) for name in offs)


def test_pair_sharing_one_bracketed_role_after_another_item(nlp):
    text = (
        "Bị truy tố gồm Đặng Văn Hòa (nguyên Chủ tịch UBND xã Tân Lập), Mai Hữu Bình và Lưu Văn Siêu "
        "(nguyên cán bộ địa chính xã Tân Lập); Khúc Văn Nhất, Hầu Văn Tư (nguyên phó giám đốc Công ty TNHH "
        "Hải Long). Lã Văn Dũng (nguyên phó công an phường 7) được tại ngoại."
    )
    _, offs = officials(nlp, text)
    assert offs["Mai Hữu Bình"].title == offs["Lưu Văn Siêu"].title == "cán bộ địa chính"
    assert offs["Khúc Văn Nhất"].body == offs["Hầu Văn Tư"].body == "Công ty TNHH Hải Long"
    assert offs["Lã Văn Dũng"].body == "Công an phường 7"


def test_short_reference_given_a_role_by_a_copula(nlp):
    text = "Người bị bắt là Lê Hữu Tâm. Tâm là phó giám đốc Công ty Xây lắp Hòa Bình. Bị cáo Lý Văn Hạ khai."
    _, offs = officials(nlp, text)
    assert (offs["Lê Hữu Tâm"].title, offs["Lê Hữu Tâm"].body) == ("phó giám đốc", "Công ty Xây lắp Hòa Bình")
    assert "Lý Văn Hạ" not in offs


def test_bodies_resolved_from_the_text(nlp):
    text = (
        "Tổng công ty Xây dựng Thăng Long (TLG) và UBND tỉnh Đồng Nai làm việc. Phó tổng giám đốc TLG "
        "Tạ Minh Đức cho biết. Giám đốc Công an tỉnh Lý Văn Toàn và Khổng Văn Bình (Trưởng phòng Tư pháp "
        "huyện) cùng dự. Cán bộ phòng Tài nguyên và Môi trường huyện Vĩnh Cửu có mặt; ông Mạc Văn Hòa - "
        "Phó phòng bị cảnh cáo. Bí thư T.Ư Đoàn Lê Quốc Bảo phát biểu."
    )
    _, offs = officials(nlp, text)
    assert offs["Tạ Minh Đức"].body == "Tổng công ty Xây dựng Thăng Long"
    assert offs["Lý Văn Toàn"].body == "Công an tỉnh Đồng Nai"
    assert offs["Khổng Văn Bình"].title == "Trưởng phòng"  # its own role, not the director's before "và"
    assert offs["Mạc Văn Hòa"].body == "Phòng Tài nguyên và Môi trường huyện Vĩnh Cửu"
    assert offs["Lê Quốc Bảo"].body == "Trung ương Đoàn"


def test_quantity_in_brackets_is_no_alias(nlp):
    text = "Được chia đất có vợ ông là Lò Thị Hạnh (gần 16 ha), Giám đốc Sở Y tế Kim Văn Hùng (2 ha)."
    _, offs = officials(nlp, text)
    assert "Lò Thị Hạnh" not in offs
    assert offs["Kim Văn Hùng"].title == "Giám đốc"


def test_next_person_in_a_list_keeps_its_own_role(nlp):
    text = (
        "Khởi tố bà Âu Thị Liên, Giám đốc Công ty TNHH Quang Trung và Lục Văn Quang, nhân viên lắp ráp của "
        "Công ty Linkton. Tòa phạt Hà Minh Hùng nguyên Chủ tịch HĐQT Công ty Dược Nam Hà và Vi Mạnh Cường - "
        "Giám đốc Công ty TNHH H&C."
    )
    _, offs = officials(nlp, text)
    assert offs["Âu Thị Liên"].title == "Giám đốc"
    assert offs["Lục Văn Quang"].title.startswith("nhân viên")
    assert offs["Hà Minh Hùng"].title == "Chủ tịch HĐQT"
    assert offs["Vi Mạnh Cường"].title == "Giám đốc"
