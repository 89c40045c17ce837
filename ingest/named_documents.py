"""Documents of political and mass-organisation life that are cited without a số ký hiệu, and documents cited by
their type and bare number.

- Charters: "Điều lệ Đảng", "Điều lệ Đoàn TNCS Hồ Chí Minh", "Điều lệ Công đoàn Việt Nam", "Điều lệ Hội Liên
  hiệp Phụ nữ Việt Nam". A charter is named after its organisation.
- Congress and plenum documents: "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "Văn kiện Đại hội đại biểu
  Phụ nữ toàn quốc lần thứ XIII", "Báo cáo chính trị trình Đại hội … lần thứ XXI", "Nghị quyết Hội nghị Ban Chấp
  hành Trung ương Đảng lần thứ 8 khóa VII". The name ends with the congress's ordinal, term or session.
- Type and bare number, as people say them: "Đề án 938", "Quyết định 217, 218", "Nghị quyết 20 của Ban Chấp
  hành Trung ương" — the key is the number.

Each finder is a table of patterns; `find_mentions` (ingest/mentions.py) adds what they find to the others.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.citations import Mention, clean_name
from ingest.law_register import register

# A charter is named after its organisation: the party, the youth union, or a body whose name runs on as a law's
# name does ("Hội Liên hiệp Phụ nữ Việt Nam", "Hội Cựu chiến binh Việt Nam": `name_end` decides where it stops).
CHARTER = re.compile(
    r"(?<![\w])(?P<type>Điều\s+lệ)\s+(?=(?:Đảng|Đoàn|Công\s+đoàn|Hội|Hiệp\s+hội|Liên\s+hiệp|Liên\s+đoàn|Quỹ|Qũy"
    r"|Mặt\s+trận|Tổng\s+hội|Câu\s+lạc\s+bộ|Hợp\s+tác\s+xã)(?![\w]))"
)


# A congress, a plenum or a session, and where its name ends.
_MEETING_END = (
    r"(?:lần\s+thứ\s+(?:[IVXLC]+|\d{1,2})(?:[,\s]+\(?(?:khóa|khoá)\s+[IVXLC]+\)?)?"
    r"|(?:khóa|khoá)\s+[IVXLC]+|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4})"
    r"(?:,?\s+nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4})?"
)
CONGRESS_DOCUMENT = re.compile(
    r"(?<![\w])(?P<type>Nghị\s+quyết|Văn\s+kiện|Báo\s+cáo\s+chính\s+trị|Chương\s+trình\s+hành\s+động)"
    r"\s+(?P<name>(?:(?:của|trình|tại)\s+)?(?:Đại\s+hội|Hội\s+nghị)\s[^.;:\n“”()]{1,140}?"
    rf"{_MEETING_END})(?![\w])"
)

# "Đề án 938", "Quyết định 217, 218": a type word and a number with no symbol; not an article ("Điều 5"), a
# year ("Kế hoạch năm 2024") or a numbered document ("Quyết định 1234/QĐ-UBND", found by the symbol finder).
BARE_NUMBER = re.compile(
    r"(?<![\w])(?<!các\s)(?<!những\s)(?P<type>Đề\s+án|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|Kết\s+luận|Quy\s+định"
    r"|Hướng\s+dẫn|Kế\s+hoạch|Chương\s+trình)(?:\s+số)?\s+(?!(?:19|20)\d\d(?!\d))"  # "Kế hoạch 2030": a year
    r"(?P<numbers>\d{1,5}(?:\s*(?:,|và)\s*\d{1,5}){0,6})"
    # What may follow the number of a document: punctuation, "của …", "về …", "ngày …", a capitalised issuer.
    r"(?=\s*(?:[,.;:)\]](?!\d)|$|của\s|về\s|ngày\s|và\s|\n|(?!TT|QĐ|NQ|CT|KH|HD|TB)[A-ZĐ][a-zà-ỹđ]))"
)


def find_charters(text: str) -> list[Mention]:
    mentions = []
    for m in CHARTER.finditer(text):
        end = organisation_end(text, m.end())
        name = clean_name(text[m.end() : end])
        if end == m.end() or name in _GENERIC_BODIES or _DRAFT_AFTER.match(text, end):
            continue  # "Điều lệ Hội" (the association's own), "Điều lệ Hội (sửa đổi)" (a draft)
        mention = Mention(start=m.start(), end=end, key="", doc_type="Điều lệ", head_end=end)
        mention.title = mention.key = f"Điều lệ {name}"
        mentions.append(mention)
    return mentions


# Words that cannot go on an organisation's name: a verb, a preposition, a clause boundary.
_ORGANISATION_STOPS = frozenset(
    ["trình", "của", "tại", "theo", "về", "và", "với", "được", "đã", "do", "cho", "số", "ngày", "năm", "thì",
     "là", "này", "đó", "thực", "quy", "phê", "ban", "sửa", "bổ", "khóa", "khoá", "nhiệm", "lần", "đến"]
)  # fmt: skip
_NAME_WORD = re.compile(r"[^\W\d_][\w’'-]*|-")
_GENERIC_BODIES = frozenset(["Hội", "Quỹ", "Qũy", "Hiệp hội", "Công đoàn", "Tổng hội", "Câu lạc bộ"])
_DRAFT_AFTER = re.compile(r"\s*\(?(?:sửa\s+đổi|dự\s+thảo)", re.IGNORECASE)


def organisation_end(text: str, pos: int) -> int:
    """Where the name of an organisation that starts at `pos` ends: it runs over capitalised words, and over
    lower-case ones that lead to another capitalised word within a few words ("Hội Liên hiệp Phụ nữ Việt Nam",
    "Hội Cựu chiến binh Việt Nam"), and stops after "Việt Nam" or before a word that cannot be part of it."""
    words = list(_NAME_WORD.finditer(text, pos, min(len(text), pos + 200)))
    # Where the name is cut off: at punctuation or a line break between two words.
    cut = next(
        (i for i in range(1, len(words)) if text[words[i - 1].end() : words[i].start()].strip(" \t")),
        len(words),
    )
    words = words[:cut]
    end, i = pos, 0
    while i < len(words):
        token = words[i].group()
        if token.lower() in _ORGANISATION_STOPS and i > 0:
            break
        if token[0].isupper() or token == "-":
            end = words[i].end()
            if text[pos:end].endswith("Việt Nam"):
                break
            i += 1
            continue
        ahead = words[i : i + 5]
        capital = next((j for j, w in enumerate(ahead) if w.group()[0].isupper()), None)
        if capital is None or any(w.group().lower() in _ORGANISATION_STOPS for w in ahead[:capital]):
            break
        i += capital
    return end


def find_code_initials(text: str) -> list[Mention]:
    """ "các quy định của BLHS, BLTTHS": a code by its initials (the register's aliases without a type word)."""
    initials = register().initials
    mentions = []
    for m in _initials_pattern().finditer(text):
        name = initials[m.group("initials")]
        key = f"{name} {m.group('year')}" if m.group("year") else name
        doc_type = "Bộ luật" if name.startswith("Bộ luật") else name.split(" ", 1)[0]
        mentions.append(
            Mention(
                start=m.start(), end=m.end(), key=key, doc_type=doc_type, title=name, date=m.group("year"),
                head_end=m.end("initials"),
            )
        )  # fmt: skip
    return mentions


@lru_cache(maxsize=1)
def _initials_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(i) for i in sorted(register().initials, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w/-])(?P<initials>{alternatives})(?:\s+năm\s+(?P<year>(?:19|20)\d{{2}}))?(?![\w/-])"
    )


def find_congress_documents(text: str) -> list[Mention]:
    mentions = []
    for m in CONGRESS_DOCUMENT.finditer(text):
        doc_type = " ".join(m.group("type").split())
        mentions.append(_titled(m, f"{doc_type} {clean_name(m.group('name'))}"))
    return mentions


def find_bare_numbers(text: str) -> list[Mention]:
    mentions = []
    for m in BARE_NUMBER.finditer(text):
        doc_type = " ".join(m.group("type").split())
        for number in re.finditer(r"\d+", m.group("numbers")):
            start = m.start() if number.start() == 0 else m.start("numbers") + number.start()
            end = m.start("numbers") + number.end()
            key = number.group()
            mentions.append(
                Mention(start=start, end=end, key=key, doc_type=doc_type, title=key, head_end=end)
            )
    return mentions


def _titled(m: re.Match[str], title: str) -> Mention:
    doc_type = " ".join(m.group("type").split())
    return Mention(start=m.start(), end=m.end(), key=title, doc_type=doc_type, title=title, head_end=m.end())
