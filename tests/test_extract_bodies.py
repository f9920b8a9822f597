"""Bodies: canonical names, abbreviations expanded, places kept, mentions merged, companies left out."""

from __future__ import annotations

import pytest

from newsmine.extract.lexicon import fold
from newsmine.extract.pipeline import build_pipeline, clean_text, make_doc

SUBSET = (("newsmine.extract.bodies", "newsmine_bodies"),)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=SUBSET)


def bodies(nlp, text):
    doc = make_doc(clean_text(text), nlp=nlp)
    return doc, {b.name: b for b in doc._.bodies}


def test_abbreviations_expanded_and_merged(nlp):
    text = (
        "Cục Thi hành án dân sự (THADS) tỉnh Nam Định đã phối hợp với TAND tỉnh Nam Định. "
        "Sau đó, Cục THADS tỉnh Nam Định báo cáo TAND Nam Định và VKSND tối cao."
    )
    doc, b = bodies(nlp, text)
    assert set(b) == {
        "Cục Thi hành án dân sự tỉnh Nam Định",
        "Tòa án nhân dân tỉnh Nam Định",
        "Viện kiểm sát nhân dân tối cao",
    }
    assert len(b["Cục Thi hành án dân sự tỉnh Nam Định"].mentions) == 2
    assert [doc.text[x:y] for x, y in b["Tòa án nhân dân tỉnh Nam Định"].mentions] == [
        "TAND tỉnh Nam Định",
        "TAND Nam Định",
    ]


def test_name_stops_at_person_and_place(nlp):
    _, b = bodies(
        nlp, "Thứ trưởng Bộ Tư pháp Phan Chí Hiếu làm việc với Sở Tư pháp Hà Nội về Vụ Thi đua - Khen thưởng."
    )
    assert set(b) == {"Bộ Tư pháp", "Sở Tư pháp Hà Nội", "Vụ Thi đua - Khen thưởng"}


def test_units_with_parent_and_police(nlp):
    text = "Đội CSĐT Công an huyện Gia Lâm đã bàn giao vụ việc cho Công an TP. Hà Nội."
    _, b = bodies(nlp, text)
    assert "Đội Cảnh sát điều tra Công an huyện Gia Lâm" in b
    assert "Công an huyện Gia Lâm" in b
    assert "Công an thành phố Hà Nội" in b


def test_companies_and_generic_references_excluded(nlp):
    text = (
        "Công ty TNHH Minh Phát bị cơ quan chức năng kiểm tra; các đơn vị liên quan và HTX Tân Tiến "
        "đã nộp phạt theo yêu cầu của UBND xã Phú Mỹ."
    )
    doc, b = bodies(nlp, text)
    assert set(b) == {"Ủy ban nhân dân xã Phú Mỹ"}
    orgs = [o.name for o in doc.user_data["newsmine_orgs"] if o.kind == "company"]
    assert "Công ty TNHH Minh Phát" in orgs  # company abbreviations stay as written


def test_elliptical_reference_resolves(nlp):
    text = "UBND phường Tân Định đã họp. Chủ tịch UBND phường cho biết sẽ xử lý."
    doc, b = bodies(nlp, text)
    assert list(b) == ["Ủy ban nhân dân phường Tân Định"]
    assert len(b["Ủy ban nhân dân phường Tân Định"].mentions) == 2


def test_old_tone_placement_and_nfd(nlp):
    import unicodedata

    text = unicodedata.normalize("NFD", "Toà án nhân dân tỉnh Hoà Bình xét xử vụ án.")
    doc, b = bodies(nlp, text)
    assert [fold(n) for n in b] == ["toa an nhan dan tinh hoa binh"]
    ((a, z),) = next(iter(b.values())).mentions
    assert doc.text[a:z] == unicodedata.normalize("NFC", "Toà án nhân dân tỉnh Hoà Bình")


def test_dev_bodies(nlp, shared_dir):
    text = next((shared_dir / "seed").glob("*.txt")).read_text(encoding="utf-8")
    _, b = bodies(nlp, text)
    for name in (
        "Sở Tư pháp",
        "Bộ Tư pháp",
        "Cục Thi hành án dân sự",
        "Tổng cục Thi hành án dân sự",
        "Vụ Thi đua - Khen thưởng",
    ):
        assert name in b
    assert len(b) == 5


