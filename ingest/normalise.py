"""Turn the raw text of a file into the normalised text that the project stores, shows and points into.

Real documents arrive damaged by their journey: PDF text layers break sentences at every line and page, put
footnote bodies in the middle of a sentence cut by a page break, glue footnote markers to words ("Việt Nam1;"),
and web copies carry Markdown markup and table residue. The normalised text keeps every word of the document
and undoes that damage:

- characters: NFC, look-alikes unified (Ð U+00D0 → Đ U+0110, dashes → "-", NBSP → space), no zero-width marks;
- markup: Markdown emphasis, headings and table pipes removed;
- footnotes: bodies moved to the end as "[^n]: …", markers written "[^n]" where they stood;
- lines: a line break inside a sentence becomes a space, one paragraph is one line, spaces are single.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.lexicon import DOC_TYPES

_CHAR_MAP = str.maketrans(
    {
        "\u00d0": "\u0110",  # Icelandic Eth, the usual impostor of Đ
        "\u00f0": "\u0111",
        "\u0189": "\u0110",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\t": " ",
        "\f": "\n",
        "\v": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def unify_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    return _CONTROL.sub("", text)


# --- columns typed with tabs ----------------------------------------------------------------------------

# Without a table, Word users lay out the two columns of a header or a signature with tab stops: "Nơi nhận:<tab>
# TM. ỦY BAN NHÂN DÂN", "- Như trên;<tab>KT. CHỦ TỊCH", …, "<tab>Nguyễn Văn A". Read line by line, the columns
# interleave: "- Như trên; KT. CHỦ TỊCH". Such a block is read as a table is: the left column, then the right.
_TAB_RUN = re.compile(r"\t+")
_COLUMN_CELL_MAX = 90  # a cell of a header or signature column is short; a longer line is body text
_LIST_MARKER = re.compile(
    r"^(?:[-+•*]|\d+(?:\.\d+)*[.):]?|[a-zđ][.)]|[IVXLC]+[.)]|(?:Điều|Khoản|Mục)\s+\d+\.?)$"
)
_LIST_BULLETS = ("-", "+", "•")
_COLUMN_ANCHOR = re.compile(
    r"^(?:Nơi\s+nhận|NƠI\s+NHẬN|(?:TM|KT|TL|TUQ|Q)\.\s|CỘNG\s+HÒA|Độc\s+lập|Số\s*:)|,\s*ngày\s+\d"
)


def _tab_cells(line: str) -> tuple[str, str] | None:
    """A line's (left, right) cells: ("", right) for a line that starts with a tab, (left, "") for a short line
    without one; None for a line that is no cell of a column block (long, or a list item after its marker)."""
    stripped = line.strip(" \r")
    if not stripped.strip("\t"):
        return ("", "")
    left, _, right = stripped.partition("\t")
    right = _TAB_RUN.sub(" ", right).strip()
    left = left.strip()
    if max(len(left), len(right)) > _COLUMN_CELL_MAX or (right and _LIST_MARKER.match(left)):
        return None
    return (left, right)


def _tab_block_end(lines: list[str], start: int) -> int:
    """The end of the column block that starts at `start`, or `start` when none does: the block needs two lines
    with both cells and a header or signature anchor, and takes the right-column lines that follow it."""
    end = start
    pairs = 0
    anchored = False
    for k in range(start, len(lines)):
        cells = _tab_cells(lines[k])
        if cells is None:
            break
        left, right = cells
        # A right cell continues the block (the name under the space for the signature), and so does a
        # "Nơi nhận" item below the last right cell.
        if (right and (left or k > start)) or (k > start and left.startswith(_LIST_BULLETS)):
            pairs += bool(left and right)
            end = k + 1
        anchored = anchored or any(_COLUMN_ANCHOR.search(cell) for cell in cells if cell)
        if k == start and not (left and right):
            return start
    return end if pairs >= 2 and anchored else start


def split_tab_columns(text: str) -> str:
    """`text` with each block of two columns typed with tabs rewritten as its left column, then its right."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        end = _tab_block_end(lines, k) if "\t" in lines[k] else k
        if end == k:
            out.append(lines[k])
            k += 1
            continue
        cells = [c for c in map(_tab_cells, lines[k:end]) if c is not None]
        out.extend(left for left, _ in cells if left)
        out.extend(right for _, right in cells if right)
        k = end
    return "\n".join(out)


