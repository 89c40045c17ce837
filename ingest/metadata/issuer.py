"""The issuing body: from the header's capitals, the signature's "TM." line, the body of the text, or the number."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.metadata.number import CODE_SEPARATOR, type_from_number
from ingest.metadata.words import Token, collapse, is_upper_word, token_key, tokens_in
from ingest.metadata_lexicon import (
    BARE_HEADS,
    BODY_ABBREVIATIONS,
    BODY_HEADS,
    CASED_MAX_WORDS,
    CASED_PHRASES,
    CENTRAL_CITIES,
    GAZETTE_SECTIONS,
    HEADS_BEFORE_LOCALITY,
    ISSUER_CODES,
    JOINT_TYPE_CODES,
    LOCAL_BODIES,
    LOCALITY_LEVEL,
    ORGAN_HEADS,
    PEER_BODIES,
    PROVINCE_KEYS,
    PROVINCE_MAX_WORDS,
    modern_tones,
    word_key,
)

_CONNECTORS = frozenset({"-", ",", "&"})
_TERM = re.compile(r"NHIỆM\s+KỲ\s+\d{4}\s*[-–]\s*\d{4}[\s|_*=-]*$")


def issuer_run_before(head: str, anchor: int) -> list[Token]:
    """The capitalised words just before `anchor` (the Quốc hiệu or the number): the issuing body, with the
    body above it. A website title line above the header stops the run by its lower case or its digits."""
    term = _TERM.search(head, max(0, anchor - 80), anchor)
    if term:
        # "… LẦN THỨ XXI, NHIỆM KỲ 2021 - 2026": the term of a congress is not its name
        anchor = len(head[: term.start()].rstrip(" \t\n,"))
    toks = tokens_in(head, max(0, anchor - 600), anchor)
    while toks and not any(c.isalnum() for c in toks[-1].text):
        toks.pop()  # the rule under the issuer, table pipes
    run: list[Token] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        text = tok.text.strip("|")
        if text in _CONNECTORS and run:
            run.append(tok)
            continue
        # A district may be a number ("QUẬN 3", "PHƯỜNG 12"); other digits belong to a title line or a number.
        numbered_locality = text.isdigit() and i > 0 and token_key(toks[i - 1].text) in ("quận", "phường")
        if not numbered_locality and (not is_upper_word(text) or _has_digit(text) or text.endswith(":")):
            break
        run.append(tok)
        if len(run) >= 24:
            break
    run.reverse()
    run = _without_page_furniture(run)
    while run and run[0].text in _CONNECTORS:
        run.pop(0)
    return run


def _without_page_furniture(run: list[Token]) -> list[Token]:
    """The Official Gazette prints its section ("VĂN BẢN QUY PHẠM PHÁP LUẬT") and the issuer as a running head above
    the document's own header: the run starts after the section, and a body printed twice is one."""
    keys = token_key.of([t.text for t in run])
    for k in range(len(run) - 1, -1, -1):
        for phrase in GAZETTE_SECTIONS:
            n = len(phrase)
            if tuple(keys[k : k + n]) == phrase:
                run, keys = run[k + n :], keys[k + n :]
                break
        else:
            continue
        break
    half = len(run) // 2
    if len(run) % 2 == 0 and half and keys[:half] == keys[half:]:
        run = run[half:]
    return run


def capitals_between(head: str, start: int, stop: int) -> list[Token]:
    """The words between two points of the header when all of them are capitals (separators aside)."""
    toks = [t for t in tokens_in(head, start, stop) if any(c.isalnum() for c in t.text)]
    if not toks or len(toks) > 20 or not all(is_upper_word(t.text) and not _has_digit(t.text) for t in toks):
        return []
    return toks


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


@dataclass(frozen=True)
class Body:
    """One body of a header: "LIÊN ĐOÀN LAO ĐỘNG" + level "huyện" + locality "YÊN ĐỊNH"."""

    words: tuple[str, ...]  # the body without its locality, as printed
    head: str  # the key of its kind ("ủy ban nhân dân", "sở", "" when unknown)
    level: str | None  # key of the locality level ("tỉnh")
    locality: tuple[str, ...]  # the locality name as printed