def test_places_and_countries_are_not_bodies(nlp):
    text = (
        "Hai thanh niên ở xã Trường Bình bị đưa sang Đài Loan, rồi Tây Ban Nha; "
        "Công an huyện Cần Đước đã vào cuộc theo chỉ đạo của Bộ luật Hình sự."
    )
    _, b = bodies(nlp, text)
    assert set(b) == {"Công an huyện Cần Đước"}


def test_unit_of_a_body_after_cua_is_listed_apart(nlp):
    _, names = bodies(
        nlp, "Ông Lê Văn Tín (Phòng Tổ chức cán bộ của Sở Y tế tỉnh Hà Giang) đã ký quyết định."
    )
    assert "Phòng Tổ chức cán bộ" in names
    assert "Sở Y tế tỉnh Hà Giang" in names
    assert not any(" của " in n for n in names)


def test_abbreviation_defined_in_the_text_extends_the_name_and_is_resolved(nlp):
    text = (
        "Theo Ủy ban Quốc gia ứng phó sự cố (UBQGUPSC), năm nay có nhiều vụ tai nạn. "
        "Đại diện UBQGUPSC đề nghị các tỉnh ven biển tăng cường trực ban."
    )
    doc, b = bodies(nlp, text)
    assert "Ủy ban Quốc gia ứng phó sự cố" in b
    assert [doc.text[x:y] for x, y in b["Ủy ban Quốc gia ứng phó sự cố"].mentions][-1] == "UBQGUPSC"
    assert "Ủy ban Quốc gia" not in b


def test_spellings_with_and_without_va_merge_and_bare_head_keeps_its_own_procuracy(nlp):
    text = (
        "Sở Kế hoạch và Đầu tư sẽ hợp nhất với Sở Tài chính; trước đó Sở Kế hoạch Đầu tư đã báo cáo. "
        "Công an đề nghị VKS phê chuẩn, còn phải chờ ý kiến của VKSND Tối cao."
    )
    _, b = bodies(nlp, text)
    assert len([k for k in b if k.startswith("Sở Kế hoạch")]) == 1
    assert "Viện kiểm sát" in b and "Viện kiểm sát nhân dân Tối cao" in b


def test_unit_named_by_its_parent_alone_lists_the_parent_too(nlp):
    _, b = bodies(nlp, "Cơ quan điều tra Công an tỉnh Tây Ninh đã khởi tố vụ án.")
    assert set(b) == {"Cơ quan điều tra Công an tỉnh Tây Ninh", "Công an tỉnh Tây Ninh"}


def test_company_and_school_names_that_look_like_persons_or_places(nlp):
    text = (
        "Công ty TNHH thương mại dịch vụ Minh Khang bị xử phạt 4 năm liền. "
        "Trường Tiểu học Lê Văn Tám và trường THCS Hòa Bình 2 được sửa chữa."
    )
    doc, b = bodies(nlp, text)
    orgs = [o.name for o in doc.user_data["newsmine_orgs"]]
    assert "Công ty TNHH thương mại dịch vụ Minh Khang" in orgs  # a company: used by officials, not listed
    assert "Trường Tiểu học Lê Văn Tám" in b and "Trường THCS Hòa Bình 2" in b
    assert not any(k.startswith("Công ty") for k in b)


def test_lowercase_name_up_to_its_place_and_a_verb_does_not_extend(nlp):
    doc, b = bodies(nlp, "Công ty Điện báo điện thoại Gia Lai ký hợp đồng. Sở Y tế kiểm tra huyện Chư Sê.")
    orgs = [o.name for o in doc.user_data["newsmine_orgs"]]
    assert "Công ty Điện báo điện thoại Gia Lai" in orgs
    assert "Sở Y tế" in b


def test_shared_qualifier_province_alone_and_generic_levels(nlp):
    text = (
        "Nguyên chủ tịch UBND và HĐND xã Tân Lập bị khởi tố. Tỉnh ủy Thừa Thiên - Huế đề nghị Thanh tra tỉnh "
        "vào cuộc. UBND cấp tỉnh sẽ cấp giấy."
    )
    _, b = bodies(nlp, text)
    assert "Ủy ban nhân dân xã Tân Lập" in b and "Hội đồng nhân dân xã Tân Lập" in b
    assert "Tỉnh ủy Thừa Thiên - Huế" in b
    assert "Thanh tra tỉnh Thừa Thiên - Huế" in b
    assert "Ủy ban nhân dân" not in b


