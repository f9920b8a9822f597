"""Dates component: forms, ranges, year anchoring and the numbers that only look like dates."""

from __future__ import annotations

import json

import pytest

from newsmine.extract.pipeline import build_pipeline, make_doc

DATES_ONLY = (("newsmine.extract.dates", "newsmine_dates"),)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=DATES_ONLY)


def values(nlp, text, published=None):
    doc = make_doc(text, published, nlp)
    for d in doc._.dates:
        assert doc.text[d.start:d.end] == d.text
    return [d.value for d in doc._.dates]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ngày 9 tháng 3 năm 2018, Tòa án đã mở phiên xử.", ["2018-03-09"]),
    ("Vụ việc xảy ra ngày 9-3-2018 tại chợ.", ["2018-03-09"]),
    ("Hồ sơ nộp trước 9.3.2018 theo quy định.", ["2018-03-09"]),
    ("Tháng 3/2018, anh Hùng thành lập công ty.", ["2018-03"]),
    ("Dự án khởi công tháng 5 năm 2019.", ["2019-05"]),
    ("Năm 2017, đơn vị thi hành xong 120 việc.", ["2017"]),
    ("Đợt cao điểm kéo dài từ 1/7 đến 30/9/2018.", ["2018-07-01", "2018-09-30"]),
    ("Hội thi diễn ra từ ngày 1 đến 5/3/2019.", ["2019-03-01", "2019-03-05"]),
    ("Trong các ngày 1-5/3/2019 công an tuần tra.", ["2019-03-01", "2019-03-05"]),
    ("Kế hoạch giai đoạn 2016-2020 đã hoàn thành.", ["2016", "2020"]),
])
def test_forms_and_ranges(nlp, text, expected):
    assert values(nlp, text) == expected


def test_missing_year_from_publication_date(nlp):
    assert values(nlp, "Chiều 12/5, TAND tuyên án.", "2006-05-14") == ["2006-05-12"]
    # a late-December date in an early-January article belongs to the year before
    assert values(nlp, "Sáng 28/12, đoàn kiểm tra đến xã.", "2018-01-03") == ["2017-12-28"]
    assert values(nlp, "Sáng 12/7 hội nghị khai mạc.", "2018-07-13T08:00:00+07:00") == ["2018-07-12"]


def test_missing_year_from_the_text_else_unknown(nlp):
    text = "Kế hoạch năm 2018 được ký. Ngày 9/3, các đơn vị ký giao ước."
    assert values(nlp, text) == ["2018", "2018-03-09"]
    assert values(nlp, "Ngày 6-4, đại diện VKS đọc bản luận tội.") == ["XXXX-04-06"]
    assert values(nlp, "Phiên tòa mở lại vào tháng 3.") == ["XXXX-03"]


@pytest.mark.parametrize("text", [
    "Bị cáo bị đề nghị mức án 15-18 năm tù.",
    "Theo Luật số 12/2017/QH14 và Nghị định 12/2017 của Chính phủ.",
    "Đội nhà thắng 2-1, tỷ lệ 1/2 số phiếu.",
    "Giá 1.000 đồng, lúc 9h30 gọi số 0912.345.678.",
    "Chủ nhiệm HTX 8/3 làm thủ tục vay tiền.",
    "Bị cáo nhận 20 tháng 4 ngày tù.",
    "Hôm qua và đầu năm nay, công an đã xử lý.",
])
def test_numbers_that_are_not_dates(nlp, text):
    assert values(nlp, text) == []


def test_bad_input_does_not_crash(nlp):
    assert values(nlp, "") == []
    assert values(nlp, "ngày 31/2 và tháng 13/2018 và năm 2500") == []
    assert values(nlp, "9/3 " * 20000, "not a date")[:1] == []  # no cue words: nothing, and fast


