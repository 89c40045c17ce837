"""The "Nơi nhận" list and the signature: TM./KT./TL./TUQ. lines, the chức vụ, the signer's name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ingest.legacy_fonts import is_vietnamese_syllable
from ingest.lexicon import DOC_TYPES
from ingest.metadata.issuer import title_word
from ingest.metadata.recipients import BULLET, DASHES, clean_item
from ingest.metadata.words import (
    NEAR_DISTRIBUTION,
    TAIL_LIMIT,
    TOKEN,
    WordMemo,
    Words,
    collapse,
    is_upper_word,
    line_start,
    token_key,
)
from ingest.metadata_lexicon import (
    NAME_PREFIXES,
    PROVINCE_KEYS,
    SIGNER_TITLE,
    SURNAMES,
    modern_tones,
    word_key,
)

# "Nơi nhận:" at the start of the text or after a space, "." or "/"; the "N" first, as in NUMBER (this one is
# searched for in the whole text).
NOI_NHAN = re.compile(r"N(?<![^\s./]N)(?:ơi\s+nhận|ƠI\s+NHẬN)\s*:")
_MARKER = re.compile(r"(?<!\S)(?:TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|TUQ|Q)\.?(?=\s|$)")
_MARKER_TOKEN = re.compile(r"^(?:TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|TUQ|Q)\.?$|^(?:TM|KT|TL|TUQ)\.\S+$")
_GLUED_MARKER = re.compile(r"\b(TM|KT|TL|TUQ)\.(?=\S)")
# "(Đã ký)" where the signature was: after the name, or before it ("thủ tướng chính phủ (Đã ký) Phan Văn Khải");
# web copies also drop the brackets ("Nguyễn Tấn Dũng đã ký").
_SIGNED = re.compile(r"\s*(?:\(\s*(?:[Đđ]ã\s+ký|ký|Ký|Signed|signed)\s*\)|[Đđ]ã\s+ký\b)")
_SIGNED_BEFORE = re.compile(r"\(\s*(?:[Đđ]ã\s+ký|ký|Ký)\s*\)\s*$")


_INLINE_BULLET = re.compile(r"(?:^|\s)[-•+](?=\s)")  # items flattened onto the Nơi nhận line
_DISTRIBUTION_LIMIT = 6_000  # the longest Nơi nhận lists (a decree's) are about 1 KB


@dataclass(frozen=True)
class Distribution:
    items: list[str]
    span: tuple[int, int]


def find_distribution(text: str, stop: int | None = None) -> Distribution | None:
    """The Nơi nhận list: bulleted lines after "Nơi nhận:" (or bullets on its own line when flattened), up to
    `stop` (where the signature starts, when the two were flattened together)."""
    m = NOI_NHAN.search(text)
    if m is None:
        return None
    limit = min(len(text), m.end() + _DISTRIBUTION_LIMIT)
    if stop is not None and stop > m.end():
        limit = min(limit, stop)
    text = text[:limit]
    items: list[str] = []
    end = m.end()
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    first = text[m.end() : line_end]
    pieces = [p for p in _INLINE_BULLET.split(first) if p.strip()]
    for piece in pieces:
        sig = _MARKER.search(piece)
        if sig:
            piece = piece[: sig.start()]
        if piece.strip():
            items.append(clean_item(piece))
    if pieces:
        end = line_end
    pos = line_end
    while pos < len(text) and len(items) < 80:
        start = pos + 1
        pos = text.find("\n", start)
        pos = len(text) if pos < 0 else pos
        line = text[start:pos]
        if not line.strip():
            continue
        if not BULLET.match(line) or DASHES.match(line):
            break
        items.append(clean_item(line))
        end = start + len(line.rstrip(" \t|"))
    items = [i for i in items if i]
    return Distribution(items, (m.start(), end)) if items else None


@dataclass(frozen=True)
class Signature:
    name: str
    authority: str | None
    title: str | None
    span: tuple[int, int]


_APOSTROPHE = re.compile(r"['’]")


def is_name_word(word: str) -> bool:
    """A word of a person's name: "Nguyễn", "Y", "K'Ré" (names of the Central Highlands keep the apostrophe)."""
    if not word[:1].isupper():
        return False  # most words of a text, decided before any splitting
    parts = _APOSTROPHE.split(word)
    return all(p.isalpha() for p in parts) and (len(parts[0]) == 1 or parts[0][1:].islower())


