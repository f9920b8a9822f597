"""Places component: gazetteer names with level words, bare names guarded by context, body spans skipped."""

from __future__ import annotations

import json

import pytest

from newsmine.extract.pipeline import build_pipeline, make_doc
from newsmine.extract.textnorm import tone_new

PLACES_ONLY = (
    ("newsmine.extract.campaigns", "newsmine_campaigns"),
    ("newsmine.extract.places", "newsmine_places"),
)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=PLACES_ONLY)


def places(nlp, text):
    doc = make_doc(text, None, nlp)
    return {e.name: e for e in doc._.places}, doc


def test_provinces_districts_communes_with_level_words(nlp):
    found, doc = places(nlp, "Ngày 3/5, ông Lê Văn Tám (ngụ xã Tân Thông Hội, huyện Củ Chi, TP.HCM) bị bắt "
                             "khi đang vận chuyển hàng lậu từ tỉnh Sơn La về quận 1.")
    assert set(found) == {"Tân Thông Hội", "Củ Chi", "TP.HCM", "Sơn La", "Quận 1"}
    assert found["Củ Chi"].type == "huyen" and found["Tân Thông Hội"].type == "xa"
    assert found["Sơn La"].type == "tinh" and found["Sơn La"].id == "14"
    start, end = found["Củ Chi"].mentions[0]
    assert doc.text[start:end] == "huyện Củ Chi"


@pytest.mark.parametrize("spelling", ["TP.HCM", "TPHCM", "TP HCM", "TP. Hồ Chí Minh", "thành phố Hồ Chí Minh",
                                      "Tp.HCM"])
def test_ho_chi_minh_city_spellings_share_one_entity(nlp, spelling):
    found, _ = places(nlp, f"Đoàn công tác đã đến {spelling} để làm việc.")
    assert list(found) == ["TP.HCM"]


def test_bare_person_name_and_phrases_are_not_places(nlp):
    found, _ = places(nlp, "Bị cáo Nguyễn Thái Bình khai rằng muốn hòa bình với hàng xóm; ông Đức và anh Nam "
                           "cùng học tư tưởng Hồ Chí Minh ở Thái Bình Dương.")
    assert found == {}


def test_place_inside_body_name_is_skipped_but_outside_kept(nlp):
    found, _ = places(nlp, "UBND phường Nghĩa Đô đã trả lời. TAND tỉnh Ninh Bình xét xử vụ án xảy ra "
                           "tại thị xã Tam Điệp (Ninh Bình).")
    assert set(found) == {"Tam Điệp", "Ninh Bình"}
    assert len(found["Ninh Bình"].mentions) == 1  # only the one outside the court's name


def test_countries_need_a_place_role(nlp):
    found, _ = places(nlp, "Một bác sĩ Mỹ sang Việt Nam làm việc; hàng hóa nhập từ Trung Quốc, Nga và Anh. "
                           "Anh Tuấn cho biết chị Nga đã về.")
    assert set(found) == {"Việt Nam", "Trung Quốc", "Nga", "Anh"}
    assert found["Anh"].type == "quoc-gia" and len(found["Anh"].mentions) == 1


def test_old_tone_marks_and_cooperative_names(nlp):
    found, _ = places(nlp, "Hợp tác xã Đoàn Kết ở tỉnh Hoà Bình vừa được khen thưởng.")
    assert list(found) == ["Hòa Bình"]


def test_gazetteer_and_merger_files_are_consistent():
    from newsmine.extract.places import GAZETTEER_DIR, load_gazetteer

    gaz = load_gazetteer()
    units = json.loads((GAZETTEER_DIR / "units.json").read_text(encoding="utf-8"))["units"]
    provinces = {tone_new(u["name"]) for u in units if u["level"] == "tinh"}
    assert len(provinces) == 63 and "hải phòng" in gaz.bare
    merged = json.loads((GAZETTEER_DIR / "mergers_2025.json").read_text(encoding="utf-8"))["new_provinces"]
    olds = [tone_new(o) for v in merged.values() for o in v]
    assert len(merged) == 34 and sorted(olds) == sorted(provinces)


