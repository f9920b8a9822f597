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