class Heads:
    """Names of kinds of body or of levels ("ủy ban nhân dân", "sở", "thị xã"), to find at a word of a run."""

    def __init__(self, heads: Iterable[str]) -> None:
        # By word count, each with its place in the given order: the first head in that order wins.
        self.by_length: dict[int, dict[str, int]] = {}
        for rank, head in enumerate(heads):
            self.by_length.setdefault(len(head.split()), {}).setdefault(head, rank)

    def at(self, keys: list[str], i: int) -> str | None:
        """The first head, in the given order, that the keys from i spell ("ủy", "ban", "nhân", "dân", …)."""
        # Keys hold no spaces, so n keys can only spell a head of n words: one join per length, not per head.
        best: tuple[int, str] | None = None
        for n, ranks in self.by_length.items():
            phrase = " ".join(keys[i : i + n])
            rank = ranks.get(phrase)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, phrase)
        return best[1] if best else None


def _heads_sorted(heads: Iterable[str]) -> list[str]:
    return sorted(heads, key=lambda h: len(h.split()), reverse=True)


_ALL_HEADS = Heads(_heads_sorted(BODY_HEADS + ORGAN_HEADS))
_SPLIT_HEADS = Heads(_heads_sorted(BODY_HEADS))
_LEVELS = Heads(_heads_sorted(LOCALITY_LEVEL))
_HEADS_BEFORE_LOCALITY = Heads(HEADS_BEFORE_LOCALITY)


def split_bodies(words: list[str]) -> list[Body]:
    """The bodies stacked in a header run, each starting at the name of a kind of body."""
    words = [w for w in (expand_abbreviation(w) for w in words) for w in w.split()]
    keys = token_key.of(words)
    bodies: list[tuple[int, int, str]] = []  # start, end, head
    start, head = 0, _ALL_HEADS.at(keys, 0) or ""
    i = len(head.split()) if head else 1
    while i < len(words):
        new = _SPLIT_HEADS.at(keys, i)
        if new is None and i + 1 < len(keys) and keys[i + 1] in ("tỉnh", "thành", "tp", "huyện", "quận"):
            new = _HEADS_BEFORE_LOCALITY.at(keys, i)
        names_before = i - start - len(head.split())
        names_after = len(words) - i - len(new.split()) if new else 0
        peers = head in PEER_BODIES and new in PEER_BODIES and new != head and names_before == 0
        if (
            new
            and head not in ORGAN_HEADS
            and (names_before >= (1 if head else 2) or peers)
            and (names_after >= 1 or new in BARE_HEADS)
        ):
            bodies.append((start, i, head))
            start, head = i, new
            i += len(new.split())
            continue
        i += 1
    bodies.append((start, len(words), head))
    return [_locate(words[s:e], keys[s:e], h) for s, e, h in bodies]


def expand_abbreviation(word: str) -> str:
    return BODY_ABBREVIATIONS.get(word.rstrip(",;"), word)


def _locate(words: list[str], keys: list[str], head: str) -> Body:
    """Split a body's words into its name and its locality ("… TỈNH THANH HÓA")."""
    first = len(head.split()) if head else 1
    for i in range(first, len(words) - 1):
        level = _LEVELS.at(keys, i)
        if level is None:
            continue
        rest = keys[i + len(level.split()) :]
        if level == "xã" and rest[:1] == ["hội"]:
            continue
        return Body(
            tuple(words[:i]),
            head,
            "thành phố" if level == "tp" else level,
            tuple(words[i + len(level.split()) :]),
        )
    return Body(tuple(words), head, None, ())