def _is_surname_in_capitals(word: str) -> bool:
    return is_upper_word(word) and token_key(word) in SURNAMES


_NAME_WORDS = WordMemo(is_name_word)
_SURNAMES_IN_CAPITALS = WordMemo(_is_surname_in_capitals)


def _line_starts_with_bullet(text: str, pos: int) -> bool:
    """Is `pos` in a list item? A table cell starts a line of its own (Word and web tables put the Nơi nhận
    cell and the signature cell on one line, "- Lưu: VT. | KT. CHỦ TỊCH")."""
    start = line_start(text, pos)
    start = max(start, text.rfind("|", start, pos) + 1)
    return bool(BULLET.match(text, start)) and not text.startswith("--", start)


def signature_candidates(text: str, start: int, end: int) -> list[Signature]:
    """Names (2 to 5 capitalised words) under a capitalised title or after a TM./KT. line, or marked
    "(Đã ký)"; a name in the Nơi nhận list has no capitalised title above it."""
    words = Words(text, start, end)
    return titled_name_candidates(words) or capitals_name_candidates(words)


def titled_name_candidates(toks: Words) -> list[Signature]:
    """Names in the case of names ("Vũ Chiến Thắng") with a title above them or "(Đã ký)" after them."""
    text, words = toks.text, toks.words
    names = _NAME_WORDS.of(words)
    found: list[Signature] = []
    i = 0
    while True:
        try:
            i = names.index(True, i)  # a name starts at a name word: skip the others without a Python loop
        except ValueError:
            break
        if i > 0 and names[i - 1] and not toks.newline_before(i):
            i += 1  # inside a name already passed over
            continue
        if i + 1 == len(names) or not names[i + 1]:
            i += 1  # one capitalised word (a sentence's first): no name, and the commonest case
            continue
        j = name_run_end(toks, names, i)
        follows = j < len(words) and not toks.newline_before(j)
        if follows and j - i >= 3 and _opens_next_part(words[j - 1], words[j]):
            j -= 1  # "Trần Hồng Hà Phụ lục": the last capitalised word opens what follows the signature
        if j - i < 2 or j - i > 5:
            i = j
            continue
        signed = _SIGNED.match(text, toks.end(j - 1)) or _SIGNED_BEFORE.search(
            text, max(0, toks.start(i) - 20), toks.start(i)
        )
        title = title_run(toks, i)
        title_words = words[title.start : title.stop]
        if (
            title_words
            and (
                SIGNER_TITLE.search(word_key(" ".join(title_words)))
                or any(_MARKER_TOKEN.match(w) for w in title_words)
            )
        ) or signed:
            name_end = toks.end(j - 1)
            sig_start = toks.start(title.start) if title_words else toks.start(i)
            sig_end = max(signed.end(), name_end) if signed else name_end
            authority, role = (
                split_signer_lines(text[toks.start(title.start) : toks.end(title.stop - 1)])
                if title_words
                else (None, None)
            )
            name = collapse(text[toks.start(i) : name_end])
            found.append(Signature(name, authority, role, (sig_start, sig_end)))
        i = j
    return found


# What a copy may join to the signer's line: the heading of an annex ("Phụ lục", "Danh mục", "Mẫu số"), the title of
# the next document ("Công văn 5642/CT-CS …"), an English translation ("Circular No. 110/2025/TT-BTC …").
_FUNCTION_WORDS = frozenset(
    {"các", "những", "và", "của", "là", "được", "đã", "tại", "theo", "về", "cho", "với"}
)
_NEXT_PART_OPENINGS = frozenset(
    word_key(w) for w in ("phụ lục", "danh mục", "mẫu số", "biểu mẫu", *DOC_TYPES)
)


