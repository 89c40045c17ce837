"""Decide how the document relates to each document it mentions, and what it says about the others.

The relation comes from the clause around a mention (examples/ANNOTATION_GUIDE.md): "Căn cứ …" → based_on,
"Thực hiện …" → implements, "xét đề nghị … tại …" → responds_to, "sửa đổi, bổ sung …" → amends, and so on.
In a sentence the mentions form a chain: the first one after a cue is its object; the next ones are either
coordinated with it ("Nghị định A, Nghị định B") and share its relation, or named in its description ("Nghị định A
quy định chi tiết Luật B"), in which case the text asserts a relation between A and B and this document merely
cites B.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ingest.citations import Mention
from ingest.confidence import PRIORS
from ingest.lexicon import LOW
from ingest.normalise import Footnote
from ingest.parts import amended_parts, is_article_heading
from ingest.relation_table import (
    CHANGED_VERBS,
    CHANGES_FORCE,
    DETAIL_TABLE,
    KIND,
    REFERRING_CUES,
    RELATION_TABLE,
)

# Cue → relation, in the order they are tried at one position: referring phrases first, then the table's rows.
_CUES: list[tuple[str, str]] = [("cites", "|".join(REFERRING_CUES))] + [
    (kind.name, "|".join(kind.cues)) for kind in RELATION_TABLE if kind.cues
]
_CUE = re.compile(
    "|".join(f"(?P<{rel}{i}>(?<![\\w])(?:{pat})(?![\\w]))" for i, (rel, pat) in enumerate(_CUES)),
    re.IGNORECASE,
)


# The same cues for lower-cased text, tried at word starts only.
_CUE_LOWER = re.compile(r"(?<![\w])(?=\w)(?:" + _CUE.pattern + ")")


def _relation_of(m: re.Match[str]) -> str:
    return (m.lastgroup or "cites").rstrip("0123456789")


# Words of a description: after a mention, they tell what that document does to the next one.
_DESCRIPTION = re.compile(
    r"(?<![\w])(?P<verb>sửa đổi(?:,?\s*bổ sung)?|bổ sung|thay thế|bãi bỏ"
    r"|quy định chi tiết(?:(?:\s+[^\s;.]+){0,6}?\s+(?:hướng dẫn\s+)?thi hành|\s+(?:và\s+)?hướng dẫn)?"
    r"|hướng dẫn(?:\s+(?:thực hiện|thi hành))?"
    r"|giải thích|triển khai(?:\s+(?:thực hiện|thi hành))?|thực hiện|thi hành|cụ thể (?:hóa|hoá)"
    r"|ban hành kèm theo|kèm theo|phê duyệt"
    r"|về|quy định|theo|tại)(?![\w])",
    re.IGNORECASE,
)
# What a description verb says the described document does to the next one. Weak verbs ("về", "theo", "tại")
# only carry a relation when no strong verb stands beside them.
_DESCRIPTION_RELATION = {verb: kind.name for kind in RELATION_TABLE for verb in kind.described_by}
_WEAK_VERBS = {"về", "theo", "tại", "quy định", "kèm theo", "ban hành kèm theo", "phê duyệt"}
# "A … (đã được) sửa đổi, bổ sung bởi B", "A (đã được thay thế bởi B)", a consolidated text's "A …, được sửa đổi,
# bổ sung bởi:" then B on the next line: B acts on A, the text says so.
_PASSIVE_ACT = re.compile(
    rf"(?:đã\s+)?(?:được\s+|bị\s+)?(?P<verb>{CHANGED_VERBS})"
    r"(?:,?\s+\S+){0,4}?\s+(?:bởi|theo|tại)(?:\s+(?:điểm|khoản|điều|mục|chương)\s+[\w.]+,?)*\s*:?\s*$",
    re.IGNORECASE,
)
# How far back a sentence that opens on a passive ("Được thay thế bởi …") looks for the document its row named.
_ROW_REACH = 600
# Only a document of the same or higher rank changes another: a decree amends a decree, never a law.
_STATUTES = frozenset(["Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"])
_ACTS_ON_STATUTES = _STATUTES | {"Nghị quyết"}
_ANOTHER_SOURCE = re.compile(
    r"^[\s,]*(?:và|cùng)\s+(?:của\s+)?[^;]{0,120}?\btại\s*(?:[^\s;]+\s+){0,2}$", re.I
)
# "Thực hiện Chỉ thị số 05/CT-TTg, UBND tỉnh yêu cầu các sở báo cáo theo Công văn số 12/UBND-KT": after the
# comma a body is the subject of this document's own main clause; what follows no longer describes the first
# document, so nothing is asserted between them.
_MAIN_CLAUSE = re.compile(
    r",\s+(?:UBND|Ủy ban|Uỷ ban|Sở|Bộ|Thủ tướng|Chủ tịch|Văn phòng|Cục|Tổng cục|Ban Thường vụ|Tỉnh ủy|Huyện ủy)"
    r"(?![\w])[^,;]{0,60}?\s(?:yêu cầu|đề nghị|chỉ đạo|giao|hướng dẫn|có ý kiến|thông báo|ban hành)(?![\w])"
)
# A gap that opens with a conjunction: what follows is another clause of the same subject.
_COORDINATED_CLAUSE = re.compile(r"^\s*,?\s*(?:và|đồng thời)\s+(?:tiếp tục\s+)?", re.IGNORECASE)
_ENDS_WITH_AND = re.compile(r"(?:,|\bvà)\s*$")
_SEPARATORS = re.compile(r"^[\s,;]*(?:(?:và|cùng|hoặc|các|với)\s+)*[\s,;]*$", re.IGNORECASE)
# "(gửi kèm)" closes the description of what is sent, however long ("Kế hoạch số 12/KH-SNV … về việc tổ chức thi
# tuyển … năm 2024 (gửi kèm)"); no other document may stand between.
# "(có văn bản kèm theo)", "(bản sao gửi kèm)", "(đính kèm)" say the same; so does "… kèm theo Công văn này" after it.
_ATTACHED_AFTER = re.compile(
    r"^[^.;()]{0,240}?(?:\((?:(?:có|các|bản sao|bản chụp|văn bản|tài liệu)\s+){0,3}(?:gửi kèm|kèm theo|đính kèm|sao gửi)"
    r"[^)]{0,20}\)|(?<![\w])(?:được\s+)?(?:gửi\s+|đính\s+)?kèm(?:\s+theo)?\s+(?:Công văn|Văn bản|Thông báo)\s+này(?![\w]))",
    re.IGNORECASE,
)
_TYPE_NUMBER = re.compile(r"(?i:số)\s*\d+\s*/")  # another numbered document
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"(\-])|\n")


# The enacting formula: "Quốc hội ban hành Luật …", "Chính phủ ban hành Nghị định …" names the enacted document.
_ENACTING_BODY = (
    r"(?:Quốc hội|Ủy ban [Tt]hường vụ Quốc hội|Uỷ ban [Tt]hường vụ Quốc hội|Chính phủ"
    r"|Thủ tướng Chính phủ|Bộ trưởng[^\n.;]{0,120}?|Hội đồng nhân dân[^\n.;]{0,80}?|Ủy ban nhân dân[^\n.;]{0,80}?)"
    r"\s+ban\s+hành\s+"
)
ENACTS = re.compile(rf"(?:^|\n|;)\s*{_ENACTING_BODY}$")
_ENACTING_SENTENCE = re.compile(rf"\s*{_ENACTING_BODY}")
_ENACTING_CLAUSE = re.compile(rf"(?:^|\n|;)\s*{_ENACTING_BODY}", re.MULTILINE)
# "Luật số 43/2024/QH15 … có căn cứ ban hành như sau: “Căn cứ Hiến pháp …; Quốc hội ban hành Luật sửa đổi …”": a
# consolidated text quotes the basis of each document it consolidates.
_QUOTED_BASIS = re.compile(
    r"căn\s+cứ\s+ban\s+hành\s+(?:như\s+sau|sau\s+đây)\s*:\s*(?:\n\s*)?“$", re.IGNORECASE
)


@dataclass(frozen=True)
class AssertedRelation:
    source: Mention
    relation: str
    target: Mention
    evidence: tuple[int, int]


class _Asserted(list[AssertedRelation]):
    """The relations found so far, with the last one each mention is the source or target of (a list that goes
    on "B, C và D" after "A sửa đổi B" asks for it at every item)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_source: dict[int, AssertedRelation] = {}
        self.by_target: dict[int, AssertedRelation] = {}

    def append(self, relation: AssertedRelation) -> None:
        super().append(relation)
        self.by_source[id(relation.source)] = relation
        self.by_target[id(relation.target)] = relation


