"""Words of Vietnamese legal writing that the extractors share: document types, symbol codes, abbreviations."""

from __future__ import annotations

import re
import unicodedata

# Surface form (lower case) → canonical type, longest first so that alternations prefer "Thông tư liên tịch".
DOC_TYPES: dict[str, str] = {
    "nghị quyết liên tịch": "Nghị quyết liên tịch",
    "thông tư liên tịch": "Thông tư liên tịch",
    "văn bản hợp nhất": "Văn bản hợp nhất",
    "quy chế phối hợp": "Quy chế",
    "chương trình phối hợp": "Chương trình",
    "kế hoạch liên tịch": "Kế hoạch",
    "bộ luật": "Bộ luật",
    "hiến pháp": "Hiến pháp",
    "pháp lệnh": "Pháp lệnh",
    "nghị quyết": "Nghị quyết",
    "nghị định": "Nghị định",
    "nghị đinh": "Nghị định",  # a frequent typing slip
    "quyết định": "Quyết định",
    "thông tư": "Thông tư",
    "chỉ thị": "Chỉ thị",
    "công văn": "Công văn",
    "công điện": "Công điện",
    "văn bản": "Văn bản",
    "thông báo": "Thông báo",
    "kế hoạch": "Kế hoạch",
    "tờ trình": "Tờ trình",
    "báo cáo": "Báo cáo",
    "hướng dẫn": "Hướng dẫn",
    "chương trình": "Chương trình",
    "đề án": "Đề án",
    "quy chế": "Quy chế",
    "quy định": "Quy định",
    "biên bản": "Biên bản",
    "giấy mời": "Giấy mời",
    "phương án": "Phương án",
    "kết luận": "Kết luận",
    "thông tri": "Thông tri",
    "điều lệ": "Điều lệ",
    "luật": "Luật",
    "hiệp định": "Hiệp định",
    "công ước": "Công ước",
    "nghị định thư": "Nghị định thư",
    "hiến chương": "Hiến chương",
    "lệnh": "Lệnh",
}

# Types cited by name rather than by number ("Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024").
NAMED_TYPES = (
    "Bộ luật",
    "Luật",
    "Hiến pháp",
    "Pháp lệnh",
    "Hiệp định",
    "Công ước",
    "Nghị định thư",
    "Hiến chương",
)

# The type code inside a số ký hiệu tells the type when the text does not say it ("06/NQ-CP" → Nghị quyết).
TYPE_CODES: dict[str, str] = {
    "NQLT": "Nghị quyết liên tịch",
    "TTLT": "Thông tư liên tịch",
    "VBHN": "Văn bản hợp nhất",
    "QCPH": "Quy chế",
    "CTPH": "Chương trình",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "CT": "Chỉ thị",
    "CĐ": "Công điện",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "BC": "Báo cáo",
    "HD": "Hướng dẫn",
    "QC": "Quy chế",
    "QĐi": "Quy định",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "KL": "Kết luận",
    "BB": "Biên bản",
    "GM": "Giấy mời",
    "PA": "Phương án",
    "CV": "Công văn",
    "L": "Lệnh",
}

# Issuer codes that a lost hyphen glues to a type code ("2468/QĐUBND" printed for "2468/QĐ-UBND").
_ISSUER_CODE = r"(?:CP|TTg|UBND|HĐND|VPCP|UBTVQH\d*|QH\d*|TW|TU|HU|B[A-ZĐ]{1,9}|S[A-ZĐ]{1,9}|TC[A-ZĐ]{1,6})"
GLUED_CODE = re.compile(rf"^(NQLT|TTLT|NQ|NĐ|QĐ|TT|CT|KH|TB|TTr|BC|HD)({_ISSUER_CODE})$")

# Abbreviations that stand for words of a name ("Luật Tổ chức HĐND và UBND" = "… Hội đồng nhân dân và Ủy ban nhân dân").
NAME_ABBREVIATIONS: dict[str, str] = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "HQ": "Hải quan",
    "NSNN": "Ngân sách nhà nước",
    "BHXH": "Bảo hiểm xã hội",
    "BHYT": "Bảo hiểm y tế",
    "VBQPPL": "văn bản quy phạm pháp luật",
    "QPPL": "quy phạm pháp luật",
    "GTGT": "giá trị gia tăng",
    "TNCN": "thu nhập cá nhân",
    "TNDN": "thu nhập doanh nghiệp",
    "XLVPHC": "xử lý vi phạm hành chính",
    "CHXHCN": "Cộng hòa xã hội chủ nghĩa",
    "LHPN": "Liên hiệp Phụ nữ",  # "Điều lệ Hội LHPN Việt Nam"
    "MTTQ": "Mặt trận Tổ quốc",
}

# Old and new placements of the tone mark ("hoà"/"hòa", "Uỷ"/"Ủy") are the same word.
_OLD_TONE_PAIRS = (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỳ", "ùy"), ("uý", "úy"),
                   ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"))  # fmt: skip


_OLD_TONE_AT_END = re.compile(
    "(?:" + "|".join(f"{old}|{old.capitalize()}" for old, _ in _OLD_TONE_PAIRS) + r")(?![^\W\d_])"
)
_NEW_TONE = {**dict(_OLD_TONE_PAIRS), **{o.capitalize(): n.capitalize() for o, n in _OLD_TONE_PAIRS}}


def modern_tones(text: str) -> str:
    """ "hoà" → "hòa", "Uỷ" → "Ủy": the tone mark moves only on an open syllable ("khoán" stays)."""
    return _OLD_TONE_AT_END.sub(lambda m: _NEW_TONE[m.group()], text)


def _vietnamese_letters() -> tuple[str, str]:
    base = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    lower = set(base) | {"f", "j", "w", "z"}
    for ch in "aăâeêioôơuưy":
        for tone in tones[1:]:
            lower.add(unicodedata.normalize("NFC", ch + tone))
    upper = {c.upper() for c in lower}
    return "".join(sorted(upper)), "".join(sorted(lower))


UPPER_LETTERS, LOWER_LETTERS = _vietnamese_letters()
UP = f"[{UPPER_LETTERS}]"
LOW = f"[{LOWER_LETTERS}]"