def _opens_next_part(last: str, after: str) -> bool:
    """Does the last word of a name run open what follows it on the line, not end the name?"""
    if word_key(f"{last} {after}") in _NEXT_PART_OPENINGS:
        return True
    if after[:1].islower():
        # "Vũ Thị Bích Việt Biểu mức …", "Bùi Văn Cường Quốc hội …": a capitalised word and a word in lower case
        # are a heading's first words; a function word follows a whole name ("Phạm Minh Chính các văn bản …")
        return word_key(after) not in _FUNCTION_WORDS
    # a word no Vietnamese syllable spells, before more text: "Cao Anh Tuấn Circular No. …" (a name of the
    # Central Highlands, "Ksor", "Niê", ends its line)
    return last.isascii() and not is_vietnamese_syllable(last) and not _NAME_WORDS(after)


def name_run_end(toks: Words, names: list[bool], i: int) -> int:
    """End (exclusive) of the run of name words from word i: at most six words, on one line, or on the next
    when a PDF broke the name over lines ("Vũ\\nChiến Thắng") — then only from a line of name words alone to
    another one."""
    j = i + 1
    alone: bool | None = None  # is word i alone at the start of its line? Looked up when first needed
    while j < len(names) and j - i < 6 and names[j]:
        if toks.newline_before(j):
            if alone is None:
                alone = _line_is(toks.text, toks.start(i), toks.start(i))
            if not (alone and _name_line(toks, names, j)):
                break
        j += 1
    return j


def capitals_name_candidates(toks: Words) -> list[Signature]:
    """Names printed in capitals ("PHÓ CHỦ TỊCH\\nNGUYỄN VĂN AN"): a line of two to five capitalised words that
    starts with a family name and stands right under a title line."""
    text, words = toks.text, toks.words
    found: list[Signature] = []
    surnames = _SURNAMES_IN_CAPITALS.of(words)
    i = 0
    while True:
        try:
            i = surnames.index(True, i + 1)  # not the first word: a title stands above the name
        except ValueError:
            break
        if not toks.newline_before(i):
            continue
        j = i + 1
        while j < len(words) and j - i < 6 and not toks.newline_before(j):
            j += 1
        name = words[i:j]
        if not 2 <= len(name) <= 5 or not all(w.isalpha() and is_upper_word(w) for w in name):
            continue
        title = title_run(toks, i)
        title_words = words[title.start : title.stop]
        if not title_words or not SIGNER_TITLE.search(word_key(" ".join(title_words))):
            continue
        if SIGNER_TITLE.search(word_key(" ".join(name))):
            continue  # a second title line, not a name
        authority, role = split_signer_lines(text[toks.start(title.start) : toks.end(title.stop - 1)])
        cased = modern_tones(" ".join(title_word(w) for w in name))
        found.append(Signature(cased, authority, role, (toks.start(title.start), toks.end(j - 1))))
    return found


_KY = re.compile(r"[Kk]ý")


def skip_before_name(words: list[str], k: int) -> int:
    """Index of the last word above a name once "(Đã ký)", "Đã ký" and a rank ("Thượng tướng", "TS.") are
    passed over."""
    while k >= 0:
        if not any(c.isalnum() for c in words[k]) and words[k] not in ("-", ","):
            k -= 1  # a mark left where the signature image was ("[", "*")
            continue
        if words[k].endswith(")"):
            j = next((j for j in range(k, max(-1, k - 7), -1) if words[j].startswith("(")), None)
            if j is not None and _KY.search(" ".join(words[j : k + 1])):
                k = j - 1
                continue
        if words[k] == "ký" and k > 0 and words[k - 1] in ("Đã", "đã"):
            k -= 2
            continue
        if NAME_PREFIXES.match(words[k]):
            k -= 1
            continue
        if k > 0 and NAME_PREFIXES.match(f"{words[k - 1]} {words[k]}"):
            k -= 2
            continue
        break
    return k


