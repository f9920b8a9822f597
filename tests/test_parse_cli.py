"""`newsmine parse FILE.html [--url URL]` prints one JSON object with the issue's fields."""

from __future__ import annotations

import json

from test_parse_input import PLO_PAGE, URL
from typer.testing import CliRunner

from newsmine.cli import app

FIELDS = [
    "url", "canonical_url", "site", "title", "sapo", "text", "authors", "published", "modified",
    "section", "tags", "images", "language",
]  # fmt: skip


def test_cli_parse_prints_one_json_object(tmp_path):
    page = tmp_path / "bai.html"
    page.write_bytes(PLO_PAGE.encode("utf-8"))
    result = CliRunner().invoke(app, ["parse", str(page), "--url", URL])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == FIELDS
    assert data["site"] == "plo.vn" and data["url"] == URL
    assert data["published"] == "2025-05-14T08:05:00+07:00"
    assert data["images"][0] == {
        "url": "https://image.plo.vn/w1000/Uploaded/2025/abc/phien-toa.jpg",
        "caption": "Bị cáo tại phiên tòa. Ảnh: NA",
    }


def test_cli_parse_without_url_uses_canonical_and_site_option(tmp_path):
    page = tmp_path / "bai.html"
    page.write_text(PLO_PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(page), "--site", "plo.vn"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["url"] == "https://plo.vn/toa-an-kon-tum-xet-xu-vu-tham-o-post900001.html"
    assert data["authors"] == ["NGỌC ANH"]


def test_cli_parse_bad_file_is_one_line_error(tmp_path):
    page = tmp_path / "anh.html"
    page.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = CliRunner().invoke(app, ["parse", str(page)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "binary content" in lines[0]
