"""One input file to the raw Unicode text of the document in it: .txt .md .html .htm .pdf .docx.

Text fidelity comes first: every character, the reading order and the paragraph breaks of the document. Layout
clean-up (joining PDF lines, Markdown residue, footnote placement) is `normalise`'s job, not this module's.
Whatever goes wrong with a file becomes a `ReadError` with a stable `code` and a sentence a legal clerk can act
on; no other exception leaves `read_text`.
"""

from __future__ import annotations

import bisect
import functools
import io
import logging
import os
import re
import stat
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, cast

from ingest.encodings import decode_bytes, describe_binary
from ingest.errors import ReadError
from ingest.legacy_fonts import repair_legacy_fonts, tcvn3_to_unicode, vietnamese_plausibility, vni_to_unicode

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What one file may make a reader unpack, parse or keep. A file under `max_bytes` can still unpack to
    gigabytes (a Flate stream of zeros, a .docx of repeated paragraphs) or parse into millions of objects (HTML
    nested 100,000 deep, a PDF page of 200,000 text operators); past any of these caps the file is refused with
    a `ReadError` (code `too_large`) that says which cap, rather than read in unbounded time and memory.

    The defaults hold every real document seen so far with room to spare (the largest of the 1,265 of
    ../shared/corpus/real is 1.0 million characters; a Word file's XML holds a few hundred thousand nodes)."""

    max_chars: int = 4_000_000  # characters of text of one document (about 1,500 pages)
    max_pages: int = 1_000  # pages of a PDF
    max_page_chars: int = 100_000  # glyphs drawn on one PDF page (a dense page has about 10,000)
    max_unpacked_bytes: int = 64 * _MB  # what the streams of a PDF, or the XML of a .docx, unpack to
    max_xml_nodes: int = 1_000_000  # XML elements of a .docx
    max_html_tags: int = 200_000  # tags of a web page (a portal page of a long law has about 30,000)
    max_depth: int = 5_000  # nesting of the elements of a web page


DEFAULT_LIMITS = ReadLimits()


# --- which files -------------------------------------------------------------------------------------------


def iter_input_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The files to read, in order: files as given (whatever their suffix: reading reports the problem),
    folders recursively and sorted, keeping supported suffixes only and skipping gold annotations, hidden files
    and Word lock files. A path that does not exist, and a folder that cannot be listed, are yielded as they are
    so that `read_text` reports them."""
    for path in paths:
        try:
            is_folder = path.is_dir()
        except OSError:  # a parent folder that cannot be entered: the reader says so
            is_folder = False
        if is_folder:
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    unlistable: list[Path] = []

    def note_error(error: OSError) -> None:
        unlistable.append(Path(error.filename) if error.filename else folder)

    for root, dirs, files in os.walk(folder, onerror=note_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if _wanted(name))
    return sorted(found + unlistable)


def _wanted(name: str) -> bool:
    if name.startswith((".", "~$")) or name.endswith(".gold.json"):
        return False
    return Path(name).suffix.lower() in SUPPORTED_SUFFIXES


# --- reading one file --------------------------------------------------------------------------------------


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """The raw Unicode text of the document in `path`; raises ReadError (and nothing else) when it cannot."""
    name = path.name or str(path)
    try:
        return _read(path, name, max_bytes, limits)
    except (ReadError, MemoryError):  # MemoryError: a worker process reports it as the file's memory budget
        raise
    except RecursionError as exc:  # a structure nested past what a parser's recursion can follow
        raise ReadError(
            f"The file '{name}' is nested too deeply to be read (it is damaged or made to be unreadable).",
            code="too_large",
        ) from exc
    except Exception as exc:  # a bad file must never stop a batch with a traceback
        raise ReadError(
            f"The file '{name}' could not be read because of an unexpected problem ({type(exc).__name__}).",
            code="read_error",
        ) from exc


def _read(path: Path, name: str, max_bytes: int, limits: ReadLimits) -> str:
    info = _stat(path, name)
    if stat.S_ISDIR(info.st_mode):
        raise _folder_error(path, name)
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"'{name}' is not a regular file (a device or a pipe).", code="unreadable")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        shown = f"'{suffix}'" if suffix else "no suffix"
        raise ReadError(
            f"The file '{name}' has an unsupported format ({shown}); supported formats are {supported}.",
            code="unsupported_format",
        )
    if info.st_size > max_bytes:
        raise ReadError(
            f"The file '{name}' is too large ({_megabytes(info.st_size)}; the limit is {_megabytes(max_bytes)}).",
            code="too_large",
        )
    if info.st_size == 0:
        raise ReadError(f"The file '{name}' is empty.", code="empty")
    data = _read_bytes(path, name, max_bytes)
    text = reader(data, name, limits)
    _check_chars(len(text), name, limits)
    if _BLANK.fullmatch(text):
        raise ReadError(f"The file '{name}' contains no text, only blank space.", code="empty")
    if not _reads_as_words(text):
        raise ReadError(
            f"The file '{name}' holds no readable text: its characters do not form words (it is damaged, "
            "or binary data saved under a text suffix).",
            code="binary",
        )
    return text


def _check_chars(count: int, name: str, limits: ReadLimits) -> None:
    if count > limits.max_chars:
        raise ReadError(
            f"The file '{name}' holds more text than one document may ({_thousands(count)} characters or "
            f"more; the limit is {_thousands(limits.max_chars)}); split it into its documents.",
            code="too_large",
        )


def _thousands(number: int) -> str:
    return f"{number:,}"


# A word: letters or digits, joined by the marks that join them in legal text ("06/NQ-CP", "05/3/2020",
# "1.000.000", word-segmented "Thủ_tướng"), with punctuation around it ("(sửa", "đổi);", the dot leaders of a form
# "sinh:............"). Random bytes that happen to decode (printable ASCII, a mixture of scripts) form long runs of
# letters and symbols mixed instead. Tokens without a letter or a digit ("-", "|", "......") count for neither.
_WORD = re.compile(r"[^\w\s]*+[^\W_]{1,40}+(?:[-/.,:;'’&+_]++[^\W_]{1,40}+){0,30}+[^\w\s]*+")
_TOKEN = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")
_MIN_WORD_SHARE = 0.5
_WORD_SAMPLE = 200_000


def _reads_as_words(text: str) -> bool:
    """Whether most of the text (counted in characters, on a sample) is in words: real documents, tables and
    lists included, are above 0.8; random printable bytes are below 0.2."""
    sample = unicodedata.normalize("NFC", text[:_WORD_SAMPLE])  # decomposed letters are words too
    total = words = 0
    for token in _TOKEN.finditer(sample):
        word = token.group()
        if not _ALNUM.search(word):
            continue
        total += len(word)
        if len(word) <= 120 and _WORD.fullmatch(word):
            words += len(word)
    return total == 0 or words >= _MIN_WORD_SHARE * total


# Blank: white space and the invisible characters editors leave (a second BOM, zero-width spaces).
_BLANK = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]*")


def _stat(path: Path, name: str) -> os.stat_result:
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise ReadError(f"The file '{name}' does not exist ({path}).", code="not_found") from exc
    except PermissionError as exc:
        raise ReadError(f"The file '{name}' cannot be opened: permission denied.", code="unreadable") from exc
    except OSError as exc:
        raise ReadError(
            f"The file '{name}' cannot be opened ({exc.strerror or exc}).", code="unreadable"
        ) from exc


def _folder_error(path: Path, name: str) -> ReadError:
    try:
        os.listdir(path)
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        return ReadError(f"The folder '{name}' cannot be opened: {reason}.", code="unreadable")
    return ReadError(f"'{name}' is a folder, not a file.", code="unreadable")


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # never more than the limit, even if the file grew since stat
    except PermissionError as exc:
        raise ReadError(f"The file '{name}' cannot be opened: permission denied.", code="unreadable") from exc
    except IsADirectoryError as exc:
        raise ReadError(f"'{name}' is a folder, not a file.", code="unreadable") from exc
    except OSError as exc:
        raise ReadError(
            f"The file '{name}' cannot be read ({exc.strerror or exc}).", code="unreadable"
        ) from exc
    if len(data) > max_bytes:
        raise ReadError(
            f"The file '{name}' is too large (more than {_megabytes(max_bytes)}).", code="too_large"
        )
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# --- plain text --------------------------------------------------------------------------------------------


def _read_plain(data: bytes, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    return repair_legacy_fonts(decode_bytes(data, name=name))


# --- HTML --------------------------------------------------------------------------------------------------

# Page furniture that is never part of the document.
_DROPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "nav",
        "button", "select", "input", "textarea", "datalist", "audio", "video", "map", "head", "title",
    }
)  # fmt: skip
# Site header and footer; inside <article> or <main> they belong to the document.
_CHROME_TAGS = frozenset({"header", "footer", "aside"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "address", "center", "figure",
        "figcaption", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "tr",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form", "fieldset", "legend", "details", "summary", "body",
        "header", "footer", "aside", "html", "td", "th",
    }
)  # fmt: skip
_CELL_TAGS = ["td", "th"]
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BULLETS = ("-", "+", "*", "•", "–", "·")


def _read_html(data: bytes, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    from bs4 import BeautifulSoup

    # BeautifulSoup keeps a Python object of about half a kilobyte per element: count the tags before parsing.
    tags = _count_tags(data, limits.max_html_tags)
    if tags > limits.max_html_tags:
        raise ReadError(
            f"The web page '{name}' has more than {_thousands(limits.max_html_tags)} tags (the limit); "
            "save the document itself as a page or a text file.",
            code="too_large",
        )
    markup = _decode_html(data, name)
    try:
        soup = BeautifulSoup(markup, "lxml")
    except MemoryError:
        raise
    except Exception as exc:  # lxml recovers from nearly anything; this is for what it cannot
        raise ReadError(f"The web page '{name}' could not be parsed as HTML.", code="html_broken") from exc
    page = _PageIndex(soup, name, limits)
    body = _HtmlText(page).render(soup)
    title = _html_title(soup)
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    return repair_legacy_fonts(body)


_TAG_START = re.compile(rb"<[A-Za-z]")


def _count_tags(data: bytes, cap: int) -> int:
    """The number of start tags, or a bound on it: every "<" counts until there are more than `cap` of them."""
    upper = data.count(b"<")
    return upper if upper <= cap else sum(1 for _ in _TAG_START.finditer(data))


def _decode_html(data: bytes, name: str) -> str:
    """The page's characters. A BOM or valid UTF-8 wins over the declared charset (pages often declare one
    they do not use); a declared charset is trusted when the page then reads as Vietnamese; otherwise the page
    is guessed like a text file."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and b"\x00" not in data and describe_binary(data) is None and not _is_utf8(data):
        encoding = declared.group(1).decode("ascii").lower()
        try:
            text = unicodedata.normalize("NFC", data.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None and vietnamese_plausibility(_HTML_TAG.sub(" ", text)) >= _PLAUSIBLE_HTML:
            return text
    return decode_bytes(data, name=name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_HTML_TAG = re.compile(r"<[^>]*>")
_PLAUSIBLE_HTML = 0.6


def _html_title(soup: Any) -> str:
    title = soup.find("title")
    if title is None:
        return ""
    return _HTML_SPACE.sub(" ", title.get_text()).strip()


class _PageIndex:
    """What deciding whether an element is page furniture needs, found in one pass over the page: whether it
    lies inside an <article> or <main>, and whether its text holds a mark of the document itself (a Quốc hiệu,
    "Nơi nhận"). Asking each element's ancestors and text instead costs the depth and the size of the page per
    element: minutes for a page nested 100,000 deep. The pass also refuses a page nested past the cap."""

    def __init__(self, soup: Any, name: str, limits: ReadLimits) -> None:
        from bs4 import CData, NavigableString, Tag

        self.spans: dict[int, tuple[int, int, bool]] = {}  # id(tag) -> (text start, text end, inside article)
        parts: list[str] = []
        offset = 0
        articles = 0
        stack: list[tuple[Any, bool]] = [(soup, False)]
        depth = 0
        while stack:
            node, leaving = stack.pop()
            if isinstance(node, Tag):
                if leaving:
                    depth -= 1
                    articles -= node.name in ("article", "main")
                    start, _, inside = self.spans[id(node)]
                    self.spans[id(node)] = (start, offset, inside)
                    continue
                depth += 1
                if depth > limits.max_depth:
                    raise ReadError(
                        f"The web page '{name}' nests its elements more than {_thousands(limits.max_depth)} "
                        "deep (the limit); it is damaged or made to be unreadable.",
                        code="too_large",
                    )
                self.spans[id(node)] = (offset, offset, articles > 0)
                articles += node.name in ("article", "main")
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
            elif type(node) in (NavigableString, CData):  # what get_text() joins: no comments, no scripts
                parts.append(node)
                parts.append(" ")
                offset += len(node) + 1
        text = "".join(parts)
        self.marks = [(m.start(), m.end()) for m in _DOCUMENT_MARKS.finditer(text)]

    def inside_article(self, node: Any) -> bool:
        return self.spans[id(node)][2]

    def holds_document(self, node: Any) -> bool:
        start, end, _ = self.spans[id(node)]
        k = bisect.bisect_left(self.marks, (start, 0))
        return k < len(self.marks) and self.marks[k][1] <= end


# Tables inside table cells are rendered cell by cell down to this depth; deeper rows are read as plain blocks, so
# that a page of tables nested thousands deep costs neither recursion nor copying each level's text again.
_MAX_TABLE_NESTING = 16


class _HtmlText:
    """The visible text of a parsed page or of one table cell: block elements end lines, `<br>` breaks them,
    table rows are rendered cell by cell (`_join_cells`)."""

    def __init__(self, page: _PageIndex, tables: int = 0) -> None:
        self.page = page
        self.tables = tables  # table cells this rendering is inside
        self.parts: list[str] = []
        self.break_pending = False
        self.at_line_start = True
        self.bullet_pending = False

    def render(self, root: Any) -> str:
        from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

        skipped = (Comment, Declaration, Doctype, ProcessingInstruction)
        # An explicit stack instead of recursion: broken pages nest thousands of unclosed tags.
        stack: list[tuple[Any, bool]] = [(root, False)]
        pre_depth = 0
        while stack:
            node, leaving = stack.pop()
            if isinstance(node, NavigableString):
                if not isinstance(node, skipped):
                    self.add_text(str(node), keep_spaces=pre_depth > 0)
                continue
            if not isinstance(node, Tag):
                continue
            if leaving:
                pre_depth -= node.name == "pre"
                if node.name in _BLOCK_TAGS:
                    self.soft_break()
                continue
            if node is not root and _is_dropped(node, self.page):
                continue
            if node.name == "br":
                self.hard_break()
            elif node.name == "tr" and self.tables < _MAX_TABLE_NESTING:
                cells = node.find_all(_CELL_TAGS, recursive=False)
                self.add_block(_join_cells([_HtmlText(self.page, self.tables + 1).render(c) for c in cells]))
            else:
                if node.name in _BLOCK_TAGS:
                    self.soft_break()
                if node.name == "li" and node.parent is not None and node.parent.name == "ul":
                    self.bullet_pending = True  # a browser shows a bullet; "- " is its plain-text form
                pre_depth += node.name == "pre"
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        return self.finish()

    def add_text(self, text: str, *, keep_spaces: bool) -> None:
        if not keep_spaces:
            text = _HTML_SPACE.sub(" ", text)
            if self.at_line_start or self.break_pending:
                text = text.lstrip(" ")
        if not text:
            return
        if self.break_pending and not self.at_line_start:
            self.parts.append("\n")
        if self.bullet_pending and not text.lstrip().startswith(_BULLETS):
            text = "- " + text
        self.bullet_pending = False
        self.break_pending = False
        self.parts.append(text)
        self.at_line_start = text.endswith("\n")

    def add_block(self, text: str) -> None:
        if text:
            self.soft_break()
            self.add_text(text, keep_spaces=True)
            self.soft_break()

    def soft_break(self) -> None:
        self.break_pending = True

    def hard_break(self) -> None:
        self.parts.append("\n")
        self.break_pending = False
        self.at_line_start = True

    def finish(self) -> str:
        text = "".join(self.parts)
        # The look-behind starts a match only at the first blank of a run: a <pre> of a million spaces that no
        # line break ends would otherwise be scanned again from each of them.
        text = re.sub(r"(?<![ \t])[ \t]+\n", "\n", text)
        text = re.sub(r"\n[ \t]+", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n ")


def _join_cells(cells: list[str]) -> str:
    """One table row: short cells on one line separated by " | " (a data table); when a cell holds several
    lines (a layout table, like the two-column heading of a letter), each cell stays a block of its own."""
    cells = [cell.strip() for cell in cells if cell.strip()]
    return "\n".join(cells) if any("\n" in cell for cell in cells) else " | ".join(cells)


def _is_dropped(node: Any, page: _PageIndex) -> bool:
    tag = node.name
    if tag in _DROPPED_TAGS:
        return True
    attrs = node.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if _HIDDEN_STYLE.search(str(attrs.get("style", ""))):
        return True
    if str(attrs.get("role", "")).lower() in _CHROME_ROLES:
        return True
    if page.inside_article(node):
        return False
    return tag in _CHROME_TAGS or (_named_chrome(attrs) and not page.holds_document(node))


# Portals (vbpl.vn, thuvienphapluat.vn, provincial sites) build their menus, breadcrumbs, footers and "related
# documents" boxes from plain <div>s and <ul>s named by id or class. A footer's "Giấy phép số: 27/GP-TTĐT" or a
# related list would otherwise be read as citations.
_CHROME_WORDS = frozenset(
    {
        "menu", "menubar", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "footer", "sidebar",
        "banner", "topbar", "toolbar", "share", "social", "copyright", "related", "login",
    }
)  # fmt: skip
# Not "header": pages name the document's own heading so ("doc-header") as often as the site's.
_NAME_WORDS = re.compile(r"[A-Za-z]+")
# What only the document itself holds: a site never names its menu box after a Quốc hiệu or a "Nơi nhận".
_DOCUMENT_MARKS = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do|Nơi\s+nhận|Kính\s+gửi|V/v\b")


def _named_chrome(attrs: dict[str, Any]) -> bool:
    classes = attrs.get("class") or []
    names = [*(classes if isinstance(classes, list) else [classes]), str(attrs.get("id", ""))]
    return any(word.lower() in _CHROME_WORDS for name in names for word in _NAME_WORDS.findall(str(name)))


# --- PDF ---------------------------------------------------------------------------------------------------

# Layout analysis tuned on PDFs made from the corpus (tests/fixtures/pdf_benchmark.py): with the default
# char_margin of 2, a justified line with wide word gaps splits into boxes that are then read out of order.
_PDF_CHAR_MARGIN = 4.0
_MIN_LETTERS = 20
_MAX_UNMAPPED_SHARE = 0.3


def _read_pdf(data: bytes, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    if data.find(b"%PDF-", 0, 1024) < 0:
        kind = describe_binary(data)
        what = f"it is {kind}" if kind else "it does not start like a PDF"
        raise ReadError(f"The file '{name}' is not a PDF document ({what}).", code="pdf_broken")
    if b"%%EOF" not in data[-4096:] and b"startxref" not in data[-4096:]:
        raise ReadError(
            f"The PDF file '{name}' is incomplete (it ends abruptly, as after an interrupted download).",
            code="pdf_broken",
        )
    with _quiet_pdf_libraries(), _unpack_budget(name, limits.max_unpacked_bytes):
        try:
            pages = _pdf_pages_pdfminer(data, name, limits)
        except (ReadError, MemoryError):
            raise
        except Exception:
            pages = _pdf_pages_pypdf(data, name, limits)  # a second, more forgiving parser before giving up
    return _pdf_text(pages, name)


@contextmanager
def _quiet_pdf_libraries() -> Iterator[None]:
    """pdfminer and pypdf log a warning for every flaw they step over ("Ignoring wrong pointing object …"); with
    no handler configured, Python prints them on stderr, where they interleave with the progress display and the
    summary. What matters about a damaged PDF is in its `errors` entry."""
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pypdf")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _pdf_text(pages: list[str], name: str) -> str:
    text = "\n\n".join(pages)
    letters = sum(1 for c in text if c.isalpha())
    unmapped = text.count("\ufffd")
    if letters < _MIN_LETTERS:
        raise ReadError(
            f"The PDF file '{name}' has no text layer (it is probably a scanned image); it needs OCR first.",
            code="pdf_no_text",
        )
    if unmapped > _MAX_UNMAPPED_SHARE * (letters + unmapped):
        raise ReadError(
            f"The text of the PDF file '{name}' cannot be decoded (its fonts have no character map); "
            "it needs OCR first.",
            code="pdf_no_text",
        )
    return repair_legacy_fonts(unicodedata.normalize("NFC", text))


def _too_many_pages(name: str, limits: ReadLimits) -> ReadError:
    return ReadError(
        f"The PDF file '{name}' has more than {_thousands(limits.max_pages)} pages (the limit); split it into "
        "its documents.",
        code="too_large",
    )


class _PageText:
    """Counts what the pages of one PDF draw, and stops the reading at the caps."""

    def __init__(self, name: str, limits: ReadLimits) -> None:
        self.name = name
        self.limits = limits
        self.pages = 0
        self.chars = 0
        self.page_chars = 0

    def new_page(self) -> None:
        self.pages += 1
        self.page_chars = 0
        if self.pages > self.limits.max_pages:
            raise _too_many_pages(self.name, self.limits)

    def drawn(self, count: int = 1) -> None:
        self.page_chars += count
        if self.page_chars > self.limits.max_page_chars:
            raise ReadError(
                f"Page {self.pages} of the PDF file '{self.name}' draws more than "
                f"{_thousands(self.limits.max_page_chars)} characters (the limit); it is damaged or made to be "
                "unreadable.",
                code="too_large",
            )

    def page_done(self, text: str) -> str:
        self.chars += len(text)
        _check_chars(self.chars, self.name, self.limits)
        return text


def _pdf_pages_pdfminer(data: bytes, name: str, limits: ReadLimits) -> list[str]:
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect as exc:
        raise _pdf_password_error(name) from exc
    except PDFEncryptionError as exc:
        raise ReadError(
            f"The PDF file '{name}' is encrypted in a way that cannot be opened.", code="pdf_encrypted"
        ) from exc
    counter = _PageText(name, limits)
    resources = PDFResourceManager(caching=True)
    laparams = LAParams(boxes_flow=None, char_margin=_PDF_CHAR_MARGIN, all_texts=True)
    device = _mark_merging_aggregator()(resources, laparams=laparams)
    device.counter = counter
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for page in PDFPage.create_pages(document):
        counter.new_page()
        interpreter.process_page(page)
        pages.append(counter.page_done(_layout_text(device.get_result())))
    return pages


def _pdf_password_error(name: str) -> ReadError:
    return ReadError(
        f"The PDF file '{name}' is protected by a password; remove the password and try again.",
        code="pdf_encrypted",
    )


@functools.cache
def _mark_merging_aggregator() -> type:
    """pdfminer's page aggregator, changed so that a combining mark drawn as a glyph of its own joins the letter
    before it. Decomposed Vietnamese ("Unicode tổ hợp": e + U+0323 + U+0302) is common in older documents, and
    zero-width marks otherwise break layout analysis, scattering them over the page."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar

    class MarkMergingAggregator(PDFPageAggregator):
        counter: _PageText | None = None

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            if self.counter is not None:
                self.counter.drawn()  # every glyph becomes an object of layout analysis: cap them per page
            advance: float = super().render_char(*args, **kwargs)
            objs = self.cur_item._objs
            mark = cast(LTChar, objs[-1])  # the character render_char has just added
            text = mark.get_text()
            if text and all(unicodedata.combining(c) for c in text):
                base = next((o for o in reversed(objs[:-1]) if isinstance(o, LTChar)), None)
                if base is not None and _overlaps(base, mark):
                    base._text += text
                    objs.pop()
            return advance

        def handle_undefined_char(self, font: Any, cid: int) -> str:
            return "\ufffd"

    return MarkMergingAggregator


def _overlaps(base: Any, mark: Any) -> bool:
    same_line = abs(base.y0 - mark.y0) < max(base.height, 1.0)
    near = base.x0 - base.width <= mark.x0 <= base.x1 + base.width
    return same_line and near


def _layout_text(layout: Any) -> str:
    from pdfminer.layout import LTFigure, LTTextContainer

    boxes: list[_TextBox] = []
    stack = list(reversed(list(layout)))
    while stack:
        element = stack.pop()
        if isinstance(element, LTTextContainer):
            text = element.get_text().rstrip("\n")
            boxes.append(_TextBox(element.x0, element.y0, element.x1, element.y1, text))
        elif isinstance(element, LTFigure):
            stack.extend(reversed(list(element)))
    return _tidy_pdf_lines("\n".join(box.text for box in reading_order(boxes)))


class _TextBox(NamedTuple):
    x0: float
    y0: float  # PDF space: y grows upwards, so y1 is the top of the box
    x1: float
    y1: float
    text: str


# Two boxes share a band when one reaches more than this (in points) into the other's height; a box starts a
# new column of its band when it begins right of where the boxes on its left end.
_BAND_OVERLAP = 2.0
_COLUMN_GAP = 1.0


def reading_order(boxes: Sequence[_TextBox]) -> list[_TextBox]:
    """The text boxes of a page as a person reads them. A page is a stack of bands: boxes that overlap
    vertically (the two cells of a letter's header or signature table) form one band, read column by column,
    left column first, each top to bottom; a band of one box is a body paragraph. pdfminer alone sorts boxes
    by their bottom edge, which interleaves the cells: the signer's name, under a blank space for the signature,
    ends below a long "Nơi nhận" list and would come after it, cut off from its title."""
    ordered: list[_TextBox] = []
    for band in _join_column_bands(_bands(boxes)):
        for column in _columns(band):
            ordered.extend(sorted(column, key=lambda box: (-box.y1, box.x0)))
    return ordered


def _bands(boxes: Sequence[_TextBox]) -> list[list[_TextBox]]:
    bands: list[list[_TextBox]] = []
    bottom = 0.0
    for box in sorted(boxes, key=lambda box: (-box.y1, box.x0)):
        if bands and box.y1 > bottom + _BAND_OVERLAP:
            bands[-1].append(box)
            bottom = min(bottom, box.y0)
        else:
            bands.append([box])
            bottom = box.y0
    return bands


# A signature typed with tabs rather than in a table leaves no box spanning the whole block: the "Nơi nhận" list
# breaks into boxes where the right column has a line or a gap, so the block comes out as several bands.
_BAND_JOIN_GAP = 100.0  # points: the blank space left for a signature and a seal is about four lines


def _join_column_bands(bands: list[list[_TextBox]]) -> list[list[_TextBox]]:
    """Consecutive bands that continue the same columns are one band: a band of two columns or more whose boxes
    each fall in one column of the band above, or a band that continues only the right-hand column (the
    signer's name under the space for the signature)."""
    joined: list[list[_TextBox]] = []
    for band in bands:
        above = joined[-1] if joined else None
        if above is not None and _continues_columns(above, band):
            above.extend(band)
        else:
            joined.append(list(band))
    return joined


# Only a header or a signature is joined so: the rows of a data table also continue the same columns, and
# they are read row by row.
_COLUMN_BLOCK_MARK = re.compile(
    r"^(?:Nơi\s+nhận|NƠI\s+NHẬN|(?:TM|KT|TL|TUQ|Q)\.\s|CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập\s*-)", re.MULTILINE
)


def _continues_columns(above: list[_TextBox], band: list[_TextBox]) -> bool:
    ranges = [(min(b.x0 for b in col), max(b.x1 for b in col)) for col in _columns(above)]
    if len(ranges) < 2 or min(b.y0 for b in above) - max(b.y1 for b in band) > _BAND_JOIN_GAP:
        return False
    if not any(_COLUMN_BLOCK_MARK.search(b.text) for b in above):
        return False
    places = [_column_of(box, ranges) for box in band]
    if any(place is None for place in places):
        return False
    return len(set(places)) >= 2 or places[0] == len(ranges) - 1


def _column_of(box: _TextBox, ranges: list[tuple[float, float]]) -> int | None:
    """The one column whose horizontal extent `box` overlaps, None when it overlaps none or several."""
    hits = [k for k, (x0, x1) in enumerate(ranges) if box.x0 < x1 and box.x1 > x0]
    return hits[0] if len(hits) == 1 else None


def _columns(band: list[_TextBox]) -> list[list[_TextBox]]:
    columns: list[list[_TextBox]] = []
    right = 0.0
    for box in sorted(band, key=lambda box: box.x0):
        if columns and box.x0 < right - _COLUMN_GAP:
            columns[-1].append(box)
            right = max(right, box.x1)
        else:
            columns.append([box])
            right = box.x1
    return columns


def _tidy_pdf_lines(text: str) -> str:
    """Single spaces inside lines (justified text comes out with wide gaps), no spaces at line ends."""
    lines = (re.sub(r"[ \t]{2,}", " ", line).strip(" \t") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _pdf_pages_pypdf(data: bytes, name: str, limits: ReadLimits) -> list[str]:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    cap = limits.max_unpacked_bytes
    counter = _PageText(name, limits)
    try:
        # pypdf caps each stream itself (at 75 MB): the same cap as pdfminer's here.
        with apply_configuration(
            zlib_maximum_output_length=cap,
            lzw_maximum_output_length=cap,
            run_length_maximum_output_length=cap,
        ):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise _pdf_password_error(name)
            if len(reader.pages) > limits.max_pages:
                raise _too_many_pages(name, limits)
            pages = []
            for page in reader.pages:
                counter.new_page()
                pages.append(counter.page_done(_tidy_pdf_lines(page.extract_text() or "")))
            return pages
    except ReadError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise _pdf_password_error(name) from exc
    except LimitReachedError as exc:
        if "decompress" in str(exc).lower():
            raise _unpacked_too_large(name, cap) from exc
        raise _pdf_damaged(name) from exc
    except (
        PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError, NotImplementedError,
        IndexError, zlib.error,
    ) as exc:  # fmt: skip
        # NotImplementedError: a filter name that damage made up ("/ASCIn85Decode").
        raise _pdf_damaged(name) from exc


def _pdf_damaged(name: str) -> ReadError:
    return ReadError(f"The PDF file '{name}' is damaged and its text cannot be read.", code="pdf_broken")


def _unpacked_too_large(name: str, cap: int) -> ReadError:
    return ReadError(
        f"The file '{name}' unpacks to more than {_megabytes(cap)} (the limit): it is damaged or made to "
        "exhaust memory (a compression bomb).",
        code="too_large",
    )


# --- bounded unpacking of PDF streams ----------------------------------------------------------------------

# A Flate stream of 1 MB inflates to 1 GB, an LZW or RunLength stream to 64 times its size or more, and pdfminer
# keeps every decoded stream of a document. While a PDF is read, the filters pdfminer calls by name are replaced
# by versions that count what they produce against one budget for the whole document, and stop at it. Outside a
# read (pdfminer used by anyone else in the process) they do exactly what pdfminer's own do.


class _UnpackBudget(threading.local):
    remaining: int | None = None
    cap = 0
    name = ""


_budget = _UnpackBudget()


@contextmanager
def _unpack_budget(name: str, cap: int) -> Iterator[None]:
    _install_bounded_filters()
    _budget.remaining, _budget.cap, _budget.name = cap, cap, name
    try:
        yield
    finally:
        _budget.remaining = None


def _charge(size: int) -> None:
    if _budget.remaining is None:
        return
    _budget.remaining -= size
    if _budget.remaining < 0:
        raise _unpacked_too_large(_budget.name, _budget.cap)


class _BoundedZlib:
    """What pdfminer.pdftypes uses of the zlib module."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes) -> bytes:
        if _budget.remaining is None:
            return zlib.decompress(data)
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, max(_budget.remaining, 0) + 1)
        _charge(len(out))
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _bounded_decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's recovery of a Flate stream with a bad checksum (what decompresses before the damage), without
    its byte-by-byte concatenation, which is quadratic in the output."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    for start in range(0, len(data), 1024):
        try:
            piece = inflater.decompress(data[start : start + 1024])
        except zlib.error:
            if not out:
                raise
            break
        _charge(len(piece))  # 1 KB inflates to 1 MB at most: the budget is overshot by that much at most
        out.append(piece)
    return b"".join(out)


def _bounded_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _charge(len(piece))
        out.append(piece)
    return b"".join(out)


def _bounded_rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5): a length byte below 128 copies the next length+1 bytes, above 128 repeats
    the next byte 257-length times, 128 ends the data."""
    out = bytearray()
    i = 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        piece = data[i + 1 : i + 2 + length] if length < 128 else data[i + 1 : i + 2] * (257 - length)
        i += length + 2 if length < 128 else 2
        _charge(len(piece))
        out += piece
    return bytes(out)


@functools.cache
def _install_bounded_filters() -> None:
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _bounded_decompress_corrupted
    pdftypes.lzwdecode = _bounded_lzwdecode
    pdftypes.rldecode = _bounded_rldecode


# --- DOCX --------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not shown: deleted revisions, field instructions, the fallback copy of drawings.
_DOCX_SKIPPED = frozenset(
    {_W + "del", _W + "delText", _W + "moveFrom", _W + "instrText", _W + "rPr", _W + "pPr", _MC_FALLBACK}
)
_DOCX_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _read_docx(data: bytes, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    document = _open_docx(data, name, limits)
    try:
        reader = _DocxText(document)
        return repair_legacy_fonts(reader.text())
    except (KeyError, ValueError, AttributeError, TypeError) as exc:
        raise ReadError(
            f"The Word file '{name}' is damaged and its text cannot be read.", code="docx_broken"
        ) from exc


def _open_docx(data: bytes, name: str, limits: ReadLimits) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if describe_binary(data) == "an old Microsoft Office file (.doc or .xls)":
        raise ReadError(
            f"The file '{name}' is an old Word .doc file, not .docx; open it in Word and save it as .docx.",
            code="docx_broken",
        )
    try:
        _check_package(data, name, limits)  # a member that does not inflate (zlib.error) is damage too
        return docx.Document(io.BytesIO(data))
    except ReadError:
        raise  # a cap reached: too_large, said as such
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError) as exc:
        raise _not_a_docx(name) from exc
    except MemoryError:
        raise
    except Exception as exc:  # lxml.etree.XMLSyntaxError and other damage inside the package
        raise ReadError(
            f"The Word file '{name}' is damaged and its text cannot be read.", code="docx_broken"
        ) from exc


def _not_a_docx(name: str) -> ReadError:
    return ReadError(
        f"The file '{name}' is not a valid Word document (it is damaged, or not really a .docx file).",
        code="docx_broken",
    )


# A .docx is a ZIP archive, and python-docx unpacks every part of it into memory (pictures too) and parses every
# XML part into a tree. The sizes the archive declares are upper bounds (zipfile stops at them), so the whole can be
# refused before anything is unpacked; the XML is then counted element by element, streaming, before python-docx
# builds its trees (an element costs about a hundred bytes there).
_MAX_UNPACKED_BYTES = 400 * 1024 * 1024


def _check_package(data: bytes, name: str, limits: ReadLimits) -> None:
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            unpacked = sum(info.file_size for info in members)
            xml_parts = [info for info in members if info.filename.lower().endswith((".xml", ".rels"))]
            xml_bytes = sum(info.file_size for info in xml_parts)
            if unpacked > _MAX_UNPACKED_BYTES or xml_bytes > limits.max_unpacked_bytes:
                shown, cap = (
                    (unpacked, _MAX_UNPACKED_BYTES)
                    if unpacked > _MAX_UNPACKED_BYTES
                    else (xml_bytes, limits.max_unpacked_bytes)
                )
                raise ReadError(
                    f"The Word file '{name}' is too large once unpacked ({_megabytes(shown)}; "
                    f"the limit is {_megabytes(cap)}).",
                    code="too_large",
                )
            nodes = 0
            for info in xml_parts:
                with package.open(info) as part:
                    for _, element in etree.iterparse(
                        part, events=("end",), resolve_entities=False, no_network=True
                    ):
                        element.clear(keep_tail=True)
                        while element.getprevious() is not None:  # and free the finished siblings
                            del element.getparent()[0]
                        nodes += 1
                        if nodes > limits.max_xml_nodes:
                            raise ReadError(
                                f"The Word file '{name}' holds more than {_thousands(limits.max_xml_nodes)} XML "
                                "elements (the limit); it is damaged or made to exhaust memory.",
                                code="too_large",
                            )
    except ReadError:
        raise
    except etree.XMLSyntaxError:
        return  # damaged XML: python-docx says which way, as before
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _not_a_docx(name) from exc


class _DocxText:
    """Body paragraphs and tables in document order, text boxes after their anchor paragraph, footnote and
    endnote markers as "[n]" with their bodies at the end ("[n] …"), as `normalise` expects them. Runs set in
    TCVN3 (.VnTime…) or VNI (VNI-Times…) fonts are converted; ".Vn…H" fonts are the capitals-only variants."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.fonts = _DocxFonts(document)
        self.note_numbers: dict[tuple[str, str], int] = {}

    def text(self) -> str:
        body = "\n".join(self.blocks(self.document.element.body))
        notes = self.notes()
        return f"{body}\n\n{notes}" if notes else body

    def blocks(self, container: Any) -> Iterator[str]:
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W + "p":
                yield from self.paragraph(child)
            elif tag == _W + "tbl":
                yield from self.table(child)
            elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "moveTo"):
                yield from self.blocks(child)

    def table(self, table: Any) -> Iterator[str]:
        for row in table.iterchildren(_W + "tr"):
            text = _join_cells(["\n".join(self.blocks(cell)) for cell in _row_cells(row)])
            if text:
                yield text

    def paragraph(self, paragraph: Any) -> Iterator[str]:
        style = _paragraph_style(paragraph)
        parts: list[str] = []
        boxes: list[str] = []
        self.inline(paragraph, style, parts, boxes)
        yield "".join(parts)
        yield from boxes

    def inline(self, element: Any, style: str | None, parts: list[str], boxes: list[str]) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _DOCX_SKIPPED:
                continue
            if tag == _W + "r":
                parts.append(self.run(child, style))
            elif tag == _W + "txbxContent":
                boxes.extend(self.blocks(child))
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                parts.append(self.note_marker(child))
            else:
                self.inline(child, style, parts, boxes)

    def run(self, run: Any, style: str | None) -> str:
        if _is_hidden(run):
            return ""
        parts: list[str] = []
        boxes: list[str] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in _DOCX_CHARS:
                parts.append(_DOCX_CHARS[tag])
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                parts.append(self.note_marker(child))
            elif isinstance(tag, str) and tag not in _DOCX_SKIPPED:
                self.inline(child, style, parts, boxes)  # drawings holding text boxes
        text = _convert_legacy_font("".join(parts), self.fonts.run_font(run, style))
        return text + "".join(f"\n{box}" for box in boxes)

    def note_marker(self, reference: Any) -> str:
        kind = "footnote" if reference.tag == _W + "footnoteReference" else "endnote"
        key = (kind, reference.get(_W + "id", ""))
        number = self.note_numbers.setdefault(key, len(self.note_numbers) + 1)
        return f"[{number}]"

    def notes(self) -> str:
        bodies: dict[tuple[str, str], str] = {}
        for kind in ("footnote", "endnote"):
            root = _notes_part(self.document, kind)
            if root is None:
                continue
            for note in root.iterchildren(_W + kind):
                key = (kind, note.get(_W + "id", ""))
                if key in self.note_numbers:
                    bodies[key] = " ".join(b.strip() for b in self.blocks(note) if b.strip())
        lines = [f"[{number}] {bodies[key]}" for key, number in self.note_numbers.items() if bodies.get(key)]
        return "\n".join(sorted(lines, key=lambda line: int(line[1 : line.index("]")])))


def _row_cells(row: Any) -> Iterator[Any]:
    for child in row.iterchildren():
        if child.tag == _W + "tc":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            yield from _row_cells(content if content is not None else child)


def _paragraph_style(paragraph: Any) -> str | None:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return style.get(_W + "val") if style is not None else None


def _is_hidden(run: Any) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(_W + "val", "true") not in ("0", "false", "off")


def _notes_part(document: Any, kind: str) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    reltype = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            return etree.fromstring(
                part.blob, parser=etree.XMLParser(resolve_entities=False, no_network=True)
            )
    return None


class _DocxFonts:
    """The font a run is set in: its own, else its character style's, its paragraph style's, the default."""

    def __init__(self, document: Any) -> None:
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.default_paragraph_style: str | None = None
        self.default_font: str | None = None
        try:
            root = document.styles.element
        except (KeyError, ValueError, AttributeError):
            return
        for style in root.iterchildren(_W + "style"):
            style_id = style.get(_W + "styleId")
            based_on = style.find(_W + "basedOn")
            self.styles[style_id] = (
                _rfonts_name(style.find(f"{_W}rPr/{_W}rFonts")),
                based_on.get(_W + "val") if based_on is not None else None,
            )
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self.default_paragraph_style = style_id
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        self.default_font = _rfonts_name(defaults)

    def run_font(self, run: Any, paragraph_style: str | None) -> str | None:
        own = _rfonts_name(run.find(f"{_W}rPr/{_W}rFonts"))
        if own:
            return own
        run_style = run.find(f"{_W}rPr/{_W}rStyle")
        for style_id in (
            run_style.get(_W + "val") if run_style is not None else None,
            paragraph_style or self.default_paragraph_style,
        ):
            font = self.style_font(style_id)
            if font:
                return font
        return self.default_font

    def style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, based_on = self.styles.get(style_id, (None, None))
            if font:
                return font
            style_id = based_on
        return None


def _rfonts_name(rfonts: Any) -> str | None:
    if rfonts is None:
        return None
    return rfonts.get(_W + "ascii") or rfonts.get(_W + "hAnsi")


def _convert_legacy_font(text: str, font: str | None) -> str:
    """Text set in a legacy Vietnamese font, in Unicode. Text that already holds Vietnamese Unicode letters was
    typed in Unicode despite the font and is left alone."""
    if not font or not text or not all(ord(c) < 0x100 or _is_windows_char(c) for c in text):
        return text
    family = font.strip()
    lowered = family.lower()
    if lowered.startswith(".vn"):
        converted = tcvn3_to_unicode(text)
        return converted.upper() if family.endswith("H") else converted
    if lowered.startswith("vni"):
        return vni_to_unicode(text)
    return text


def _is_windows_char(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


_READERS: dict[str, Callable[[bytes, str, ReadLimits], str]] = {
    ".txt": _read_plain,
    ".md": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