def _line_is(text: str, line_pos: int, start: int) -> bool:
    """Does the line of `line_pos` start at `start` (nothing but spaces before it)?"""
    return not text[line_start(text, line_pos) : start].strip()


def _name_line(toks: Words, names: list[bool], k: int) -> bool:
    """Is the line starting at word k made of name words only (and at most four)?"""
    n = 0
    while k + n < len(names) and (n == 0 or not toks.newline_before(k + n)):
        if not names[k + n] or n >= 4:
            return False
        n += 1
    return n > 0


def title_run(toks: Words, name_index: int) -> range:
    """The indices of the capitalised lines right above a name, not crossing into the Nơi nhận list above
    them."""
    words = toks.words
    last = skip_before_name(words, name_index - 1)
    k = last
    while k >= 0 and last - k < 16:
        word = words[k]
        if toks.newline_before(k + 1) and _line_starts_with_bullet(toks.text, toks.start(k)):
            break
        # a title broken over lines may end a line with a comma ("TRƯỞNG BAN BAN CHÍNH SÁCH, / THUẾ QUỐC TẾ")
        line_comma = word.endswith(",") and k < last and toks.newline_before(k + 1)
        in_title = _MARKER_TOKEN.match(word) or (
            is_upper_word(word) and (word[-1] not in ".,;:)" or line_comma)
        )
        if not in_title and not (word in ("-", ",") and k < last):
            break
        k -= 1
    first = k + 1
    while first <= last and words[first] in ("-", ","):
        first += 1
    marker = next((n for n in range(first, last + 1) if _MARKER_TOKEN.match(words[n])), None)
    if marker is not None:
        first = marker  # words before "TM." belong to whatever stood above the signature
    return range(first, last + 1)


# Chức vụ that can open the signer's title line, and that a KT./TL./TUQ. line names as the one it signs for.
_TITLE_PHRASE = re.compile(
    r"(?:PHÓ\s+)?(?:THỨ\s+TRƯỞNG|CHỦ\s+TỊCH|THỦ\s+TƯỚNG|CHÁNH\s+ÁN|BỘ\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|GIÁM\s+ĐỐC|"
    r"VIỆN\s+TRƯỞNG|TỔNG\s+CỤC\s+TRƯỞNG|CỤC\s+TRƯỞNG|CHI\s+CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG|"
    r"CHÁNH\s+THANH\s+TRA|TRƯỞNG\s+BAN|TRƯỞNG(?:\s+PHÒNG)?|BÍ\s+THƯ|CHỦ\s+NHIỆM|HIỆU\s+TRƯỞNG|THỐNG\s+ĐỐC|"
    r"TỔNG\s+KIỂM\s+TOÁN|TỔNG\s+THƯ\s+KÝ)(?=\s|$)"
)