def test_bare_head_joins_the_nearest_named_one_and_closed_heads_take_no_name(nlp):
    text = (
        "UBND TP Đà Nẵng giao UBND quận Sơn Trà xử lý. Phía UBND đang theo dõi. "
        "Người phát ngôn Nhà Trắng Sarah Lee nói Liên Hợp Quốc Mary Brown không dự."
    )
    _, b = bodies(nlp, text)
    assert "Ủy ban nhân dân" not in b
    assert "Nhà Trắng" in b and "Liên Hợp Quốc" in b


def test_numbered_units_party_committee_of_an_office_and_youth_union(nlp):
    text = (
        "Sư đoàn 968 và Quận đoàn 3 tham gia. Đảng ủy Văn phòng Tỉnh ủy gửi Đảng ủy khối các cơ quan "
        "xem xét. "
        "Cán bộ hải quan tỉnh BR - VT cũng có mặt."
    )
    _, b = bodies(nlp, text)
    assert {"Sư đoàn 968", "Quận đoàn 3", "Đảng ủy Văn phòng Tỉnh ủy", "Đảng ủy khối các cơ quan"} <= set(b)
    assert "Hải quan tỉnh Bà Rịa - Vũng Tàu" in b  # lowercase head with a level and place; "BR - VT" expanded


def test_person_whose_family_name_is_a_head_is_no_body(nlp):
    _, b = bodies(nlp, "Ba cục phó là Đoàn Văn Tiến, Đoàn Thị Hương. Đoàn Thanh niên phường Tân Định dự lễ.")
    assert not any(name.startswith("Đoàn Văn") or name.startswith("Đoàn Thị") for name in b)
    assert any(name.startswith("Đoàn Thanh niên") for name in b)


def test_central_committee_of_the_party(nlp):
    _, b = bodies(nlp, "Ban Chấp hành Trung ương Đảng họp Hội nghị lần thứ 8.")
    assert "Ban Chấp hành Trung ương Đảng" in b


def test_party_units_with_their_committee(nlp):
    text = (
        "Ban Thường vụ Huyện ủy Yên Thành đã họp. UBKT Tỉnh ủy Hà Tĩnh kết luận vụ việc. "
        "Uỷ ban thường vụ Quốc hội cho ý kiến; Ủy ban Kiểm tra Trung ương khóa XIII đề nghị kỷ luật."
    )
    _, b = bodies(nlp, text)
    assert "Ban Thường vụ Huyện ủy Yên Thành" in b and "Huyện ủy Yên Thành" in b
    assert "Ủy ban Kiểm tra Tỉnh ủy Hà Tĩnh" in b
    assert "Uỷ ban thường vụ Quốc hội" in b
    assert "Ủy ban Kiểm tra Trung ương" in b  # the term ("khóa XIII") is not part of the name


def test_police_of_a_province_and_national_names_with_a_place(nlp):
    text = (
        "Trước đó, công an Bình Định đã bắt giữ hai đối tượng. Ủy ban MTTQ Việt Nam tỉnh Gia Lai phát động "
        "quyên góp. Đại sứ quán Việt Nam tại Campuchia cử cán bộ hỗ trợ. "
        "Cơ quan tình báo Quốc gia Mỹ cho biết."
    )
    _, b = bodies(nlp, text)
    assert "Công an Bình Định" in b
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Gia Lai" in b
    assert "Đại sứ quán Việt Nam tại Campuchia" in b
    assert any(name.startswith("Cơ quan tình báo Quốc gia") for name in b)
    _, b = bodies(nlp, "Cơ quan công an đang điều tra; lực lượng công an xã đã có mặt.")
    assert not b


def test_department_of_the_government_inspectorate(nlp):
    _, b = bodies(nlp, "Vụ Pháp chế Thanh tra Chính phủ đã góp ý dự thảo.")
    assert "Vụ Pháp chế Thanh tra Chính phủ" in b


