"""Build corpora/gazetteer/units.json from ../shared/gazetteers/dvhcvn.json.

Why a derived file: dvhcvn.json is GPL-3.0; we ship only the facts we need (ids, names, types, parent ids),
not the upstream file. Run: python tools/build_gazetteer.py [SRC] [DEST]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = REPO.parent / "shared" / "gazetteers" / "dvhcvn.json"
DEST = REPO / "corpora" / "gazetteer" / "units.json"

# dvhcvn type -> (our level, the prefix the type name carries in `name`)
TYPES = {
    "Thành phố Trung ương": "tinh",
    "Tỉnh": "tinh",
    "Quận": "huyen",
    "Huyện": "huyen",
    "Thị xã": "huyen",
    "Thành phố": "huyen",
    "Phường": "xa",
    "Xã": "xa",
    "Thị trấn": "xa",
}


def bare_name(name: str, type_: str) -> str:
    """'Tỉnh Sơn La' -> 'Sơn La'; 'Quận 1' -> 'Quận 1' (a number alone is not a name)."""
    prefix = "Thành phố" if type_ == "Thành phố Trung ương" else type_
    rest = name[len(prefix):].strip() if name.lower().startswith(prefix.lower()) else name
    return name if rest.isdigit() or not rest else rest


def build(src: Path = SRC) -> dict:
    data = json.loads(src.read_text(encoding="utf-8"))
    units = []
    for l1 in data["data"]:
        units.append({"id": l1["level1_id"], "name": bare_name(l1["name"], l1["type"]), "type": l1["type"],
                      "level": TYPES[l1["type"]], "parent": None})
        for l2 in l1["level2s"]:
            l2_id = f"{l1['level1_id']}-{l2['level2_id']}"
            units.append({"id": l2_id, "name": bare_name(l2["name"], l2["type"]),
                          "type": l2["type"], "level": TYPES[l2["type"]], "parent": l1["level1_id"]})
            for l3 in l2["level3s"]:
                units.append({"id": f"{l1['level1_id']}-{l2['level2_id']}-{l3['level3_id']}",
                              "name": bare_name(l3["name"], l3["type"]), "type": l3["type"],
                              "level": TYPES[l3["type"]], "parent": f"{l1['level1_id']}-{l2['level2_id']}"})
    for u in units:
        u["name"] = unicodedata.normalize("NFC", u["name"])
    return {"source": "daohoangson/dvhcvn data/dvhcvn.json (derived: ids, names, types only)",
            "data_date": data.get("data_date"), "units": units}


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else SRC
    dest = Path(argv[1]) if len(argv) > 1 else DEST
    out = build(src)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("w", encoding="utf-8") as f:
        source, data_date = json.dumps(out["source"]), json.dumps(out["data_date"])
        f.write(f'{{"source": {source}, "data_date": {data_date}, "units": [\n')
        f.write(",\n".join(json.dumps(u, ensure_ascii=False) for u in out["units"]))
        f.write("\n]}\n")
    print(f"{len(out['units'])} units -> {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