def split_signer_lines(block: str) -> tuple[str | None, str | None]:
    """ "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" → ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    block = _GLUED_MARKER.sub(r"\1. ", block)
    markers = list(_MARKER.finditer(block))
    if not markers:
        return None, collapse(block) or None
    last = markers[-1]
    lines = [ln for ln in block[last.end() :].strip().split("\n") if ln.strip()]
    if len(lines) > 1:
        return collapse(block[: last.end()] + " " + lines[0]), collapse(" ".join(lines[1:]))
    flat = collapse(block[last.end() :])
    cut = _signer_title_start(flat, for_organ=last.group().startswith(("TM", "T/M", "T.M")))
    if cut is None:
        return collapse(block[: last.end()] + " " + flat), None
    return collapse(block[: last.end()] + " " + flat[:cut]), flat[cut:].strip() or None


def _signer_title_start(flat: str, *, for_organ: bool) -> int | None:
    """Where the signer's own title starts in a flattened "KT. BỘ TRƯỞNG THỨ TRƯỞNG" / "TM. CHÍNH PHỦ THỦ TƯỚNG".

    After TM. stands a body, so the title is the first chức vụ after its first word; after KT./TL./TUQ. stands
    a chức vụ, so the title is the one after it ("PHÓ …", "THỨ TRƯỞNG", "CHÁNH VĂN PHÒNG").
    """
    words = list(TOKEN.finditer(flat))
    if len(words) < 2:
        return None
    if not for_organ:
        for w in words[1:]:
            if w.group() == "PHÓ" or flat.startswith("THỨ TRƯỞNG", w.start()):
                return w.start()
        first = _TITLE_PHRASE.match(flat)
        if first and first.end() < len(flat):
            return len(flat) - len(flat[first.end() :].lstrip())
        return None
    for prev, w in pairwise(words):
        if _TITLE_PHRASE.match(flat, w.start()) and not _ORGAN_WITH_TITLE.match(flat, prev.start()):
            return w.start()
    return None


# Organs whose name holds a title: "T/M BAN BÍ THƯ" signs for the Secretariat, no "BÍ THƯ" signs there.
_ORGAN_WITH_TITLE = re.compile(r"BAN\s+BÍ\s+THƯ")


def find_signature(text: str, distribution: Distribution | None) -> Signature | None:
    """The signature of the document itself: next to its Nơi nhận (before or after it, as the columns were
    read), else after its closing "./.", else the last one of the text. Attachments after it have their own."""
    if distribution is not None:
        lo = max(0, distribution.span[0] - NEAR_DISTRIBUTION)
        hi = min(len(text), distribution.span[1] + NEAR_DISTRIBUTION)
        candidates = signature_candidates(text, lo, hi)
        if candidates:

            def distance(s: Signature) -> int:
                if s.span[0] >= distribution.span[1]:
                    return s.span[0] - distribution.span[1]
                return max(0, distribution.span[0] - s.span[1]) + 1

            return min(candidates, key=distance)
    closing = text.find("./.")
    if closing >= 0:
        candidates = signature_candidates(text, closing + 3, min(len(text), closing + 800))
        if candidates:
            return candidates[0]
    base = max(0, len(text) - TAIL_LIMIT)
    candidates = signature_candidates(text, base, len(text))
    if candidates:
        return candidates[-1]
    return signature_beside_list(text) or marked_signature(text)


# A signature block opens its line with "TM."/"KT."/"TL."/"TUQ." and a body or title in capitals. The pattern opens
# with the line break, so that the search skips from one line to the next.
_MARKED_LINE = re.compile(r"\n[ \t|*]*(?:TM|T/M|KT|K/T|TL|TUQ)\.?[ \t]+(?=[A-ZĐ])")
_MARKED_ZONE = 400_000  # the body of the longest decree; the annexes after it carry no signature of their own
_MARKED_MAX = 20


def marked_signature(text: str) -> Signature | None:
    """The first signature block that a "TM."/"KT." line opens, wherever it stands: a Gazette decree without a
    Nơi nhận signs before its long annex tables."""
    for k, m in enumerate(_MARKED_LINE.finditer(text, 0, min(len(text), _MARKED_ZONE))):
        if k >= _MARKED_MAX:
            break
        candidates = [
            c for c in signature_candidates(text, m.start(), m.start() + 400) if c.span[0] >= m.start()
        ]
        if candidates:
            return candidates[0]
    return None


# The table of a signature page is read row by row: the signer's column runs beside the Nơi nhận list, so that the
# title, "(Đã ký)" and the name end lines of the list ("- Sở, Ban ngành TP Võ Thanh Tòng", "- Lưu: VT,TTr. Đặng
# Hạnh Thu", "- Các Tổng cục, Cục, Vụ,Viện, đơn vị Vũ Văn Ninh thuộc Bộ Tài chính").
_BESIDE_BEFORE = 300  # the title line may stand just above "Nơi nhận:"
_BESIDE_AFTER = 1_500
_SIGN_EVIDENCE = re.compile(
    r"(?<![^\W\d_])(?:[Tt]/[Mm]|(?:[Tt][Mm]|[Kk][Tt]|[Tt][Ll]|TUQ)\s*[./])(?=\s*[^\W\d_])|\(\s*[Đđ]ã\s+ký\s*\)"
)
_ITEM_PUNCTUATION = ";,:("


def signature_beside_list(text: str) -> Signature | None:
    """The signer's name read out of the Nơi nhận list it was printed beside: a name (two to four name words, a
    family name first, no place) that does not open an item and does not end one with ";" or ",", in a list that
    also holds the signature's marks ("KT/", "TM.", "(Đã ký)")."""
    noi_nhan = NOI_NHAN.search(text)
    if noi_nhan is None:
        return None
    lo, hi = max(0, noi_nhan.start() - _BESIDE_BEFORE), min(len(text), noi_nhan.end() + _BESIDE_AFTER)
    evidence = _SIGN_EVIDENCE.search(text, lo, hi)
    if evidence is None:
        return None
    words = Words(text, noi_nhan.end(), hi)
    names = _NAME_WORDS.of(words.words)
    i = 0
    while i < len(words.words):
        if (
            not names[i]
            or token_key(words.words[i]) not in SURNAMES
            or (i > 0 and names[i - 1] and not words.newline_before(i))
        ):
            i += 1
            continue
        j = i + 1
        while j < len(words.words) and j - i < 4 and names[j] and not words.newline_before(j):
            j += 1
        if _stands_beside(text, words, i, j):
            name = collapse(text[words.start(i) : words.end(j - 1)])
            return Signature(name, None, None, (words.start(i), words.end(j - 1)))
        i = j
    return None