def test_seed_article_places(nlp, shared_dir):
    text = next((shared_dir / "seed").glob("*.txt")).read_text(encoding="utf-8")
    found, _ = places(nlp, text)
    assert set(found) == {"Hải Phòng", "Sơn La"}  # "Việt Nam" there is inside a campaign name


def test_bare_districts_beside_their_province_and_company_names(nlp):
    found, _ = places(nlp, "Hồ sơ gửi về số 10 phố Thái Hà, Đống Đa, Hà Nội. Công ty Du lịch Việt Nam "
                           "tổ chức tour Bắc Hà (Lào Cai).")
    assert set(found) == {"Đống Đa", "Hà Nội", "Bắc Hà", "Lào Cai"}
    # without its province, a bare district name is not trusted
    found, _ = places(nlp, "Anh Bắc Hà và chị Đống Đa đã đến.")
    assert found == {}


def test_foreign_cities_and_listed_countries(nlp):
    found, _ = places(nlp, "Đoàn đã thăm Bắc Kinh và Tokyo; quan hệ giữa Nga và Mỹ; "
                           "báo New York Times đưa tin.")
    assert set(found) == {"Bắc Kinh", "Tokyo", "Nga", "Mỹ"}
    assert found["Tokyo"].type == "thanh-pho-nuoc-ngoai"


def test_abbreviated_level_words_only_before_known_names(nlp):
    found, _ = places(nlp, "Nhà số 74 Nghi Tàm, P.Yên Phụ, Q.Tây Hồ, Hà Nội; số 12, P.7, Q.1, TPHCM. "
                           "Anh P. Hà và chị Q. Lan đã ký.")
    assert set(found) == {"Yên Phụ", "Tây Hồ", "Hà Nội", "Phường 7", "Quận 1", "TP.HCM"}
    assert found["Quận 1"].id == "79-760"


def test_unit_names_beginning_with_an(nlp):
    found, _ = places(nlp, "Vụ cháy xảy ra tại xã An Hòa, huyện An Dương vào rạng sáng qua.")
    assert {"An Dương"} <= set(found)


def test_units_listed_after_one_level_word(nlp):
    found, _ = places(nlp, "Đợt này, các quận 3, 8, 10 và thị trấn Cai Lậy và An Hữu (Tiền Giang) được "
                           "ưu tiên cấp nước, còn quận 1, 3 triệu đồng mỗi hộ.")
    assert {"Quận 3", "Quận 8", "Quận 10", "Cai Lậy", "An Hữu", "Tiền Giang"} <= set(found)
    assert "Quận 1" not in found or len(found["Quận 1"].mentions) == 1


def test_ambiguous_country_acting_but_not_a_word_or_person(nlp):
    found, _ = places(nlp, "Khi Nga can thiệp, nhà tù do Pháp xây dựng đã bị bỏ hoang.")
    assert {"Nga", "Pháp"} <= set(found)
    found, _ = places(nlp, "Bà Nga cam kết trả nợ. Lớp do Anh văn Hội tổ chức. Anh cam kết sẽ về.")
    assert not ({"Nga", "Anh"} & set(found))


def test_countrys_law_and_battles_are_not_places(nlp):
    found, _ = places(nlp, "Hành vi vi phạm pháp luật Việt Nam. Lễ kỷ niệm chiến thắng Điện Biên Phủ "
                           "diễn ra.")
    assert not found


def test_unique_district_after_locative(nlp):
    found, _ = places(nlp, "Nhiều di tích ở Côn Đảo đang xuống cấp.")
    assert "Côn Đảo" in found


def test_country_in_brackets_and_place_names_starting_with_org_words(nlp):
    found, _ = places(nlp, "Phim được chiếu ở London (Anh) và Brussels (Bỉ).")
    assert {"London", "Anh", "Brussels", "Bỉ"} <= set(found)
    found, _ = places(nlp, "Thành phố cho phép Nhà Bè chuyển xã Hiệp Phước thành khu công nghiệp.")
    assert "Hiệp Phước" in found