def test_dev_documents_dates(nlp, shared_dir):
    """Every gold date of the dev set is found with its value (XXXX gold accepts any year)."""
    texts = {"seed:" + p.name: p.read_text(encoding="utf-8") for p in (shared_dir / "seed").glob("*.txt")}
    for line in (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if gold["doc"] not in texts:
            continue
        got = values(nlp, texts[gold["doc"]])
        assert {d["value"] for d in gold["dates"]} == set(got)


def test_digit_shaped_symbols_do_not_crash(nlp):
    assert values(nlp, "ngày ² tháng ³ năm ²⁰¹⁸; tháng ¹²") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Hạn nộp hồ sơ là 15/4.", ["XXXX-04-15"]),
    ("Hai đợt cao điểm chính: 7-13/6 và 28/6-3/7, ứng với kỳ thi.",
     ["XXXX-06-07", "XXXX-06-13", "XXXX-06-28", "XXXX-07-03"]),
    ("Chương trình kéo dài từ tháng 7 đến 11/2019.", ["2019-07", "2019-11"]),
    ("Nguyễn Văn Tý (SN 1985) bị bắt.", ["1985"]),
    ("Học bổng niên học 2006-2007 dành cho học sinh.", ["2006", "2007"]),
    ("Khen thưởng hoạt động từ thiện 2001-2005, tổ chức trọng thể.", ["2001", "2005"]),
])
def test_uncued_and_bare_forms(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Số hộ nghèo chiếm 2/3.",
    "Chủ nhiệm Hợp tác xã công nghiệp 8/3) bị bắt.",
    "Phạt tiền 2001-2005 đồng theo Quyết định 2001-2005.",
])
def test_uncued_numbers_that_are_not_dates(nlp, text):
    assert values(nlp, text) == []


def test_same_day_named_twice_gets_one_value(nlp):
    text = ("Từ ngày 4-7 đến 13-10, quỹ nhận ủng hộ. Giai đoạn 2001-2005 có nhiều thành tích. "
            "Lễ trao giải vào ngày 13-10.")
    assert sorted(set(values(nlp, text))) == ["2001", "2005", "XXXX-07-04", "XXXX-10-13"]


def test_bare_month_after_hours_is_not_a_range_end(nlp):
    assert "XXXX-11" not in values(nlp, "Dự kiến từ tháng 7 đến 11 giờ sẽ mất điện.")


@pytest.mark.parametrize(("text", "expected"), [
    # a time-of-day word settles the date even when a quantity-like word follows
    ("Con đập ở tỉnh này tối 23/7 bị vỡ, khiến nhiều người mất nhà.", ["XXXX-07-23"]),
    # birth years without "năm", a year in brackets, the year of a holiday
    ("Ông Hoàng Văn Công (sinh 1960) bị truy tố.", ["1960"]),
    ("Các bị can Trần Văn Lời (1961), Lê Văn Trung (1982) bị tạm giam.", ["1961", "1982"]),
    ("Bến xe tăng chuyến dịp Tết Nguyên đán 2019.", ["2019"]),
    # lunar dates are not calendar dates
    ("Bến xe bán vé từ 20-11 đến hết 26-12 âm lịch, tức từ ngày 6-1-2018.", ["2018-01-06"]),
])
def test_more_year_forms_and_lunar_dates(nlp, text, expected):
    assert values(nlp, text) == expected


def test_decades_are_not_years(nlp):
    assert values(nlp, "Từ đầu những năm 1960, ông đã làm việc này; năm 2012 ông qua đời.") == ["2012"]


def test_second_of_two_listed_dates_even_when_it_looks_like_a_share(nlp):
    assert values(nlp, "Công an bảo đảm an ninh dịp lễ 30/4 và 1/5 trên địa bàn.") == ["XXXX-04-30",
                                                                                      "XXXX-05-01"]
    assert values(nlp, "Có 1/2 và 1/3 số hộ được hỗ trợ.") == []


def test_a_span_of_years_with_den_and_a_cued_day_month(nlp):
    assert values(nlp, "Ông làm việc ở đây từ năm 2003 đến 2009.") == ["2003", "2009"]
    assert values(nlp, "Phiên tòa dự kiến 23/12 mới kết thúc.") == ["XXXX-12-23"]