def _stands_beside(text: str, words: Words, i: int, j: int) -> bool:
    """Is the name words[i:j] a signer's beside a list, not a list item or a place?"""
    n = j - i
    if not 2 <= n <= 4 or word_key(" ".join(words.words[i:j])) in PROVINCE_KEYS:
        return False
    if words.words[j - 1][-1:] in _ITEM_PUNCTUATION:
        return False
    first_on_line = i == 0 or words.newline_before(i)
    if not first_on_line and BULLET.fullmatch(text[line_start(text, words.start(i)) : words.start(i)] + " "):
        return False  # "- Lưu Văn phòng …": it opens an item
    if first_on_line and BULLET.match(text, line_start(text, words.start(i))):
        return False
    at_line_end = j == len(words.words) or words.newline_before(j)
    if at_line_end:
        return True
    after = words.words[j]
    if after.startswith("(") or after in ("đã", "Đã"):
        return bool(_SIGNED.match(text, words.end(j - 1)))
    # inside a line, between words in lower case: "… đơn vị Vũ Văn Ninh thuộc Bộ Tài chính"
    return n >= 3 and after[:1].islower() and not first_on_line and words.words[i - 1][:1].islower()


_JOINT_REACH = 2_000


def joint_signatures(text: str, signature: Signature) -> list[Signature]:
    """The signatures of a text that several bodies issue (thông tư liên tịch): one block for each, side by side
    or one under the other with nothing but space between them; in their printed order."""
    lo, hi = max(0, signature.span[0] - _JOINT_REACH), min(len(text), signature.span[1] + _JOINT_REACH)
    found = sorted(signature_candidates(text, lo, hi), key=lambda s: s.span)
    at = next((k for k, s in enumerate(found) if s.span == signature.span), None)
    if at is None:
        return [signature]
    first, last = at, at
    while first > 0 and _only_space(text, found[first - 1].span[1], found[first].span[0]):
        first -= 1
    while last + 1 < len(found) and _only_space(text, found[last].span[1], found[last + 1].span[0]):
        last += 1
    return found[first : last + 1]


def _only_space(text: str, start: int, end: int) -> bool:
    return 0 <= end - start <= 300 and not any(c.isalnum() for c in text[start:end])
