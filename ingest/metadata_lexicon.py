"""Words of the document header and signature block: places, issuing bodies, titles, and their usual casing.

Headers print the issuing body in capitals ("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"); the metadata gives it in the
case Vietnamese writing uses for the name ("Liên đoàn Lao động tỉnh Lai Châu"). Capitals lose that information,
so the casing comes from what each word is: a kind of body ("Bộ", "Sở") is followed by a capitalised field
("Bộ Tài chính", "Sở Giáo dục và Đào tạo"), a few bodies have a fixed form ("Ủy ban nhân dân", "Kho bạc Nhà
nước"), and a locality is a lower-case level plus a proper name ("tỉnh Lai Châu").
"""

from __future__ import annotations

import re
import unicodedata

# Old and new placements of the tone mark are the same word ("Uỷ"/"Ủy", "hoà"/"hòa"); the mark moves only on an
# open syllable, and never after "q", where "u" is part of the consonant ("quý" stays).
_OLD_TONE_PAIRS = (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỳ", "ùy"), ("uý", "úy"),
                   ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"))  # fmt: skip
_NEW_TONE = {
    **dict(_OLD_TONE_PAIRS),
    **{o.capitalize(): n.capitalize() for o, n in _OLD_TONE_PAIRS},
    **{o.upper(): n.upper() for o, n in _OLD_TONE_PAIRS},
}
_OLD_TONE = re.compile(
    r"(?<![qQ])(?:"
    + "|".join(re.escape(o) for o in sorted(_NEW_TONE, key=len, reverse=True))
    + r")(?![^\W\d_])"
)


def modern_tones(text: str) -> str:
    """ "Uỷ ban" → "Ủy ban", "Thanh Hoá" → "Thanh Hóa", the spelling the annotations and most sources use."""
    return _OLD_TONE.sub(lambda m: _NEW_TONE[m.group()], text)


_NO_MARKS = str.maketrans("đĐ", "dD")


def base_letters(text: str) -> str:
    """The letters without their tone and vowel marks ("QUYẾT ĐỊNH" → "QUYET DINH"): how a word still reads when
    OCR has garbled its marks ("QUYÉT", "KẾT LỦẬN")."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_NO_MARKS)


def word_key(text: str) -> str:
    """A word or phrase as compared: lower case, modern tone marks, single spaces, no edge punctuation."""
    words = (w.strip(".,;:()[]\"“”'") for w in modern_tones(text.casefold()).split())
    return " ".join(w for w in words if w)


# Types that only a heading names, beyond the common ones of `ingest.lexicon.DOC_TYPES`: a court precedent (Án lệ,
# Nghị quyết 04/2019/NQ-HĐTP), a paper read at a congress, a monthly propaganda guideline of a Party committee, an
# office's submission slip.
HEADING_TYPES: dict[str, str] = {
    "án lệ": "Án lệ", "tham luận": "Tham luận", "định hướng": "Định hướng", "phiếu trình": "Phiếu trình",
}  # fmt: skip
# "PHỤ LỤC" is the document's own heading only where the text starts: elsewhere in a header zone it opens an annex.
OPENING_ONLY_TYPES: dict[str, str] = {"phụ lục": "Phụ lục"}

# Provinces and centrally governed cities, before and after the 2025 merger, as written in date lines.
PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bắc Cạn",
    "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cao Bằng", "Đắk Lắk", "Đắc Lắc", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
    "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Thừa Thiên - Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
)  # fmt: skip
CENTRAL_CITIES: frozenset[str] = frozenset(
    word_key(c) for c in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
)
PROVINCE_KEYS: frozenset[str] = frozenset(word_key(p) for p in PROVINCES)
PROVINCE_MAX_WORDS = max(len(p.split()) for p in PROVINCES)

# Words that may stand before a place name in a date line ("TP. Hồ Chí Minh, ngày …").
PLACE_PREFIXES: tuple[str, ...] = (
    "Thành phố",
    "Thành Phố",
    "TP.",
    "Tp.",
    "TP",
    "T.P",
    "Thị xã",
    "TX.",
    "Thị trấn",
)

# Levels of locality inside the name of a body, largest first; "thành phố" is a province or a town.
LOCALITY_LEVEL: dict[str, int] = {
    "tỉnh": 1, "thành phố": 1, "tp": 1, "huyện": 2, "quận": 2, "thị xã": 2,
    "xã": 3, "phường": 3, "thị trấn": 3, "đặc khu": 3,
}  # fmt: skip

# The start of each body a header can stack ("ỦY BAN NHÂN DÂN TP. HỒ CHÍ MINH / SỞ GIÁO DỤC VÀ ĐÀO TẠO"): a new
# body begins at one of these, longest first. "thuế" and "hải quan" begin one only before a locality
# ("CỤC THUẾ / THUẾ TỈNH TÂY NINH").
BODY_HEADS: tuple[str, ...] = (
    # whole names that hold the word of another kind ("vụ", "bộ"): "ỦY BAN THƯỜNG VỤ / QUỐC HỘI" is one body
    "ủy ban thường vụ quốc hội", "hội đồng bộ trưởng",
    # a congress issues its resolution and rules: "ĐẠI HỘI ĐẠI BIỂU PHỤ NỮ HUYỆN GIA LÂM LẦN THỨ XXI"
    "đại hội đại biểu",
    "trường đại học", "trường cao đẳng", "trường trung học", "trường tiểu học", "trường mầm non",
    "ban chấp hành đảng bộ", "tổng liên đoàn lao động", "liên đoàn lao động", "viện kiểm sát nhân dân", "ủy ban nhân dân",
    "hội đồng nhân dân", "kho bạc nhà nước", "bảo hiểm xã hội", "tòa án nhân dân", "bộ chỉ huy", "tổng cục",
    "chi cục", "văn phòng", "trung tâm", "công an", "bệnh viện", "học viện", "thanh tra", "chi nhánh",
    "ngân hàng", "công đoàn", "đảng bộ", "đảng ủy", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "đại học",
    # mass organisations: "HỘI NÔNG DÂN TỈNH NAM ĐỊNH", "TỈNH ĐOÀN QUẢNG NAM / BCH ĐOÀN HUYỆN THĂNG BÌNH"
    "ủy ban mặt trận tổ quốc", "hội liên hiệp phụ nữ", "hội cựu chiến binh", "hội nông dân", "tỉnh đoàn",
    "thành đoàn", "huyện đoàn",
    "cục", "sở", "vụ", "ban", "phòng", "viện", "bộ",
)  # fmt: skip
HEADS_BEFORE_LOCALITY: tuple[str, ...] = ("thuế", "hải quan")
# What opens the name of an issuer in a title's "CỦA …" clause: a kind of body, a state organ, or the title of
# the person who signs for one ("CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH", "của Thủ tướng Chính phủ").
ISSUER_OPENINGS: tuple[str, ...] = (
    "quốc hội", "chính phủ", "chủ tịch nước", "hội đồng nhà nước", "bộ chính trị", "ban bí thư", "đoàn chủ tịch",
    "bộ trưởng", "thủ tướng", "chủ tịch", "thống đốc", "tổng kiểm toán", "chánh án", "viện trưởng", "tổng cục trưởng",
    "cục trưởng", "giám đốc", "tổng giám đốc", "chủ nhiệm", "trưởng ban", "liên bộ", "liên tịch",
    "ủy ban", "hội đồng", "tòa án", "viện kiểm sát", "kiểm toán", "ngân hàng", "tổng liên đoàn",
    "ban chấp hành", "ban thường vụ", "thường trực", "tổng cục", "cục", "sở", "ban", "bộ", "văn phòng",
    "tỉnh ủy", "thành ủy", "huyện ủy", "đảng ủy", "liên đoàn lao động", "hội liên hiệp phụ nữ",
)  # fmt: skip
# Abbreviations of bodies in headers and labels ("ỦY BAN MTTQ VIỆT NAM", "Hội LHPN xã Đặng Xá", "BCH ĐOÀN").
BODY_ABBREVIATIONS: dict[str, str] = {
    "UBND": "ỦY BAN NHÂN DÂN", "HĐND": "HỘI ĐỒNG NHÂN DÂN", "LĐLĐ": "LIÊN ĐOÀN LAO ĐỘNG", "BCH": "BAN CHẤP HÀNH",
    "BTV": "BAN THƯỜNG VỤ", "MTTQ": "MẶT TRẬN TỔ QUỐC", "UBMTTQ": "ỦY BAN MẶT TRẬN TỔ QUỐC",
    "LHPN": "LIÊN HIỆP PHỤ NỮ",
}  # fmt: skip
# Organs of another body: the body they belong to is part of their name, never a body of its own.
ORGAN_HEADS: tuple[str, ...] = (
    "hội đồng thẩm phán", "ban chấp hành", "ban thường vụ", "thường trực", "đảng đoàn", "ban cán sự đảng",
    "đoàn chủ tịch", "ban bí thư", "bộ chính trị",
)  # fmt: skip
# Sections of the Official Gazette (Công báo), printed above the documents of each part of an issue.
GAZETTE_SECTIONS: tuple[tuple[str, ...], ...] = tuple(
    tuple(word_key(s).split()) for s in ("VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN HỢP NHẤT", "VĂN BẢN KHÁC")
)
# The political and mass bodies of a locality: none of them stands under another in a header, so two of them
# printed one above the other issue a text together (a joint regulation of the People's Committee and the Front).
PEER_BODIES: tuple[str, ...] = (
    "ủy ban nhân dân", "hội đồng nhân dân", "ủy ban mặt trận tổ quốc", "liên đoàn lao động",
    "hội liên hiệp phụ nữ", "hội nông dân", "hội cựu chiến binh",
)  # fmt: skip
# Bodies whose full name needs the body above them ("Văn phòng" of which Ủy ban?).
BARE_HEADS: tuple[str, ...] = ("văn phòng", "chi nhánh", "thanh tra")
# Bodies that always belong to a locality: a header without one lacks it ("ỦY BAN NHÂN DÂN" alone).
LOCAL_BODIES: tuple[str, ...] = ("ủy ban nhân dân", "hội đồng nhân dân", "liên đoàn lao động")

# Casing of fixed names; a `True` flag marks a kind of body, after which the field name is capitalised.
CASED_PHRASES: dict[str, tuple[str, bool]] = {
    "ủy ban thường vụ quốc hội": ("Ủy ban Thường vụ Quốc hội", False),
    "hội đồng bộ trưởng": ("Hội đồng Bộ trưởng", False),
    "đại hội đại biểu": ("Đại hội đại biểu", True),
    "tổng liên đoàn lao động": ("Tổng Liên đoàn Lao động", False),
    "viện kiểm sát nhân dân": ("Viện kiểm sát nhân dân", False),
    "mặt trận tổ quốc": ("Mặt trận Tổ quốc", False),
    "liên đoàn lao động": ("Liên đoàn Lao động", False),
    "hội đồng thẩm phán": ("Hội đồng Thẩm phán", False),
    "ủy ban nhân dân": ("Ủy ban nhân dân", False),
    "hội đồng nhân dân": ("Hội đồng nhân dân", False),
    "kho bạc nhà nước": ("Kho bạc Nhà nước", False),
    "ngân hàng nhà nước": ("Ngân hàng Nhà nước", False),
    "kiểm toán nhà nước": ("Kiểm toán Nhà nước", False),
    "bảo hiểm xã hội": ("Bảo hiểm xã hội", False),
    "tòa án nhân dân": ("Tòa án nhân dân", False),
    "ban chấp hành": ("Ban Chấp hành", False),
    "hội liên hiệp phụ nữ": ("Hội Liên hiệp Phụ nữ", False),
    "hội cựu chiến binh": ("Hội Cựu chiến binh", False),
    "hội nông dân": ("Hội Nông dân", False),
    "tỉnh đoàn": ("Tỉnh đoàn", False),
    "thành đoàn": ("Thành đoàn", False),
    "huyện đoàn": ("Huyện đoàn", False),
    "đoàn": ("Đoàn", False),  # the Youth Union: "BCH ĐOÀN HUYỆN …" ("liên đoàn …" is matched before it)
    "ban thường vụ": ("Ban Thường vụ", False),
    "đoàn chủ tịch": ("Đoàn Chủ tịch", False),
    "ban bí thư": ("Ban Bí thư", False),
    "bộ chính trị": ("Bộ Chính trị", False),
    "tổng công ty": ("Tổng công ty", True),
    "tối cao": ("tối cao", False),
    "chính phủ": ("Chính phủ", False),
    "quốc hội": ("Quốc hội", False),
    "thủ tướng": ("Thủ tướng", False),
    "chủ tịch": ("Chủ tịch", False),
    "việt nam": ("Việt Nam", False),
    "trung ương": ("Trung ương", False),
    "nhà nước": ("Nhà nước", False),
    "công an": ("Công an", False),
    "đảng bộ": ("Đảng bộ", False),
    "thuế": ("Thuế", False),
    "phủ": ("Phủ", False),
    "trường đại học": ("Trường Đại học", True),
    "trường cao đẳng": ("Trường Cao đẳng", True),
    "tỉnh ủy": ("Tỉnh ủy", True),
    "thành ủy": ("Thành ủy", True),
    "huyện ủy": ("Huyện ủy", True),
    "quận ủy": ("Quận ủy", True),
    "đảng ủy": ("Đảng ủy", True),
    "bộ chỉ huy": ("Bộ Chỉ huy", True),
    "tổng cục": ("Tổng cục", True),
    "chi cục": ("Chi cục", True),
    "văn phòng": ("Văn phòng", True),
    "trung tâm": ("Trung tâm", True),
    "bệnh viện": ("Bệnh viện", True),
    "học viện": ("Học viện", True),
    "thanh tra": ("Thanh tra", True),
    "chi nhánh": ("Chi nhánh", True),
    "ngân hàng": ("Ngân hàng", True),
    "công đoàn": ("Công đoàn", True),
    "công ty": ("Công ty", True),
    "đại học": ("Đại học", True),
    "ủy ban": ("Ủy ban", True),
    "hội đồng": ("Hội đồng", True),
    "trường": ("Trường", True),
    "cục": ("Cục", True),
    "sở": ("Sở", True),
    "vụ": ("Vụ", True),
    "ban": ("Ban", True),
    "phòng": ("Phòng", True),
    "viện": ("Viện", True),
    "bộ": ("Bộ", True),
}
CASED_MAX_WORDS = max(len(k.split()) for k in CASED_PHRASES)

# Titles of a signer; any of these words in a capitalised line above a name makes it a signature.
SIGNER_TITLE = re.compile(
    r"chủ tịch|trưởng|giám đốc|thủ tướng|chánh án|bí thư|thống đốc|tổng kiểm toán|chủ nhiệm|thư ký|"
    r"chỉ huy|tư lệnh|chánh văn phòng|chánh thanh tra|tổng thanh tra|người ký|ủy viên"
)

# Issuer codes of số ký hiệu (Nghị định 30/2020/NĐ-CP, appendix): who issued a text whose header is lost.
# Local bodies get their province from the date line.
ISSUER_CODES: dict[str, str] = {
    "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "CTN": "Chủ tịch nước", "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ", "VPCP": "Văn phòng Chính phủ", "HĐTP": "Hội đồng Thẩm phán Tòa án nhân dân tối cao",
    "TANDTC": "Tòa án nhân dân tối cao", "VKSNDTC": "Viện kiểm sát nhân dân tối cao", "KTNN": "Kiểm toán Nhà nước",
    "NHNN": "Ngân hàng Nhà nước Việt Nam", "BCA": "Bộ Công an", "BQP": "Bộ Quốc phòng", "BNG": "Bộ Ngoại giao",
    "BNV": "Bộ Nội vụ", "BTP": "Bộ Tư pháp", "BTC": "Bộ Tài chính", "BCT": "Bộ Công Thương", "BYT": "Bộ Y tế",
    "BXD": "Bộ Xây dựng", "BGTVT": "Bộ Giao thông vận tải", "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư", "BKHCN": "Bộ Khoa học và Công nghệ", "BTTTT": "Bộ Thông tin và Truyền thông",
    "BTNMT": "Bộ Tài nguyên và Môi trường", "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BNNMT": "Bộ Nông nghiệp và Môi trường", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "UBDT": "Ủy ban Dân tộc", "TTCP": "Thanh tra Chính phủ",
    "TCT": "Tổng cục Thuế", "TCHQ": "Tổng cục Hải quan", "BHXH": "Bảo hiểm xã hội",
    "TLĐ": "Tổng Liên đoàn Lao động Việt Nam", "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân",
    "LĐLĐ": "Liên đoàn Lao động",
    # bodies of earlier governments, in the numbers of their texts
    "BCN": "Bộ Công nghiệp", "BTM": "Bộ Thương mại",
}  # fmt: skip
# Types that only one body enacts (Hiến pháp 2013, Luật Ban hành văn bản quy phạm pháp luật): the issuer of such a
# text whose header was lost.
TYPE_ISSUERS: dict[str, str] = {
    "Bộ luật": "Quốc hội", "Luật": "Quốc hội", "Pháp lệnh": "Ủy ban Thường vụ Quốc hội", "Nghị định": "Chính phủ",
}  # fmt: skip
# Type codes of a text that several bodies issue together: the issuer codes after them are all its issuers
# ("01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH", "01-TANDTC-VKSNDTC/TTLT").
JOINT_TYPE_CODES: frozenset[str] = frozenset({"TTLT", "NQLT", "CTLT", "KHLT"})

# Ranks and degrees printed before a signer's name ("Thượng tướng Tô Lâm", "TS. Nguyễn Văn A"): not the name.
NAME_PREFIXES = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:PGS|GS|TS|ThS|Ths|BS|KS|CN|LS)\.?(?:\s*TS\.?)?)$"
)

# Family names, to tell a signer's name printed in capitals ("NGUYỄN VĂN AN") from another capitalised line.
_SURNAME_LIST = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Đinh", "Đoàn", "Lâm", "Trịnh", "Mai", "Trương", "Lưu", "Đào", "Cao", "Hà", "Tạ", "Châu", "Lương", "Tô",
    "Thái", "Quách", "Kiều", "Chu", "Tăng", "Lục", "Mạc", "Triệu", "Đàm", "Lò", "Giàng", "Sùng", "Hầu", "Vương",
    "Khúc", "Nông", "La", "Ông", "Phùng", "Từ", "Tống", "Thân", "Tôn", "Lại", "Lã", "Lều", "Doãn", "Nghiêm", "Âu",
    "Khổng", "Quan", "Tiêu", "Văn", "Điểu", "Ksor", "Rah", "Nay",
)  # fmt: skip
SURNAMES: frozenset[str] = frozenset(word_key(name) for name in _SURNAME_LIST)