def test_lowercase_party_committee_and_company_units(nlp):
    text = (
        "Theo kết luận của Ủy ban kiểm tra tỉnh ủy Bình Phước, ông A sai phạm. Hai người chiếm đoạt tiền "
        "của Trung tâm dịch vụ vật tư thuộc Công ty Thương mại Hải Phòng."
    )
    _, b = bodies(nlp, text)
    assert "Tỉnh ủy Bình Phước" in b
    assert any(name.startswith("Ủy ban kiểm tra") and name.endswith("Bình Phước") for name in b)
    assert not any(name.startswith("Trung tâm") for name in b)


def test_international_organisations_as_written_and_acronym_aliases(nlp):
    text = (
        "Tổ chức Y tế Thế giới (WHO) khuyến cáo các nước tăng cường phòng dịch. Theo WHO, NATO và EU "
        "cùng Interpol đã phối hợp, LHQ hoan nghênh. Bác sĩ Who không liên quan."
    )
    doc, b = bodies(nlp, text)
    assert set(b) == {"Tổ chức Y tế Thế giới", "NATO", "EU", "Interpol", "Liên Hợp Quốc"}
    assert [doc.text[x:y] for x, y in b["Tổ chức Y tế Thế giới"].mentions] == [
        "Tổ chức Y tế Thế giới",
        "WHO",
        "WHO",
    ]


def test_lowercase_embassy_named_by_its_country(nlp):
    _, b = bodies(nlp, "Anh Tuấn liên hệ lãnh sự quán Việt Nam tại Osaka, sau đó đến đại sứ quán để hỏi.")
    assert set(b) == {"Lãnh sự quán Việt Nam tại Osaka"}


def test_numbered_inspection_team_but_not_a_team_of_a_ministry(nlp):
    _, b = bodies(nlp, "Đoàn thanh tra 939 tỉnh Đồng Nai đã kết luận. Đoàn thanh tra Bộ Y tế cũng vào cuộc.")
    assert set(b) == {"Đoàn thanh tra 939 tỉnh Đồng Nai", "Bộ Y tế"}


def test_reporting_verb_ends_a_lowercase_name(nlp):
    _, b = bodies(nlp, "Ban chỉ đạo quốc gia đề nghị các tỉnh khẩn trương triển khai các biện pháp.")
    assert set(b) == {"Ban chỉ đạo quốc gia"}


def test_school_names_stop_at_a_conjunction(nlp):
    text = "Học sinh Trường THPT Dân tộc nội trú Gia Lai và Trường THCS Lê Lợi và phụ huynh dự lễ."
    _, b = bodies(nlp, text)
    assert set(b) == {"Trường THPT Dân tộc nội trú Gia Lai", "Trường THCS Lê Lợi"}


def test_school_names_with_abbreviated_heads_and_places(nlp):
    text = (
        "Sinh viên Trường ĐH Bách khoa Hà Nội, Trường CĐ Sư phạm Trung ương, Học viện An ninh nhân dân "
        "phối hợp với Trường THPT chuyên Lê Quý Đôn Đà Nẵng."
    )
    _, b = bodies(nlp, text)
    assert set(b) == {
        "Trường Đại học Bách khoa Hà Nội",
        "Trường Cao đẳng Sư phạm Trung ương",
        "Học viện An ninh nhân dân",
        "Trường THPT chuyên Lê Quý Đôn Đà Nẵng",
    }


def test_short_unit_name_merges_into_the_full_one(nlp):
    text = (
        "Phòng Tài nguyên và Môi trường huyện Đông Anh đã kiểm tra. Sau đó, Phòng Tài nguyên lập biên bản; "
        "cán bộ Phòng Tài nguyên huyện Đông Anh ký. Viện kiểm sát nhân dân tối cao và VKSND tỉnh Hà Nam họp."
    )
    _, b = bodies(nlp, text)
    assert set(b) == {
        "Phòng Tài nguyên và Môi trường huyện Đông Anh",
        "Viện kiểm sát nhân dân tối cao",
        "Viện kiểm sát nhân dân tỉnh Hà Nam",
    }
    assert len(b["Phòng Tài nguyên và Môi trường huyện Đông Anh"].mentions) == 3