def test_more_countries_and_cities_keep_the_spelling_the_text_uses(nlp):
    found, _ = places(nlp, "Phái đoàn đã đến Syria, Uruguay và Kazakhstan trước khi về Matxcơva.")
    assert {"Syria", "Uruguay", "Kazakhstan", "Matxcơva"} <= set(found)
    other, _ = places(nlp, "Cuộc họp diễn ra tại Moscow hôm qua.")
    assert other["Moscow"].id == found["Matxcơva"].id  # one place, however it is spelled


def test_foreign_units_after_level_words(nlp):
    found, _ = places(nlp, "Quân đội pháo kích tỉnh Idlib và thành phố Mar del Plata; cảnh sát hạt Hall, "
                           "bang Kentucky vào cuộc.")
    assert {"Idlib", "Mar del Plata", "Hall", "Kentucky"} <= set(found)
    none, _ = places(nlp, "Đoàn viên, thanh thiếu nhi TP. Trong Tháng Thanh niên có nhiều hoạt động.")
    assert none == {}  # "TP." ends the sentence: "Trong Tháng Thanh" is no unit


def test_ambiguous_country_confirmed_by_its_city_or_an_auxiliary_and_verb(nlp):
    found, _ = places(nlp, "Nga sẽ không tấn công thêm sau cuộc gặp tại Sochi.")
    assert "Nga" in found and "Sochi" in found
    found, _ = places(nlp, "Hãng tin cho biết Nga đã rút các quan sát viên khỏi khu vực.")
    assert "Nga" in found
    found, _ = places(nlp, "Chị Nga đã rút đơn khởi kiện.")
    assert found == {}


def test_battle_names_are_events_unless_a_locative_says_place(nlp):
    found, _ = places(nlp, "Hội thảo kỷ niệm 70 năm Điện Biên Phủ thu hút nhiều học giả.")
    assert found == {}
    found, _ = places(nlp, "Đoàn công tác làm việc tại Điện Biên Phủ hai ngày.")
    assert "Điện Biên Phủ" in found


def test_one_syllable_cities_unique_communes_and_alias_spellings(nlp):
    found, _ = places(nlp, "Lượng khách tăng ở các tuyến ngắn, từ Vinh trở ra; trụ sở Công an phường Yên Đỗ, "
                           "Pleiku, Gia Lai; tàu gặp nạn tại Lăng Cô; xe đi Sài Gòn, Buôn Mê Thuột.")
    assert {"Vinh", "Pleiku", "Gia Lai", "Lăng Cô", "Sài Gòn", "Buôn Mê Thuột"} <= set(found)
    assert found["Sài Gòn"].id == "79"  # written "Sài Gòn", the unit is TP.HCM
    none, _ = places(nlp, "Anh Vinh cho biết sẽ đi làm sớm.")
    assert none == {}


def test_place_after_an_enforcement_or_union_body_head_is_part_of_it(nlp):
    found, _ = places(nlp, "Bộ kiểm điểm Cục trưởng thi hành án tỉnh Long An; Chủ tịch LĐLĐ TPHCM phát biểu.")
    assert found == {}


def test_honorary_titles_and_locative_phrases_before_abbreviated_units(nlp):
    found, _ = places(nlp, "Cụ Nguyễn Thị Chi, Bà mẹ Việt Nam anh hùng, dự lễ.")
    assert found == {}
    found, _ = places(nlp, "Cảnh sát kiểm tra một khách sạn trên địa bàn Q.Phú Nhuận.")
    assert set(found) == {"Phú Nhuận"}


def test_regions_nationality_titles_and_foreign_places_qualified_by_country(nlp):
    found, _ = places(nlp, "Chương trình đào tạo cô đỡ cho các tỉnh Tây Nguyên; tàu cập cảng cá Hạ Long; "
                           "Hoa hậu Việt Nam 2016 dự lễ.")
    assert found == {}
    found, _ = places(nlp, "Ông qua đời tại một khách sạn ở Kaysersberg, Pháp, khi đang ghi hình.")
    assert {"Kaysersberg", "Pháp"} <= set(found)


def test_unique_commune_after_ve_and_person_names_with_particles(nlp):
    found, _ = places(nlp, "Xe chở khách từ Đông Hà về Lao Bảo; thượng nghị sĩ Leila de Lima phát biểu.")
    assert "Lao Bảo" in found and "Lima" not in found
