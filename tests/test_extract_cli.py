"""`newsmine extract`: .txt/.jsonl inputs, per-record errors, robustness on bad input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsmine.cli import app
from newsmine.extract.inputs import InputError, Record, iter_inputs
from newsmine.extract.pipeline import CHUNK_CHARS, analyze

ARTICLE = (
    "Ngày 12/4, Giám đốc Sở Tư pháp tỉnh Bắc Giang Ngô Thị Hạnh cho biết đơn vị đã tiếp nhận hồ sơ. "
    "Bà Hạnh nhấn mạnh việc phối hợp với Công an tỉnh Bắc Giang."
)


def test_jsonl_batch_with_bad_records(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "a1", "text": ARTICLE, "published": "2024-04-15"}, ensure_ascii=False),
                "{not json",
                json.dumps({"id": "a3"}),
                json.dumps({"id": "a4", "text": ""}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["extract", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a1", f"{src}:2", "a3", "a4"]
    assert "error" in lines[1] and "error" in lines[2]
    first = lines[0]
    off = first["officials"][0]
    assert (off["name"], off["title"], off["body"]) == (
        "Ngô Thị Hạnh",
        "Giám đốc",
        "Sở Tư pháp tỉnh Bắc Giang",
    )
    assert [ARTICLE[a:b] for a, b in off["mentions"]] == ["Ngô Thị Hạnh", "Bà Hạnh"]
    assert lines[3]["text_length"] == 0 and lines[3]["officials"] == []


def test_txt_input_and_all_failed_exit_code(tmp_path):
    txt = tmp_path / "doc.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(txt)])
    assert res.exit_code == 0
    row = json.loads(res.stdout.strip().splitlines()[-1])
    assert row["id"] == str(txt) and {b["name"] for b in row["bodies"]} >= {"Sở Tư pháp tỉnh Bắc Giang"}
    res = CliRunner().invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert res.exit_code == 1


def test_iter_inputs_reads_utf16_and_reports_missing(tmp_path):
    p = tmp_path / "vntc.txt"
    p.write_bytes(ARTICLE.encode("utf-16"))
    recs = list(iter_inputs([p, tmp_path / "nope.txt"]))
    assert isinstance(recs[0], Record) and recs[0].text == ARTICLE
    assert isinstance(recs[1], InputError)


def test_control_chars_nfd_and_long_text():
    import unicodedata

    dirty = "\x00\x07" + unicodedata.normalize("NFD", ARTICLE) + "\ufeff"
    facts = analyze(dirty)
    assert facts.text_length == len(unicodedata.normalize("NFC", dirty))
    assert [o.name for o in facts.officials] == ["Ngô Thị Hạnh"]
    # longer than one chunk: offsets are shifted back into the whole text
    filler = ("Trời hôm nay mưa nhỏ. " * 200 + "\n") * (CHUNK_CHARS // 4000 + 1)
    text = filler + ARTICLE
    facts = analyze(text)
    (a, b), *_ = facts.officials[0].mentions
    assert text[a:b] == "Ngô Thị Hạnh"
    assert analyze("The quick brown fox.").officials == []


def test_a_quotes_failure_keeps_the_other_facts_and_is_reported(monkeypatch, caplog):
    from newsmine.extract.quotes import QuoteFinder

    def broken(self, doc):
        raise RuntimeError("odd text")

    monkeypatch.setattr(QuoteFinder, "find", broken)
    text = "Giám đốc Sở Tư pháp tỉnh Nam Định Trần Văn Bình cho biết ngày 9/3/2024 ngành sẽ thi đua."
    with caplog.at_level("WARNING", logger="newsmine.extract.pipeline"):
        facts = analyze(text)
    assert facts.quotes == []
    assert [o.name for o in facts.officials] == ["Trần Văn Bình"]
    assert [d.value for d in facts.dates] == ["2024-03-09"]
    assert "quotes not extracted: RuntimeError: odd text" in caplog.text