# --- Markdown and table residue -------------------------------------------------------------------------

# Applied to the whole text at once (multiline patterns), not line by line: one pass each is much cheaper.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EMPH_OPEN = re.compile(r"(^|\s)\*(?=\S)", re.MULTILINE)
_MD_EMPH_CLOSE = re.compile(r"(?<=\S)\*(?=\s|$|[.,;:])", re.MULTILINE)
_RULE_ONLY = re.compile(
    r"^[ \t]*(?:[=#|][ \t]*)+$|^[ \t]*#[ \t]*PAGE[ \t]+\d+[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_EDGE_PIPES = re.compile(r"^[ \t]*\|[ \t]?|[ \t]?\|[ \t]*$", re.MULTILINE)


def strip_markup(text: str) -> str:
    """The text without Markdown markup and table residue (lines of only markup become empty)."""
    # Most texts hold none of these characters: a membership test is far cheaper than a regex pass.
    if "=" in text or "#" in text or "|" in text:
        text = _RULE_ONLY.sub("", text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "*" in text or "__" in text:
        text = _MD_STRONG.sub("", text)
        text = _MD_EMPH_OPEN.sub(r"\1", text)
        text = _MD_EMPH_CLOSE.sub("", text)
    if "|" in text:
        text = _EDGE_PIPES.sub("", text)
    return text


# --- footnotes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Footnote:
    number: int
    marker: int  # offset of "[^n]" in the normalised text
    start: int  # offset of the body text (after "[^n]: ")
    end: int


@dataclass(frozen=True)
class NormalisedText:
    text: str
    footnotes: tuple[Footnote, ...] = ()


_FOOTNOTE_BODY = re.compile(r"^\s*(?:(\d{1,2})\s+(?=[A-ZĐÀ-Ỹ“\"(])|\[(\d{1,2})\]\s*)(\S[^\n]*)$")
_WEB_NOTES = re.compile(r"\s(?=\[\d{1,2}\]\s*\S)")
_TERMINAL = re.compile(r"[.;!?]\s*$")


def _marker_pattern(number: int) -> re.Pattern[str]:
    # A footnote marker is the number glued to the end of a word or a closing mark ("Việt Nam1;", "tỉnh2."),
    # or after the full stop that ends a heading ("… của Bộ Công Thương.1"); in web copies, the number in brackets
    # ("… Tỉnh ủy[1]").
    return re.compile(
        rf"(?:(?<=[^\W\d_])|(?<=[)”\"])|(?<=[^\W\d_]\.)){number}(?=[\s.,;:)!?]|$)|\[{number}\](?!:)"
    )


def _find_footnotes(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """Take footnote bodies out of `lines`; return the body lines with "[^n]" markers and the bodies by number."""
    bodies: dict[int, str] = {}
    body_lines: list[str] = list(lines)
    taken: set[int] = set()
    expected = 1
    search_from = (0, 0)  # (line, column) after the previous marker
    i = 0
    while i < len(lines):
        m = _FOOTNOTE_BODY.match(lines[i])
        if not m or int(m.group(1) or m.group(2)) != expected:
            i += 1
            continue
        number = expected
        marker = _find_marker(body_lines, taken, number, search_from, before_line=i)
        if marker is None:
            i += 1
            continue
        line_no, col = marker
        digits = len(str(number))
        line = body_lines[line_no]
        if line[col] == "[":
            digits += 2
        body_lines[line_no] = f"{line[:col]}[^{number}]{line[col + digits :]}"
        search_from = (line_no, col + 4)
        parts = [m.group(3).strip()]
        taken.add(i)
        j = i + 1
        # A footnote body wraps onto following lines until it ends a sentence or the next footnote starts; one
        # that quotes another document's basis ("… có căn cứ ban hành như sau: “Căn cứ …;") goes on to the end of
        # the quote or of the page, whichever comes first.
        while (
            (not _TERMINAL.search(parts[-1]) or _quote_open(parts))
            and j < len(lines)
            and lines[j].strip()
            and not _FOOTNOTE_BODY.match(lines[j])
        ):
            parts.append(lines[j].strip())
            taken.add(j)
            j += 1
        bodies[number] = " ".join(parts)
        expected += 1
        i = j
    kept = [line for k, line in enumerate(body_lines) if k not in taken]
    return kept, bodies


def _quote_open(parts: list[str]) -> bool:
    opened = sum(part.count("“") for part in parts)
    return opened > sum(part.count("”") for part in parts) and len(parts) < _QUOTED_NOTE_LINES


_QUOTED_NOTE_LINES = 60


def _split_web_notes(line: str) -> list[str]:
    """A web copy puts all its notes on one line: "[1] Tại … [2] Tại …"; one note a line."""
    if not re.match(r"\s*\[\d{1,2}\]\s*\S", line):
        return [line]
    return _WEB_NOTES.split(line)


def _find_marker(
    lines: list[str], taken: set[int], number: int, start: tuple[int, int], before_line: int
) -> tuple[int, int] | None:
    pattern = _marker_pattern(number)
    first_line, first_col = start
    for line_no in range(first_line, before_line):
        if line_no in taken:
            continue
        found = pattern.search(lines[line_no], first_col if line_no == first_line else 0)
        if found:
            return line_no, found.start()
    return None


# --- line joining --------------------------------------------------------------------------------------

_BLOCK_START = re.compile(
    r"""^(?:
        [-+•*]\s | [-+•]\S
      | \d+(?:\.\d+)*[.)]\s | \d+(?:\.\d+)+\s | \d+\s*-\s
      | [a-zđ][).]\s
      | [IVXLC]+[.)]\s
      | (?:Điều|Chương|Mục|Phần|Phụ\slục|ĐIỀU|CHƯƠNG|MỤC|PHẦN|PHỤ\sLỤC)\s+[\dIVXLC]+\b
      | (?:Căn\scứ|CĂN\sCỨ|Xét\s|Theo\sđề\snghị|Kính\sgửi|KÍNH\sGỬI|Nơi\snhận|NƠI\sNHẬN|Số:|Số\s*\d|V/v|TM\.|KT\.|TL\.|TUQ\.|Q\.)
      | \[\^\d+\]
      | -{3,} | _{3,}
      | [A-ZĐÀ-Ỹ][^,.;:\n]{1,40},\s*ngày\s+\d
    )""",
    re.VERBOSE,
)
_SENTENCE_END = re.compile(r"(?:[.;:!?]|\./\.|[.;:!?][”\"'’)])$")
_LETTER = re.compile(r"[^\W\d_]")


def is_upper_line(line: str) -> bool:
    """A heading in capitals: "QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN TỈNH" (at least 4 letters, none lower-case)."""
    letters = _LETTER.findall(line)
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _continues(prev: str, line: str) -> bool:
    """Is `line` the continuation of the sentence that `prev` leaves open?"""
    if _SENTENCE_END.search(prev) or _BLOCK_START.match(line):
        return False
    return not (is_upper_line(prev) or is_upper_line(line))


_SPACES = re.compile(r"[ ]{2,}")
# PDF text layers lose the space between a word and the next one: "UBNDngày 26/11/2003", "03/12/2021của".
_GLUED = re.compile(r"([A-ZĐ][A-ZĐ]|\d\d\d\d)(ngày|của|năm|tháng|về|số)\b")


# A type heading on a line of its own ("KẾ HOẠCH", "QUYẾT ĐỊNH", "GIẤY MỜI"): the paragraph under it is the
# trích yếu, which ends at the body, never runs on into it.
_TYPE_HEADING = re.compile(
    r"^(?:"
    + "|".join(r"\s+".join(t.upper().split()) for t in sorted(DOC_TYPES, key=len, reverse=True))
    + r"|GIẤY\s+MỜI)$"
)
# The formulas that open a body. A title in sentence case capitalises only its first word, so a line under a
# title that opens with one of them in capitals is the body's first sentence, not the title carried on.
_BODY_OPENING = re.compile(
    r"^(?:Thực\shiện|Để\s|Nhằm\s|Xét\s|Theo\s|Trên\scơ\ssở|Hiện\snay|Sau\skhi|Ngày\s+\d|Trả\slời|Phúc\sđáp"
    r"|Vừa\squa|Thời\sgian\squa|Năm\s+\d{4})"
)

_SUBJECT_LINE = re.compile(r"^(?:V/v|V/V|v/v)\b")

_TITLE_LINE_MAX = 110  # a title is printed centred in short lines


def _double_spaced(lines: list[str]) -> bool:
    """Does a blank line follow most lines (a PDF text layer that spaces every line), so that a blank line
    says nothing about paragraphs?"""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    followed = sum(1 for k in filled if k + 1 < len(lines) and not lines[k + 1].strip())
    return followed * 2 > len(filled)


def join_lines(lines: list[str]) -> list[str]:
    """Paragraphs from physical lines: a break inside an open sentence becomes a space, even across blank lines
    (PDF page breaks) — except under a type heading, where the title ends at the body."""
    paragraphs: list[list[str]] = []
    previous = ""  # the last physical line: joining looks only at the two lines that meet
    blank_means_paragraph = not _double_spaced(lines)
    in_title = False  # is the last paragraph the title under a type heading?
    after_heading = False
    blank = False
    for raw in lines:
        line = raw.strip()
        if not line:
            blank = True
            continue
        # A title is short and sits at the top of the first page, where no page break falls: a blank line
        # under it (in a text whose blank lines mean paragraphs) or a body formula ends it.
        # A line longer than any line of a title is the body's first paragraph, as a .docx or web copy has it.
        title_ends = in_title and (
            (blank and blank_means_paragraph)
            or bool(_BODY_OPENING.match(line))
            or len(line) > _TITLE_LINE_MAX
        )
        if paragraphs and not title_ends and _continues(previous, line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
            # "QUYẾT ĐỊNH" also stands over "Điều 1. …" (the enacting words): an article is no title. A letter's
            # "V/v …" is its title too.
            in_title = (after_heading and not _BLOCK_START.match(line)) or bool(_SUBJECT_LINE.match(line))
            after_heading = bool(_TYPE_HEADING.match(line))
        previous = line
        blank = False
    return [" ".join(parts) for parts in paragraphs]


# Word-segmented text, as NLP datasets keep it: "Căn_cứ Nghị_định số …". The underscores join the syllables of a
# word; read as spaces, the words are the document's own again.
_SEGMENT_JOIN = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
_SEGMENTED_SHARE = 0.02  # underscores per space above which a text is taken for word-segmented


def unsegment(text: str) -> str:
    joins = len(_SEGMENT_JOIN.findall(text))
    if joins < 10 or joins < _SEGMENTED_SHARE * text.count(" "):
        return text
    return _SEGMENT_JOIN.sub(" ", text)


def normalise(raw: str) -> NormalisedText:
    """The stored text of a document, with its footnotes located."""
    text = split_tab_columns(unsegment(raw.replace("\r\n", "\n")))
    text = _GLUED.sub(r"\1 \2", _SPACES.sub(" ", strip_markup(unify_characters(text))))
    lines = [part for line in text.split("\n") for part in _split_web_notes(line)]
    lines, bodies = _find_footnotes(lines)
    text = "\n".join(join_lines(lines))
    if not bodies:
        return NormalisedText(text)
    footnotes = []
    tail = []
    offset = len(text) + 2
    for number, body in sorted(bodies.items()):
        label = f"[^{number}]: "
        tail.append(label + body)
        marker = text.find(f"[^{number}]")
        footnotes.append(Footnote(number, marker, offset + len(label), offset + len(label) + len(body)))
        offset += len(label) + len(body) + 1
    return NormalisedText(text + "\n\n" + "\n".join(tail), tuple(footnotes))


_MARKER = re.compile(r"\[\^(\d{1,3})\]")
_BODY = re.compile(r"^\[\^(\d{1,3})\]: ", re.MULTILINE)


def footnotes_in(text: str) -> tuple[Footnote, ...]:
    """The footnotes of a normalised text, read back from its "[^n]" markers and "[^n]: …" bodies."""
    bodies = {int(m.group(1)): m for m in _BODY.finditer(text)}
    if not bodies:
        return ()
    footnotes = []
    for number, body in sorted(bodies.items()):
        marker = next(
            (m.start() for m in _MARKER.finditer(text, 0, body.start()) if int(m.group(1)) == number), -1
        )
        end = text.find("\n", body.end())
        footnotes.append(Footnote(number, marker, body.end(), len(text) if end < 0 else end))
    return tuple(footnotes)