_VOWEL = re.compile(
    r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def title_word(word: str) -> str:
    """ "THĂNG" → "Thăng"; a word without a vowel is an abbreviation and keeps its capitals ("TNCS", "MTTQ")."""
    if not _VOWEL.search(word):
        return word
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


_PLACE_NAMED_BODIES = frozenset(["tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy"])


def case_body_words(words: Iterable[str]) -> str:
    """Capitals to the case of a body's name: fixed names as written, a field capitalised after its kind
    ("BỘ TÀI CHÍNH" → "Bộ Tài chính", "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo")."""
    words = list(words)
    keys = token_key.of(words)
    out: list[str] = []
    capitalise = True
    i = 0
    while i < len(words):
        phrase = None
        for n in range(min(CASED_MAX_WORDS, len(words) - i), 0, -1):
            phrase = CASED_PHRASES.get(" ".join(keys[i : i + n]))
            if phrase and phrase[1] and i > 0:
                phrase = None  # a kind of body opens a name; inside one it is a word ("Bộ Nội vụ")
            if phrase:
                out.append(phrase[0])
                capitalise = phrase[1]
                i += n
                break
        if phrase:
            if i == n and " ".join(keys[:n]) in _PLACE_NAMED_BODIES:
                # "HUYỆN ỦY GIA LÂM": a party committee is named by its place, a proper name.
                out.extend(title_word(w) for w in words[i:])
                break
            continue
        place = _province_at(keys, i)
        if place:
            out.extend(title_word(w) for w in words[i : i + place])
            capitalise = False
            i += place
            continue
        word = words[i]
        if keys[i] == "và":
            out.append("và")
            capitalise = True
        elif not any(c.isalpha() for c in word):
            out.append(word)
            capitalise = True
        else:
            out.append(title_word(word) if capitalise or not _VOWEL.search(word) else word.lower())
            capitalise = word.endswith(",")
        i += 1
    return modern_tones(" ".join(out))


def _province_at(keys: list[str], i: int) -> int:
    """Length of the province name starting at word i ("ĐÀ NẴNG" in a university's name), or 0."""
    for n in range(min(PROVINCE_MAX_WORDS, len(keys) - i), 1, -1):
        if " ".join(keys[i : i + n]) in PROVINCE_KEYS:
            return n
    return 0


def locality_text(level: str | None, name: Iterable[str]) -> str:
    """ "tỉnh Lai Châu"; a name may hold the levels above it ("XÃ MỸ HẠNH HUYỆN ĐỨC HÒA" → "xã Mỹ Hạnh, huyện
    Đức Hòa")."""
    words = list(name)
    keys = token_key.of(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        inner = _LEVELS.at(keys, i) if 0 < i < len(words) - 1 else None
        if inner and not (inner == "xã" and keys[i + 1 : i + 2] == ["hội"]):
            out[-1] += ","
            out.append("thành phố" if inner == "tp" else inner)
            i += len(inner.split())
            continue
        if keys[i : i + 2] == ["lần", "thứ"]:
            # "HUYỆN GIA LÂM LẦN THỨ XXI": the ordinal of a congress follows its locality
            out.extend(["lần", "thứ", *(w.rstrip(",") for w in words[i + 2 :])])
            break
        out.append(title_word(words[i]))
        i += 1
    name_text = modern_tones(" ".join(out)).rstrip(",")
    if not level:
        return name_text
    # "Thành phố Hồ Chí Minh" is the city's name; other levels are common nouns.
    level_text = "Thành phố" if word_key(name_text) == "hồ chí minh" else level
    return f"{level_text} {name_text}".strip()


def body_text(body: Body) -> str:
    text = case_body_words(body.words)
    if body.level:
        text = f"{text} {locality_text(body.level, body.locality)}"
    return text


def _level_rank(body: Body) -> int:
    if body.level is None:
        return 0
    if body.level == "thành phố" and word_key(" ".join(body.locality)) not in CENTRAL_CITIES:
        return 2
    return LOCALITY_LEVEL[body.level]


def compose_issuer(bodies: list[Body]) -> tuple[str | None, Body | None]:
    """The issuing body is the last one of the header; it takes the locality of the one above it when it has
    none of its own ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" under "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")."""
    bodies = [b for b in bodies if b.words]
    if not bodies:
        return None, None
    issuer = bodies[-1]
    text = body_text(issuer)
    if len(bodies) >= 2 and _share_locality(bodies[-2], issuer):
        # "ỦY BAN NHÂN DÂN / ỦY BAN MTTQ VIỆT NAM / TỈNH ĐẮK LẮK": two bodies of one locality issue it together
        other = bodies[-2]
        return f"{body_text(other)} {locality_text(issuer.level, issuer.locality)} - {text}", issuer
    parent = next((b for b in reversed(bodies[:-1]) if b.level and b.locality), None)
    if parent is not None:
        if (
            issuer.level is None
            and len(issuer.words) == len(issuer.head.split())
            and issuer.head in BARE_HEADS
        ) or word_key(" ".join(issuer.words)) in ORGAN_HEADS:
            # "HỘI NÔNG DÂN TỈNH NAM ĐỊNH / BAN THƯỜNG VỤ": an organ is named with its whole body.
            text = f"{text} {body_text(parent)}"
        elif issuer.level is None:
            text = f"{text} {locality_text(parent.level, parent.locality)}"
        elif _level_rank(issuer) > _level_rank(parent):
            text = f"{text}, {locality_text(parent.level, parent.locality)}"
    return text, issuer


def _share_locality(upper: Body, lower: Body) -> bool:
    """Two bodies of a locality that are never one under the other, printed one above the other with the
    locality only once: the upper one, lacking it, shares the lower one's."""
    return (
        upper.head in PEER_BODIES
        and lower.head in PEER_BODIES
        and upper.head != lower.head
        and not upper.locality
        and len(upper.words) == len(upper.head.split())
        and bool(lower.locality)
    )


def issuer_lacks_locality(body: Body | None) -> bool:
    return body is not None and body.head in LOCAL_BODIES and not body.locality


_CITY_PREFIX = re.compile(r"^(?:Thành\s+phố|Thành\s+Phố|TP\.?|Tp\.?)\s*")


def complete_locality(text: str, body: Body, level: str | None, place: str | None) -> str:
    """ "Ủy ban nhân dân" alone in a header: the level comes from the authority line if it gives one ("UỶ BAN
    NHÂN DÂN TỈNH"), the name from the date line when that names a province."""
    if not place:
        return text
    place_name = _CITY_PREFIX.sub("", place)
    province = word_key(place_name) in PROVINCE_KEYS
    level = level or body.level
    if level is None:
        if not province:
            return text
        level = "thành phố" if word_key(place_name) in CENTRAL_CITIES else "tỉnh"
    elif LOCALITY_LEVEL.get(level, 0) == 1 and not province:
        return text
    # The name may already end with the level word ("Liên đoàn Lao động tỉnh"): the locality replaces it.
    base = text
    for word in {w for w in (body.level, level) if w is not None}:
        if base.lower().endswith(f" {word}"):
            base = base[: -len(word)].rstrip()
    return f"{base} {locality_text(level, place_name.split())}"


# Verbs with which a letter's body names its sender ("Bộ Tài nguyên và Môi trường hướng dẫn …").
_SENDER_VERB = re.compile(
    r"\s(?:yêu\s+cầu|đề\s+nghị|hướng\s+dẫn|có\s+ý\s+kiến|trả\s+lời|thông\s+báo|chỉ\s+đạo|kính\s+đề\s+nghị"
    r"|ban\s+hành|họp)\b"
)
_CONFERENCE = re.compile(r"^Hội\s+nghị\s+(?:lần\s+thứ\s+\S+\s+)?(?=Ban\s)")
# "(khóa XV)" after a committee's name; "(sau đây viết/gọi tắt là …)" after a name given in full, which may be
# as long as a sentence ("Ban chỉ đạo của Chính phủ về sắp xếp đơn vị hành chính … 02 cấp (sau đây viết là …)").
_TERM_NOTE = re.compile(r"(?<!\s)\s*\(\s*(?:khóa|khoá|Khóa|Khoá)\s+[^()]{1,20}\)")
_DEFINED_NAME = re.compile(
    r"^(?P<name>[^()]{3,300}?)\s*\(\s*sau\s+đây\s+(?:viết|gọi)(?:\s+tắt)?\s+là\b[^()]{1,120}\)$"
)
_BODY_OPENING = re.compile(r"(?:Bộ|Ủy\s+ban|Uỷ\s+ban|Ban|Hội\s+đồng|Sở|Tổng\s+cục|Cục|Văn\s+phòng)\s")
_SENDER = re.compile(
    r"(?:(?:Ban\s+Thường\s+vụ|Ban\s+Chấp\s+hành|Thường\s+trực|Lãnh\s+đạo|Tập\s+thể\s+lãnh\s+đạo)\s+)?"
    r"(?P<org>(?:Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|LĐLĐ|Sở|Tổng\s+cục|Cục|Chi\s+cục|Liên\s+đoàn|Hội\s+đồng|"
    r"Chính\s+phủ|Thủ\s+tướng|Văn\s+phòng|Bảo\s+hiểm|Kho\s+bạc|Thuế|Công\s+an|Ngân\s+hàng|Trung\s+tâm|Ban|"
    r"Phòng|Viện)(?:\s[^\d,.;:()]{0,120})?)$"
)
# A clause with these words says something about a body ("… đã ban hành", "đề nghị của Sở …"); it is not one.
_NOT_A_NAME = re.compile(r"\s(?:của|tại|theo|về|cho|đã|sẽ|đang|vừa|cũng|được|có|không|chưa|để)(?:\s|$)")
_ABBREVIATED_BODY = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "LĐLĐ": "Liên đoàn Lao động"}


def issuer_from_body(text: str, start: int, end: int) -> str | None:
    """The sender as the first sentences name it ("Bộ Tài nguyên và Môi trường hướng dẫn …"), for a text that
    lost its header."""
    for i, verb in enumerate(_SENDER_VERB.finditer(text, start, end)):
        if i >= 30:
            break
        clause_start = max(text.rfind(c, start, verb.start()) for c in ",.;:\n") + 1
        clause = _TERM_NOTE.sub("", text[max(clause_start, start) : verb.start()]).strip()
        clause = _CONFERENCE.sub("", clause)  # "Hội nghị lần thứ 4 Ban Chấp hành … họp": the committee meets
        defined = _DEFINED_NAME.match(clause)
        if defined and _BODY_OPENING.match(defined.group("name")):
            return modern_tones(collapse(defined.group("name")))
        m = _SENDER.match(clause)
        # a kind of body alone names none ("Ban chỉ đạo …": the verb is part of the name)
        if m and 2 <= len(clause.split()) <= 14 and not _NOT_A_NAME.search(clause):
            words = [_ABBREVIATED_BODY.get(w, w) for w in m.group("org").split()]
            # "Bộ trưởng Bộ Giáo dục và Đào tạo ban hành …": a minister's text is his ministry's
            if word_key(" ".join(words[:2])) in _ROLES_OF_BODY and len(words) > 2:
                words = words[2:]
            return modern_tones(" ".join(words))
    return None


_SIGNS_FOR = re.compile(r"(?:TM|T/M)\.?\s+(?P<org>[^\n]+?)(?=\s+(?:KT|K/T|TL|TUQ|Q)\.|$)")


def issuer_from_authority(authority: str) -> str | None:
    """ "TM. ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân": who the signer signs for ("TM. BAN THƯỜNG VỤ" names an
    organ of a body it does not name, so no issuer)."""
    m = _SIGNS_FOR.search(authority)
    if not m:
        return None
    bodies = split_bodies(m.group("org").split())
    text, body = compose_issuer(bodies)
    return None if body is None or body.head in ORGAN_HEADS else text


_TRAILING_DIGITS = re.compile(r"\d+$")


def issuer_from_number(number: str | None) -> str | None:
    """The body an issuer code names ("1127/LĐLĐ" → Liên đoàn Lao động, "10989/BNV-TCBC" → Bộ Nội vụ): the code
    after the type code, or the first code when there is no type code."""
    if not number:
        return None
    parts = [p for p in CODE_SEPARATOR.split(number.strip()) if p and not p.isdigit()]
    if parts and type_from_number(number):
        parts = parts[1:]
    if not parts:
        return None
    code = _TRAILING_DIGITS.sub("", parts[0])  # "QH15" is the 15th Quốc hội
    return ISSUER_CODES.get(code)


# Titles before a body's name that make the body the issuer ("CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH": a minister's decision
# is his ministry's); the Chairman of a People's Committee and the Prime Minister are issuers in their own name.
_ROLES_OF_BODY = (
    "bộ trưởng",
    "thống đốc",
    "tổng cục trưởng",
    "cục trưởng",
    "giám đốc",
    "chánh án",
    "viện trưởng",
)
# What a title adds to the National Assembly's name: the state's name, the term and the session ("QUỐC HỘI NƯỚC CỘNG
# HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM KHÓA XI, KỲ HỌP THỨ 8").
_STATE_NAME = re.compile(
    r"(?<!\s)(?:\s+nước\s+cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam)?(?:\s+khóa\s+[ivxlcdm]+\b[^\n]{0,80})?$",
    re.IGNORECASE,
)


def title_issuer(bodies: list[list[str]]) -> str | None:
    """The issuer a title's "CỦA …" clause names: "QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" → "Quốc hội";
    several bodies ("BỘ CHÍNH TRỊ, BAN BÍ THƯ") are joint issuers, joined with " - " in their order."""
    names = []
    for words in bodies:
        keys = token_key.of(words)
        role = next((r for r in _ROLES_OF_BODY if " ".join(keys[: len(r.split())]) == r), None)
        if role and len(words) > len(role.split()):
            words = words[len(role.split()) :]
        text, _ = compose_issuer(split_bodies(words))
        if text:
            names.append(_STATE_NAME.sub("", modern_tones(text)))
    return " - ".join(names) or None


def joint_issuer_from_number(number: str | None) -> str | None:
    """The issuers of a joint text (thông tư liên tịch …), named by the issuer codes of its number, in their order
    ("89/2016/TTLT-BTC-BCT" → "Bộ Tài chính - Bộ Công Thương"); None unless every code is known."""
    if not number:
        return None
    parts = [p for p in CODE_SEPARATOR.split(number.strip()) if p and not p.isdigit()]
    if not any(p.upper() in JOINT_TYPE_CODES for p in parts):
        return None
    codes = [_TRAILING_DIGITS.sub("", p) for p in parts if p.upper() not in JOINT_TYPE_CODES]
    names = [ISSUER_CODES.get(c) for c in codes]
    if len(names) < 2 or None in names:
        return None
    return " - ".join(n for n in names if n)


# The right column of a Party or Youth Union header names the organisation that the left column's committee
# belongs to: "BAN CHẤP HÀNH TRUNG ƯƠNG / ĐẢNG CỘNG SẢN VIỆT NAM" is the Party's Central Committee, "BCH ĐOÀN TỈNH
# LÂM ĐỒNG / ĐOÀN TNCS HỒ CHÍ MINH" the provincial committee of the Youth Union.
_PARTY = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN", re.IGNORECASE)
_UNION = re.compile(r"ĐOÀN\s+TNCS", re.IGNORECASE)
_UNION_NAME = "Đoàn TNCS Hồ Chí Minh"
_CENTRAL = re.compile(r"(?<!\S)Trung ương$")
# The Central Committee's letterhead is printed on the texts of its organs too (Quy định về thể thức văn bản của
# Đảng): the organ the signer signs for ("T/M BAN BÍ THƯ") is the issuer.
_CENTRAL_ORGANS = {"ban bí thư": "Ban Bí thư Trung ương", "bộ chính trị": "Bộ Chính trị"}
_SIGNS_FOR_ORGAN = re.compile(r"(?:TM|T/M|T\.M)\.?\s+(?P<organ>[^\n]{1,80}?)\s*(?=$|KT|K/T|TL|TUQ)")


def complete_from_column(issuer: str, right_column: str, authority: str | None) -> str:
    """The issuer with the organisation its header's right column names."""
    if _PARTY.search(right_column) and issuer == "Ban Chấp hành Trung ương" and authority:
        m = _SIGNS_FOR_ORGAN.search(authority)
        organ = _CENTRAL_ORGANS.get(word_key(m.group("organ"))) if m else None
        issuer = organ or issuer
    if _PARTY.search(right_column) and _CENTRAL.search(issuer):
        return f"{issuer} Đảng"
    if _UNION.search(right_column) and "TNCS" not in issuer:
        if _CENTRAL.search(issuer):
            return f"{issuer} {_UNION_NAME}"
        return re.sub(r"(?<!\S)Đoàn(?!\S)", _UNION_NAME, issuer, count=1)
    return issuer
