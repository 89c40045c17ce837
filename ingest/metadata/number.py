"""The số ký hiệu after "Số:", and what its codes say of the type and the issuer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.lexicon import GLUED_CODE, TYPE_CODES
from ingest.metadata.words import NUMBER_ZONE

# The code parts of a number: "QĐ-UBND", "BNNMT-CNTY", "TTg", "SGDĐT-GDTXNNĐH", "BNN&MT"; spaces around the
# separators are kept as printed ("711 / BHXH - CĐ"), and a number never runs on into the next word. A long
# number may break after a separator ("01/2022/TTLT-VKSNDTC-" / "TANDTC-BCA-BQP-BLĐTBXH"): the next line goes on
# with a code in capitals. The unit that drafted it may close it in brackets ("409 /TTr-CAT(PC04)").
NUMBER_BODY = (
    r"(?P<num>\d{1,6}[a-zA-Z]?(?:[ \t]*[/-][ \t]*(?:\n[ \t]*(?=[A-ZĐ][A-ZĐ0-9]))?[^\W_][\w&.]{0,24}){1,8}"
    r"(?:\([A-ZĐ0-9]{1,12}\))?)"
)
# "Số"/"số"/"SỐ" not inside a word. The pattern opens with the letter and checks the one before it afterwards:
# a pattern that opens with a look-behind is tried at every position, one that opens with a letter only there.
NUMBER = re.compile(r"[Ss](?<![^\W\d_][Ss])(?:ố|(?<=S)Ố)[ \t]*(?:\n[ \t]*)?:\s*" + NUMBER_BODY)
# A "Số:" label whose number is left blank for the clerk ("Số: /PT-NC", "Số:      /QĐ-UBND").
BLANK_NUMBER = re.compile(r"S(?<![^\W\d_]S)(?:ố|Ố)[ \t]*:[ \t]*(?=[/ \t|]|$)", re.MULTILINE)
# Party documents and some copies drop the colon, but then "Số" opens its line.
_NUMBER_NO_COLON = re.compile(r"(?m)^[ \t]*(?:Số|SỐ)[ \t]+" + NUMBER_BODY)


def has_code(number: str) -> bool:
    return any(c.isalpha() for c in number.split("/", 1)[-1])


@dataclass(frozen=True)
class Number:
    text: str
    span: tuple[int, int]
    # Where "Số" starts: the issuer stands before it when the number is printed under the issuer (None: the number
    # is read from the title, which no issuer stands above).
    label: int | None


def find_number(head: str) -> Number | None:
    """The first "Số: …" of the header that has a code: a số ký hiệu always names its type or issuer in letters
    ("Số: 01/2024" in a table is something else)."""
    zone = head[:NUMBER_ZONE]
    found = [m for pattern in (NUMBER, _NUMBER_NO_COLON) for m in pattern.finditer(zone)]
    for m in sorted(found, key=lambda x: x.start()):
        number = m.group("num")
        glued = _GLUED_LANDMARK.search(head, m.start("num"), m.end("num") + 20)
        if glued and glued.start() < m.end("num"):
            number = head[m.start("num") : glued.start()]
        number = number.rstrip(".,;:-/ ")
        if has_code(number):
            start = m.start("num")
            return Number(_LINE_BREAK.sub("", number), (start, start + len(number)), m.start())
    return None


# A flattened header may glue the number to the heading of the right column: "367 - QĐ/TWĐTN-VPĐOÀN TNCS HỒ CHÍ
# MINH" is "367 - QĐ/TWĐTN-VP" and "ĐOÀN TNCS HỒ CHÍ MINH".
_GLUED_LANDMARK = re.compile(r"(?:ĐOÀN(?=\s+TNCS)|CỘNG(?=\s+H[OÒ]À?A?)|ĐẢNG(?=\s+CỘNG\s+SẢN))")
_LINE_BREAK = re.compile(r"\n[ \t]*")


CODE_SEPARATOR = re.compile(r"\s*[/-]\s*")


def type_from_number(number: str | None) -> str | None:
    """The type a số ký hiệu names: the first code after the number and year ("08/2023/QĐ-UBND" → QĐ, "119-KH/TU"
    → KH); the issuer code comes after it, so "711/BHXH-CĐ" names none."""
    if not number:
        return None
    parts = [p for p in CODE_SEPARATOR.split(number.strip()) if p]
    for part in parts[1:]:
        if part.isdigit():
            continue
        if part in TYPE_CODES:
            return TYPE_CODES[part]
        glued = GLUED_CODE.match(part)
        if glued:
            return TYPE_CODES.get(glued.group(1))
        return None
    return None