# A sentence longer than this is not a sentence but a run-on table or list: its evidence is cut to this much on
# either side of the mention.
SENTENCE_REACH = 5_000


class Sentences:
    """Where the sentences (list items, headings) of a text begin and end, found in one pass over it, so that
    finding the sentence of each of n mentions costs a binary search, not a scan (a text of one endless line
    with thousands of citations would otherwise cost n × its length)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.breaks: list[int] = []  # where a boundary starts: the end of the sentence before it
        self.starts: list[int] = []  # where it ends: the start of the next sentence
        for m in _SENTENCE_END.finditer(text):
            self.breaks.append(m.start())
            self.starts.append(m.end())

    def bounds(self, pos: int) -> tuple[int, int]:
        """The sentence that holds `pos`. A run-on text is cut into pieces of SENTENCE_REACH from its last
        boundary, the same piece for every mention in it, so that its mentions chain as in one sentence."""
        i = bisect_right(self.starts, pos) - 1
        start = self.starts[i] if i >= 0 else 0
        if pos - start > SENTENCE_REACH:
            start += (pos - start) // SENTENCE_REACH * SENTENCE_REACH
        j = bisect_left(self.breaks, pos)
        end = self.breaks[j] if j < len(self.breaks) else self.length
        return start, min(end, start + 2 * SENTENCE_REACH)


class Occurrences:
    """Every match of a pattern in a text, found in one pass: "which lie between a and b" by binary search,
    where searching each mention's clause again would cost the clause's length per mention."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.matches = list(pattern.finditer(text))
        self.starts = [m.start() for m in self.matches]

    def within(self, start: int, end: int) -> list[re.Match[str]]:
        found = []
        for i in range(bisect_left(self.starts, start), len(self.matches)):
            m = self.matches[i]
            if m.start() >= end:
                break
            if m.end() <= end:
                found.append(m)
        return found

    def last_within(self, start: int, end: int) -> re.Match[str] | None:
        """The last match that starts in [start, end) and ends by `end`."""
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.starts[i] >= start:
            if self.matches[i].end() <= end:
                return self.matches[i]
            i -= 1
        return None

    def any_within(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        return i < len(self.matches) and self.matches[i].end() <= end


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence (or list item, or heading) that holds `pos` (one lookup; `Sentences` for many)."""
    return Sentences(text).bounds(pos)


def _cue_in(gap: str, ahead: str = "") -> tuple[str, int] | None:
    """The last cue in `gap`; `ahead` is the text that follows it, which some cues look at ("Trả lời công văn")."""
    last = None
    for m in _CUE.finditer(gap + ahead):
        if m.start() >= len(gap):
            break
        last = (_relation_of(m), m.start())
    return last


def classify(
    text: str,
    mentions: list[Mention],
    footnotes: tuple[Footnote, ...] = (),
    subject: tuple[int, int] | None = None,
    own_type: str | None = None,
) -> list[AssertedRelation]:
    """Set relation, confidence and evidence on every mention; return the relations asserted between them.
    `own_type` is the type of this document ("Công văn"), to tell "Quyết định này" (this one) from another."""
    markers = {f.number: f for f in footnotes}
    footnote_of = _footnote_index(footnotes)
    for mention in mentions:
        fn = footnote_of(mention.start)
        if fn is not None:
            mention.footnote = fn.number
    asserted = _Asserted()
    sentences = Sentences(text)
    index = _TextIndex(text)

    # Footnote mentions are read where their marker stands, in the order of the text.
    def position(m: Mention) -> int:
        return markers[m.footnote].marker if m.footnote is not None and m.footnote in markers else m.start

    ordered = sorted(mentions, key=lambda m: (position(m), m.start))
    previous: Mention | None = None
    head: Mention | None = None
    previous_sentence = (-1, -1)
    in_footnote: dict[int, list[Mention]] = {}
    for mention in ordered:
        pos = position(mention)
        if mention.footnote is not None and mention.footnote in markers:
            note = markers[mention.footnote]
            seen = in_footnote.setdefault(note.number, [])
            if seen:  # a later mention in the same note reads like any sentence of the body
                mention.footnote = None
                # … and one in a quote the note opens ("… có căn cứ ban hành như sau: “Căn cứ …; Luật …;") like
                # a sentence of the quoted text.
                span = index.quoted.span_of(mention.start)
                lo, hi = (
                    (span[0], min(span[1], note.end))
                    if span and span[0] > note.start
                    else (note.start, note.end)
                )
                near = [m for m in seen if m.start >= lo]
                _classify_one(
                    text, index, mention, mention.start, (lo, hi), near[-1] if near else None,
                    near[0] if near else None, asserted,
                )  # fmt: skip
                mention.footnote = note.number
                mention.evidence = (note.start, note.end)
            else:
                mention.evidence = sentences.bounds(pos)
                _classify_footnote_head(text, mention, pos, mention.evidence[0])
            seen.append(mention)
            continue
        bounds = sentences.bounds(pos)
        if subject and subject[0] <= pos < subject[1]:
            bounds = subject
        earlier = previous if previous is not None and pos - previous.end < _ROW_REACH else None
        if bounds != previous_sentence:
            previous = head = None
        _classify_one(text, index, mention, pos, bounds, previous, head, asserted, earlier)
        if head is None and mention.footnote is None:
            head = mention
        ev_start, ev_end = bounds
        mention.evidence = (ev_start, ev_end)
        if mention.footnote is None:
            previous = mention
        previous_sentence = bounds
        if (
            own_type
            and mention.relation in CHANGES_FORCE
            and _another_documents_act(index, bounds[0], pos, own_type)
        ):
            _set(mention, "cites", "cue")
    asserted += _amended_by_list(text, mentions, sentences)
    asserted += _quoted_bases(text, mentions, index, footnote_of, sentences)
    if own_type == "Văn bản hợp nhất":
        _consolidated(mentions)
    for mention in mentions:
        line_start = text.rfind("\n", 0, mention.start) + 1
        if mention.relation == "amends" and is_article_heading(text, line_start):
            line_end = text.find("\n", mention.end)
            mention.parts = amended_parts(text, len(text) if line_end < 0 else line_end, index.quoted.holds)
    for mention in mentions:
        if mention.relation != "cites" and index.quoted.holds(mention.start):
            # "… quy định như sau: “Căn cứ Luật Cư trú …; 1. Thông tư này thay thế …”": a quoted provision of
            # another document; its cues are that document's, this one only cites what it names.
            _set(mention, "cites", "cue")
    return asserted + _amended_by_title(mentions)


def _quoted_bases(
    text: str, mentions: list[Mention], index: _TextIndex, footnote_of: Callable[[int], Footnote | None],
    sentences: Sentences,
) -> list[AssertedRelation]:  # fmt: skip
    """ "X … có căn cứ ban hành như sau: “Căn cứ A; Căn cứ B; Quốc hội ban hành <X's name>.”": X is based on A and
    B; the name the quoted enacting formula gives is X's own (marked `own`, no citation), and what that name
    amends X amends."""
    quoted: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        if (span := index.quoted.span_of(m.start)) is not None:
            quoted.setdefault(span, []).append(m)
    asserted: list[AssertedRelation] = []
    for (start, end), inside in quoted.items():
        if not _QUOTED_BASIS.search(text, max(0, start - 80), start):
            continue
        colon = text.rfind(":", 0, start)
        note = footnote_of(colon)
        region = note.start if note is not None else sentences.bounds(colon)[0]
        # The subject of "có căn cứ ban hành": the last document named there that no other one's description holds.
        owner = max(
            (m for m in mentions if region <= m.start < colon and m.inside is None and m.acted_on is None),
            key=lambda m: m.start,
            default=None,
        )
        if owner is None:
            continue
        enacting = _ENACTING_CLAUSE.search(text, start, end)
        enacted_at = enacting.start() if enacting else end
        for m in inside:
            if m.number is None and ENACTS.search(text, max(start, m.start - 200), m.start):
                m.own = True
                amending = _AMENDING_TITLE.match(m.title or m.key)
                for named in inside:
                    if named.inside is m:
                        named.inside = owner
                        if amending:
                            asserted.append(AssertedRelation(owner, "amends", named, (region, end)))
            elif (
                m.relation == "based_on" and m.start < enacted_at and m.inside is None and m.acted_on is None
            ):
                asserted.append(AssertedRelation(owner, "based_on", m, (region, m.evidence[1])))
    return asserted


def _another_documents_act(index: _TextIndex, start: int, pos: int, own_type: str) -> bool:
    """ "Luật này thay thế Luật Hải quan số 29/2001/QH10 …" in a công văn: the law that the letter discusses
    replaces it, not the letter; the act is another document's when "<type> này" names another type."""
    named = [re.sub(r"\s+", " ", m.group(1)).lower() for m in index.this_document.within(start, pos)]
    return bool(named) and own_type.lower() not in named


_AMENDING_TITLE = re.compile(r"^(?:Luật|Bộ luật|Pháp lệnh)\s+sửa đổi", re.IGNORECASE)


def _consolidated(mentions: list[Mention]) -> None:
    """A consolidated text does not itself amend, replace or repeal: the documents it consolidates do (the first
    it names, at the top of its body, and the amending ones after it); this one cites them."""
    ordered = sorted((m for m in mentions if m.footnote is None), key=lambda m: m.start)
    base = next((m for m in ordered if m.number), None)
    if base is not None:
        base.relation_detail = "consolidates"
    for mention in mentions:
        # Its notes say where each provision comes from ("Điều này được sửa đổi theo … Thông tư số …"): sources,
        # not cues of this text.
        if mention.relation in CHANGES_FORCE or mention.footnote is not None:
            _set(mention, "cites", "cue")


# A consolidated text's header: "Luật … số 109/2025/QH15 …, có hiệu lực …, được sửa đổi, bổ sung bởi:" and then, a
# line each, the documents that amended it.
_ACTED_ON_BY = re.compile(
    r"(?:được|đã được)\s+(?P<verb>sửa đổi(?:,?\s*bổ sung)?|bổ sung|thay thế|bãi bỏ)(?:\s+\S+){0,4}?\s+bởi\s*:[ \t]*\n",
    re.IGNORECASE,
)
_NOT_AN_AGENT_LINE = re.compile(r"(?:căn cứ|theo đề nghị|xét|điều\s+\d|chương\s|phần\s)", re.IGNORECASE)
_AGENT_LINES = 20


def _amended_by_list(text: str, mentions: list[Mention], sentences: Sentences) -> list[AssertedRelation]:
    """ "A …, được sửa đổi, bổ sung bởi:" then "B …" and "C …" a line each: B and C amend A."""
    asserted: list[AssertedRelation] = []
    by_start = sorted((m for m in mentions if m.footnote is None), key=lambda m: m.start)
    starts = [m.start for m in by_start]
    for header in _ACTED_ON_BY.finditer(text):
        first = sentences.bounds(header.start())[0]
        i = bisect_left(starts, first)
        if i >= len(by_start) or by_start[i].start >= header.start():
            continue
        acted_on = by_start[i]
        relation = _DESCRIPTION_RELATION[_verb_key(header.group("verb"))]
        line_start = header.end()
        for _ in range(_AGENT_LINES):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            opening = line_start + len(line) - len(line.lstrip(_LIST_MARKS))
            if _NOT_AN_AGENT_LINE.match(text, opening) or line_start >= len(text):
                break
            j = bisect_left(starts, line_start)
            agent = by_start[j] if j < len(by_start) else None
            if agent is not None and agent.start <= opening + len("Thông tư liên tịch số "):
                asserted.append(AssertedRelation(agent, relation, acted_on, (first, line_end)))
                _set(agent, "cites", "nested")  # it is what the header says of it, not a cue of this text
            line_start = line_end + 1
    return asserted


def _amended_by_title(mentions: list[Mention]) -> list[AssertedRelation]:
    """ "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B …": the amending law amends each law it names;
    when that amending law is this document ("Quốc hội ban hành Luật sửa đổi … của Luật A"), this one does."""
    asserted = []
    for m in mentions:
        if m.inside is None or not _AMENDING_TITLE.match(m.inside.title or ""):
            continue
        if m.inside.own:
            _set(m, "amends", "clause")
        elif m.inside.number is None or m.number is None:  # a numbered amending law names its law by name
            asserted.append(AssertedRelation(m.inside, "amends", m, m.inside.evidence))
    return asserted


def _classify_footnote_head(text: str, mention: Mention, marker: int, sentence_start: int) -> None:
    """The footnote documents the whole phrase its marker ends: the cue that opens the clause governs it."""
    carrier = text[sentence_start:marker]
    if _ENACTING_SENTENCE.match(carrier):
        # A note on the enacting formula ("Bộ trưởng … ban hành Thông tư …1") says where the text comes from: in a
        # consolidated text, the basis of an amending document. The verbs of the title are not cues.
        _set(mention, "cites", "none")
        return
    cue = _clause_cue(carrier) or _cue_in(carrier, text[marker : marker + 30])
    _set(mention, cue[0] if cue else "cites", "cue" if cue else "none")


def _clause_cue(clause: str) -> tuple[str, int] | None:
    """The cue that opens a clause ("Thực hiện …", "- Căn cứ …"), if it opens with one."""
    # Only list marks may stand before it: try the cue at each place up to the first other character, where
    # searching the whole clause would cost its length for every clause that opens otherwise.
    opening = len(clause) - len(clause.lstrip(_LIST_MARKS))
    for at in range(opening + 1):
        if m := _CUE.match(clause, at):
            return _relation_of(m), at
    return None


_LIST_MARKS = " -+•*0123456789.)abcdđ"


def _footnote_index(footnotes: tuple[Footnote, ...]):
    def find(pos: int) -> Footnote | None:
        for f in footnotes:
            if f.start <= pos < f.end:
                return f
        return None

    return find


def _classify_one(
    text: str, index: _TextIndex, mention: Mention, pos: int, bounds: tuple[int, int], previous: Mention | None,
    head: Mention | None, asserted: _Asserted, earlier: Mention | None = None,
) -> None:  # fmt: skip
    sentence_start = bounds[0]
    if previous is not None and ";" in text[previous.end : pos]:
        # After ";" a new clause starts: a cue of its own governs it, else the cue that opened the list.
        clause_start = text.rfind(";", previous.end, pos) + 1
        cue = index.last_cue(clause_start, pos)
        if cue is None:
            opening = _clause_cue(text[sentence_start:pos])
            _set(mention, opening[0] if opening else (head or previous).relation, "coordinated")
            return
        previous, sentence_start = None, clause_start
    gap_start = previous.end if previous and previous.end <= pos else sentence_start
    if previous is not None and (main := _MAIN_CLAUSE.search(text, gap_start, pos)):
        previous, sentence_start = None, main.start() + 1
        gap_start = sentence_start
    gap = text[gap_start:pos]
    if previous is not None:
        if _SEPARATORS.match(gap) and previous.acted_on is not None and mention.title and not previous.title:
            # "… Luật A số X đã được sửa đổi, bổ sung theo Luật số Y, Luật B số Z …": after the laws that amended A
            # (known by number only), a law named again is the next item of the list A opened.
            _set(mention, previous.acted_on.relation, "coordinated")
        elif _SEPARATORS.match(gap):
            _set(mention, previous.relation, "coordinated")
            mention.inside = mention.inside or previous.inside
            if mention.acted_on is None and previous.acted_on is not None:
                # "… đã được sửa đổi, bổ sung theo Luật số 90/2025/QH15 và Luật số 149/2025/QH15": each
                # document of the list acts on what the first one acted on.
                mention.acted_on = previous.acted_on
                acting = asserted.by_source[id(previous)]
                asserted.append(
                    AssertedRelation(mention, acting.relation, acting.target, (sentence_start, bounds[1]))
                )
            elif (act := asserted.by_target.get(id(previous))) and (
                mention.doc_type in (previous.doc_type, None) or mention.doc_type != act.source.doc_type
            ):
                # "Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở
                # số 27/2023/QH15 và …", "Thông tư … hướng dẫn thi hành Luật Quản lý thuế và Nghị định số
                # 126/2020/NĐ-CP": what the description says of the first item it says of each. An item of the
                # describer's own kind after one of another kind is the next item of the outer list ("Nghị định A
                # … thi hành Luật Ban hành văn bản … và Nghị định số 59/2024/NĐ-CP").
                asserted.append(
                    AssertedRelation(act.source, act.relation, mention, (sentence_start, bounds[1]))
                )
        elif (
            (clause := _COORDINATED_CLAUSE.match(gap))
            and (cue := _clause_cue(gap[clause.end() :]))
            and previous.inside is not None
            and previous.trigger == "nested"
            and (relation := _described_relation(gap[clause.end() :]))
        ):
            # "Thông tư A hướng dẫn Nghị định B và sửa đổi, bổ sung Thông tư C": the second verb goes on
            # describing A, the document whose description named B.
            asserted.append(AssertedRelation(_head(previous), relation, mention, (sentence_start, bounds[1])))
            _set(mention, "cites", "nested")
            mention.inside = mention.inside or _head(previous)
        elif (clause := _COORDINATED_CLAUSE.match(gap)) and (cue := _clause_cue(gap[clause.end() :])):
            # "Hưởng ứng Chương trình A và thực hiện Đề án B": a second verb of this document, not a
            # description of A.
            _set(mention, cue[0], "cue")
        elif ";" in gap and not _cue_in(gap.rsplit(";", 1)[1]):
            # A new item of the list the sentence opened ("Căn cứ A …; B …"): it shares the opening cue.
            _set(mention, (head or previous).relation, "coordinated")
        elif passive := _PASSIVE_ACT.search(gap):
            acted_on = previous
            if previous.doc_type in _STATUTES and mention.doc_type not in _ACTS_ON_STATUTES:
                # "Nghị định A hướng dẫn Luật B được sửa đổi, bổ sung bởi Nghị định C": C amends A.
                acted_on = _head(previous)
            _asserts_passive(mention, passive, acted_on, asserted, (sentence_start, bounds[1]))
            # "Căn cứ Hiến pháp … đã được sửa đổi, bổ sung theo Nghị quyết số 51/2001/QH10": part of the basis.
            _set(mention, "based_on" if _head(previous).relation == "based_on" else "cites", "nested")
        elif _described_relation(gap) is None and _ANOTHER_SOURCE.search(gap):
            # "… của UBND huyện tại Tờ trình số 308 và của Sở Tài nguyên và Môi trường tại Tờ trình số 8468"
            _set(mention, (head or previous).relation, "coordinated")
        elif _ENDS_WITH_AND.search(gap) and _last_description(gap) and _described_relation(gap) is None:
            # "Nghị định A … về lập, phê duyệt quy hoạch và Nghị định B": a topic, then the next item of the list.
            _set(mention, (head or previous).relation, "coordinated")
        else:
            verb = _last_description(gap)
            cue = index.last_cue(gap_start, pos)
            if verb is not None and (cue is None or cue[1] < verb[2]):
                relation = _described_relation(gap)
                if relation:
                    asserted.append(
                        AssertedRelation(previous, relation, mention, (sentence_start, bounds[1]))
                    )
                head_relation = _head(previous).relation
                inherits = relation == "implements" and head_relation == "implements"
                _set(mention, "implements" if inherits else "cites", "nested")
                mention.inside = mention.inside or _head(previous)
            elif cue:
                _set(mention, cue[0], "cue")
            else:
                _set(mention, previous.relation, "coordinated")
    elif passive := _PASSIVE_ACT.search(gap):
        # A sentence that opens on a passive names its agent, never this document's act: a row of a list of
        # expired documents ("Thông tư số A … | Toàn bộ | Được thay thế bởi Thông tư số B …"; "- Khoản 1 Điều 7
        # Được sửa đổi, bổ sung bởi Thông tư số C"). B acts on the document the row named, if the row names one.
        _set(mention, "cites", "nested")
        subject = text[earlier.end if earlier else pos : sentence_start + passive.start()]
        target = (earlier.acted_on or earlier) if earlier is not None else None
        if (
            target is not None
            and not _THIS_DOCUMENT.search(subject)
            and not _THIS_PART.search(subject)  # "Khoản này được bãi bỏ theo …": this text's own part
            and (target.doc_type not in _STATUTES or mention.doc_type in _ACTS_ON_STATUTES)
        ):
            _asserts_passive(mention, passive, target, asserted, (sentence_start, bounds[1]))
    else:
        cue = index.last_cue(gap_start, pos)
        if cue and cue[0] == "cites" and _GUIDES_BY_SCOPE.match(text, sentence_start, pos):
            # "Thông tư này hướng dẫn thực hiện … theo quy định tại Luật Hải quan …": the scope article says
            # which documents this one guides.
            _set(mention, "guides", "clause")
        elif cue:
            at_start = not text[sentence_start : sentence_start + cue[1]].strip(" -+•*0123456789.)abcdđ")
            _set(mention, cue[0], "clause" if at_start else "cue")
        elif (inherited := index.list_headings.cue_of(text, sentence_start)) is not None:
            _set(mention, inherited, "cue")
        elif not gap.strip(" -+•*") and (inherited := _cue_of_previous_item(text, sentence_start)):
            _set(mention, inherited, "coordinated")
        else:
            _set(mention, "cites", "none")
    attached = _ATTACHED_AFTER.match(text[mention.end : mention.end + 280])
    if attached and mention.relation == "cites" and not _TYPE_NUMBER.search(attached.group()):
        _set(mention, "attaches", "cue")
    if mention.trigger == "none" and _REVIEW_REPORT.match(text, mention.start):
        # The guide's own cue: a "Báo cáo thẩm tra" is written on this document's draft; the text answers it.
        _set(mention, "responds_to", "cue")
    if (
        mention.relation == "cites"
        and mention.inside is None
        and _declared_void(text, index, mention, bounds)
    ):
        _set(mention, "repeals", "cue")
    mention.relation_detail = index.detail(sentence_start, pos)


_GUIDES_BY_SCOPE = re.compile(
    r"[^.;:]{0,60}?(?:Thông tư(?:\s+liên\s+tịch)?|Nghị định|Quyết định|Quy trình|Quy chế|Quy định|Hướng dẫn)\s+này"
    r"\s+(?:hướng dẫn|quy định chi tiết)[^.;:]{0,300}?(?:theo\s+)?quy định (?:tại|của)\s*$",
    re.IGNORECASE,
)
_REVIEW_REPORT = re.compile(r"báo cáo\s+thẩm tra(?![\w])", re.IGNORECASE)


# "Nghị định số 43/2014/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực": the cited document is the
# subject of the sentence, this document takes its effect away. Only when the sentence names this document
# ("… này"): without it, "Thông tư số 05 hết hiệu lực từ ngày 1/7" merely reports a fact.
_VOID_AFTER = re.compile(
    r"[^.;:]{0,160}?(?<![\w])(?:hết hiệu lực|(?:bị|được)\s+(?:bãi bỏ|hủy bỏ|huỷ bỏ))(?![\w])", re.IGNORECASE
)
_THIS_PART = re.compile(r"(?<![\w])(?:Điều|Khoản|Điểm|Mục|Chương|Phần|Phụ lục)\s+này(?![\w])", re.IGNORECASE)
_THIS_DOCUMENT = re.compile(
    r"(?<![\w])(Luật|Bộ luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Thông tư(?: liên tịch)?|Chỉ thị|Lệnh)"
    r"\s+này(?![\w])",
    re.IGNORECASE,
)


def _declared_void(text: str, index: _TextIndex, mention: Mention, bounds: tuple[int, int]) -> bool:
    return bool(_VOID_AFTER.match(text, mention.end, bounds[1]) and index.this_document.any_within(*bounds))


_LIST_ITEM = re.compile(r"^\s*(?:[-+•*]|\d+(?:\.\d+)*[.)]?|[a-zđ][).])\s", re.MULTILINE)
_HEADING = re.compile(rf"^\s*(?:[IVXLC]+[.)]\s+)?(?:(?!{LOW}).)*$", re.DOTALL)


# Lines that stand between a list's heading and its items without belonging to either: the Official Gazette's
# page header and the signing portal's stamp at a page break.
_PAGE_CHROME = re.compile(r"\s*(?:Người ký:|Email:|Cơ quan:|Thời gian ký:|CÔNG BÁO/)")


def _sub_heading(line: str) -> bool:
    """ "1. Sự cần thiết và căn cứ pháp lý": a numbered item that heads the items below it (short, no sentence
    end, no document named in it)."""
    stripped = line.rstrip(" *_|")
    return (
        len(stripped) < 120
        and not stripped.endswith((".", ";", ","))
        and not _TYPE_NUMBER.search(stripped)
        and bool(_LIST_HEAD_CUE.search(stripped))
    )


_LIST_HEAD_CUE = re.compile(
    r"(?<![\w])(?:căn cứ|bãi bỏ|thay thế|sửa đổi|hết hiệu lực)(?![\w])", re.IGNORECASE
)


class ListHeadings:
    """Which list items take the cue of the heading above them ("Bãi bỏ các văn bản sau đây:", "CĂN CỨ XÂY DỰNG
    KẾ HOẠCH:", "Thực hiện các văn bản sau:"): found in one pass over the lines of the text, however long the
    list, page breaks included."""

    def __init__(self, text: str, cues: Occurrences) -> None:
        self.cue_at: dict[int, str] = {}  # start of an item line → the cue it inherits
        heading: str | None = None
        previous = 0  # where the last line that was neither an item nor page chrome starts
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            if _LIST_ITEM.match(line) and not _sub_heading(line):
                if heading:
                    self.cue_at[start] = heading
            elif not _PAGE_CHROME.match(line):
                first = start
                cue = cues.last_within(start, end)
                continues = not text[previous:start].rstrip().endswith((".", ";", ":"))
                if cue is None and (_HEADING.match(line) or continues):  # a heading broken over two lines
                    first = previous
                    cue = cues.last_within(previous, end)
                # "Các Thông tư sau hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành:": the
                # date of effect after a repeal does not take the list from it.
                act = cue
                while act is not None and _relation_of(act) == "cites":
                    act = cues.last_within(first, act.start())
                if act is not None and _relation_of(act) in CHANGES_FORCE:
                    cue = act
                words = text[first:end]
                opens_list = words.rstrip().endswith(":") or bool(_HEADING.match(words)) or _sub_heading(line)
                # The cue must govern something: "Bãi bỏ các văn bản sau:", not the section title "NỘI DUNG THỰC
                # HIỆN" or "Tổ chức thực hiện:", where it is a noun.
                relation = _relation_of(cue) if cue else None
                governs = cue is not None and (
                    relation != "implements" or bool(text[cue.end() : end].strip(" :.*_|"))
                )
                heading = (
                    relation if relation and KIND[relation].heads_lists and opens_list and governs else None
                )
                previous = start
            start = end + 1

    def cue_of(self, text: str, pos: int) -> str | None:
        """The heading's cue for the item whose line holds `pos`."""
        return self.cue_at.get(text.rfind("\n", 0, pos) + 1)


def _cue_of_previous_item(text: str, pos: int) -> str | None:
    """ "Căn cứ Luật A …;" then, on a line of its own, "Luật B …;": the line after a ";" is the next item of the
    list that the cue opened, broken by a hard line break (the items above may each be such a line)."""
    line_start = text.rfind("\n", 0, pos) + 1
    for _ in range(30):
        if line_start == 0 or not text[:line_start].rstrip().endswith(";"):
            return None
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        cue = _clause_cue(text[previous_start : line_start - 1])
        if cue is not None:
            # "Xét Tờ trình số …;" then "Báo cáo thẩm tra số …;" on a line of its own: still what is considered.
            return cue[0] if KIND[cue[0]].runs_over_lines else None
        line_start = previous_start
    return None


def _head(mention: Mention) -> Mention:
    while mention.inside is not None and mention.inside is not mention:
        mention = mention.inside
    return mention


def _last_description(gap: str) -> tuple[str, int, int] | None:
    last = None
    for m in _DESCRIPTION.finditer(gap):
        last = (m.group("verb"), m.start(), m.end())
    return last


def _described_relation(gap: str) -> str | None:
    """The relation a description states: one strong verb ("sửa đổi, bổ sung", "hướng dẫn thi hành"), or a weak
    one alone. Two strong verbs mean the gap describes something else in between ("sửa đổi một số nghị định quy
    định chi tiết Luật …"): nothing is asserted."""
    verbs = [_verb_key(m.group("verb")) for m in _DESCRIPTION.finditer(gap)]
    strong = [v for v in verbs if v not in _WEAK_VERBS]
    if len(strong) > 1:
        return None
    if strong:
        return _DESCRIPTION_RELATION.get(strong[0])
    return "implements" if verbs and verbs[-1] == "theo" and len(gap) < 120 else None


def _asserts_passive(
    agent: Mention, passive: re.Match[str], acted_on: Mention, asserted: _Asserted, evidence: tuple[int, int]
) -> None:
    """ "A … được sửa đổi, bổ sung bởi <agent>": the agent does to A what the passive's verb says."""
    relation = _DESCRIPTION_RELATION[_verb_key(passive.group("verb"))]
    asserted.append(AssertedRelation(agent, relation, acted_on, evidence))
    agent.acted_on = acted_on


def _verb_key(verb: str) -> str:
    low = re.sub(r"\s+", " ", verb.lower())
    for key in _DESCRIPTION_RELATION:
        if low.startswith(key):
            return key
    return low


# Finer readings of a clause, reported beside the nine relations (EXTRACT_FORMAT.md: `relation_detail`).
_DETAILS = [(detail.name, re.compile(detail.cue, re.IGNORECASE)) for detail in DETAIL_TABLE]


# "… như sau:", "… có nội dung sau đây:" then an opening quote: the words of another document follow.
_QUOTE_OPENS = re.compile(r":\s*(?:\n\s*)?“")
_QUOTE_REACH = 3_000  # an unclosed quote (damaged text) ends here or at the next article


class QuotedProvisions:
    """Where the text quotes provisions of another document, found once: from an opening quote after a colon
    to its closing quote."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        position = 0
        for m in _QUOTE_OPENS.finditer(text):
            if m.start() < position:
                continue
            close = text.find("”", m.end(), m.end() + _QUOTE_REACH)
            end = close if close >= 0 else min(len(text), m.end() + _QUOTE_REACH)
            self.spans.append((m.end(), end))
            position = end
        self.starts = [start for start, _ in self.spans]

    def holds(self, pos: int) -> bool:
        return self.span_of(pos) is not None

    def span_of(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, pos) - 1
        return self.spans[i] if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1] else None


def written_in_lower_case(pattern: str) -> bool:
    """No capital letter in what the pattern matches (group names and escapes like \\S aside)."""
    literal = re.sub(r"\(\?P<\w+>|\\[A-Za-z]", "", pattern)
    return literal == literal.lower()


@lru_cache(maxsize=32)
def _lower(pattern: re.Pattern[str], lowered: bool) -> re.Pattern[str]:
    """A case-insensitive pattern written in lower case, as a case-sensitive one for lower-cased text (when the
    text could be lowered)."""
    assert written_in_lower_case(pattern.pattern), "only a pattern written in lower case reads lowered text"
    return re.compile(pattern.pattern) if lowered else pattern


class _TextIndex:
    """What the clauses of a text are searched for, found once in the whole text."""

    def __init__(self, text: str) -> None:
        # Searched in the lower-cased text (same offsets): much faster than ignoring case in the patterns.
        lowered = text.lower()
        same_offsets = len(lowered) == len(text)  # "İ" lowers to two characters; Vietnamese letters do not
        low = lowered if same_offsets else text
        self.details = [(name, Occurrences(_lower(pattern, same_offsets), low)) for name, pattern in _DETAILS]
        self.this_document = Occurrences(_THIS_DOCUMENT, text)
        self.cues = Occurrences(_CUE_LOWER if same_offsets else _CUE, low)
        self.list_headings = ListHeadings(text, self.cues)
        self.quoted = QuotedProvisions(text)

    def last_cue(self, start: int, pos: int) -> tuple[str, int] | None:
        """The last cue that starts in text[start:pos] (it may read on past pos: "Trả lời công văn"), with its
        place counted from `start`, as `_cue_in` gives it for that stretch of text."""
        matches, starts = self.cues.matches, self.cues.starts
        i = bisect_left(starts, pos) - 1
        if i >= 0 and starts[i] >= start:
            return _relation_of(matches[i]), starts[i] - start
        return None

    def detail(self, start: int, end: int) -> str | None:
        """The finer reading of the clause text[start:end], if it has one."""
        return next((name for name, found in self.details if found.any_within(start, end)), None)


def _set(mention: Mention, relation: str, how: str) -> None:
    mention.relation = relation
    mention.confidence = PRIORS[how]
    mention.trigger = how
