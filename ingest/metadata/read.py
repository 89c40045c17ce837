"""What a document says about itself: số ký hiệu, type, issuer, date and place, trích yếu, signer, recipients.

Vietnamese administrative documents follow one layout (Nghị định 30/2020/NĐ-CP): the issuing body in capitals on
the left above its số ký hiệu, the Quốc hiệu on the right above "<place>, ngày … tháng … năm …", then the type
heading ("QUYẾT ĐỊNH") with the trích yếu under it, or for a letter (công văn) "V/v <trích yếu>" under the number
and a "Kính gửi" list; at the end "Nơi nhận" and the signature: TM./KT./TL./TUQ. lines, the chức vụ, the name.

The texts we get have lost that two-column layout in different ways: PDF text puts every line of both columns
in turn, web copies flatten a whole header onto one line ("Số: 1056/QĐ-CT Tuyên Quang, ngày 16 tháng 8 năm 2010
QUYẾT ĐỊNH BAN HÀNH …"), OCR puts the Quốc hiệu first, and website title lines stand above the header. So every
pattern here reads words, not lines: a line break and a space are the same, and each field is found by what
stands next to it (the place before ", ngày", the name after a capitalised title), never by its line number.

Texts written outside that layout, or copied from older pages, say the same things otherwise: a title line that
opens the text without any header ("Quyết định của Bộ trưởng Bộ Tài chính số 1141-TC/QĐ/CĐKT ngày … Về việc …"),
a title that names its own issuer, number and date ("LUẬT / CỦA QUỐC HỘI … SỐ 16/1999/QH10 VỀ …", see `clauses`),
a form's labels ("Trích yếu:", "Đơn vị thực hiện:"), a court precedent's adoption statement, a Party header whose
right column names the organisation, a joint text whose number names all its issuers and whose signers sign side
by side. Each is read where it stands, and only when the usual place says nothing.

Only the first few KB (the header) and the area of "Nơi nhận" and the end (the signature) are read, so a
20 MB text costs the same as a letter; and no pattern can backtrack without bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.metadata.consolidation import find_authentication
from ingest.metadata.dateline import (
    DateLine,
    adoption_date,
    date_after_number,
    date_line_above_signature,
    find_date_line,
    iso_date,
)
from ingest.metadata.heading import (
    DOAN_HEADING,
    KINH_GUI,
    MOTTO,
    QUOC_HIEU,
    TITLE_END,
    TitleBlock,
    after_separators,
    find_heading,
    find_letter_subject,
    find_title_block,
    heading_type,
    labelled_issuer,
    labelled_subject,
    opening_heading,
)
from ingest.metadata.issuer import (
    capitals_between,
    complete_from_column,
    complete_locality,
    compose_issuer,
    issuer_from_authority,
    issuer_from_body,
    issuer_from_number,
    issuer_lacks_locality,
    issuer_run_before,
    joint_issuer_from_number,
    split_bodies,
    title_issuer,
)
from ingest.metadata.number import BLANK_NUMBER, NUMBER, Number, find_number, has_code, type_from_number
from ingest.metadata.recipients import find_recipients
from ingest.metadata.signature import (
    NOI_NHAN,
    Distribution,
    Signature,
    find_distribution,
    find_signature,
    joint_signatures,
)
from ingest.metadata.words import HEAD_LIMIT, NUMBER_ZONE, Token, collapse, line_start, reading_view
from ingest.metadata_lexicon import ORGAN_HEADS, TYPE_ISSUERS
from ingest.models import DocumentMeta


@dataclass(frozen=True)
class MetadataResult:
    meta: DocumentMeta
    # Character spans in the text: "number", "subject", "date_line", "header", "signature", "distribution".
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


_STATE_NAMED = re.compile(r"(?i:nước)\s+$")


def find_quoc_hieu(text: str, limit: int = 5_000) -> re.Match[str] | None:
    """The Quốc hiệu of the header: in capitals (OCR may slip a letter: "XàHỘI"), or followed by the motto.
    The body names the state in sentence case ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")."""
    found = list(QUOC_HIEU.finditer(text, 0, min(len(text), limit)))[:20]
    for i, m in enumerate(found):
        if _STATE_NAMED.search(text, max(0, m.start() - 8), m.start()):
            continue  # "QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM": the state named in a title or sentence
        if (
            DOAN_HEADING.match(m.group())
            and i + 1 < len(found)
            and DOAN_HEADING.match(found[i + 1].group())
            and found[i + 1].start() - m.end() < 200
        ):
            continue  # "BAN CHẤP HÀNH TRUNG ƯƠNG / ĐOÀN TNCS HỒ CHÍ MINH": the issuer's name; its heading follows
        letters = [c for c in m.group() if c.isalpha()]
        capitals = sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        if capitals or MOTTO.match(text, after_separators(text, m.end())):
            return m
    return None


def decide_doc_type(
    heading: str | None, letter: bool, number: str | None, has_recipients: bool
) -> str | None:
    """A heading names the type; else a "V/v" trích yếu makes it a công văn; else the number's type code; else a
    letter (Kính gửi, a number without a type code) is a công văn."""
    coded = type_from_number(number)
    if coded == "Văn bản hợp nhất":
        return coded  # a consolidation is printed under the heading of the text it consolidates
    if heading:
        return heading
    if letter:
        # "V/v …" under the number: a letter, whatever its symbol's first code ("5348/CT-CS" of a tax department:
        # CT is Cục Thuế there, not Chỉ thị).
        return "Công văn"
    if coded and coded != "Văn bản":
        return coded
    if has_recipients or number:
        return "Công văn"
    return None


_ENACTED = re.compile(
    r"ban\s+hành\s+(?P<type>Kế hoạch|Quy định|Hướng dẫn|Chương trình|Quy chế|Đề án|Kết luận|Thông báo)\s+"
    r"(?P<subject>[^.;:()\n]{5,400}?)\s*(?:\([^()\n]{0,150}\)\s*)?(?:như\s+sau|với\s+các\s+nội\s+dung|gồm)"
)
_ENACTED_ZONE = 1_500
# The line under an annex's heading names the document it is attached to, and that document's issuer.
ATTACHED_TO = re.compile(
    r"\(\s*(?:[Bb]an\s+hành\s+)?[Kk]èm\s+theo\b[^()\n]{0,200}?\s[Cc]ủa\s+(?P<issuer>[^()\n]{3,150})\)"
)
_ATTACHED_NEAR = 300
# How a text names itself in its first articles ("Luật này quy định về biên giới quốc gia").
_SELF_NAMED = re.compile(
    r"(?<![^\W\d_])(Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị)"
    r" này (?:quy định|áp dụng|có hiệu lực|hướng dẫn)"
)
_SELF_NAMED_ZONE = 6_000


def self_named_type(text: str, start: int) -> str | None:
    m = _SELF_NAMED.search(text, start, min(len(text), start + _SELF_NAMED_ZONE))
    return m.group(1) if m else None


def extract_metadata(text: str) -> MetadataResult:
    """Metadata and where it was found; empty metadata for a text without any (never raises)."""
    try:
        return _extract(text)
    except Exception:  # a bad document must not stop a batch; its metadata is merely unknown
        return MetadataResult(DocumentMeta(), {})


@dataclass(frozen=True)
class Header:
    """What the first part of the text says, and where it ends."""

    quoc_hieu: re.Match[str] | None
    motto: re.Match[str] | None
    heading_start: int | None
    number: Number | None
    date: DateLine | None
    heading: str | None  # the type its heading names
    block: TitleBlock | None
    subject: str | None
    is_letter: bool  # it has a "V/v" trích yếu
    letter_start: int | None  # where its "V/v" stands
    title_end: int  # where the heading and its title end (0 without them)
    kinh_gui: bool
    recipients: list[str]
    spans: dict[str, tuple[int, int]]
    end: int


def read_header(text: str) -> Header:
    head = text[:HEAD_LIMIT]
    quoc_hieu = find_quoc_hieu(head)
    motto = MOTTO.search(head, quoc_hieu.end() if quoc_hieu else 0, min(len(head), 5_000))
    number = find_number(head)
    spans: dict[str, tuple[int, int]] = {}
    if number:
        spans["number"] = number.span

    kinh_gui = KINH_GUI.search(head, 0, min(len(head), 6_000))
    noi_nhan = NOI_NHAN.search(head)
    # The date line of the header comes before the Kính gửi list and, in a short text, before the Nơi nhận.
    date_limit = min(
        len(head),
        5_000,
        kinh_gui.start() if kinh_gui and kinh_gui.start() > 0 else len(head),
        noi_nhan.start() if noi_nhan else len(head),
    )
    # The date line stands under the Quốc hiệu: a date line above it belongs to whatever precedes the document.
    date_from = quoc_hieu.start() if quoc_hieu else 0
    date = find_date_line(head, date_limit, date_from) or (
        date_after_number(head, number.span[1]) if number else None
    )
    if date:
        spans["date_line"] = date.span

    stops = [s.start() for s in (kinh_gui, quoc_hieu) if s] + ([date.span[0]] if date else [])
    vv_limit = kinh_gui.start() if kinh_gui else min(len(head), 3_000)
    after_number = number.span[1] if number else None
    if number and date and date.place is None and 0 <= date.span[0] - number.span[1] <= 20:
        after_number = date.span[1]  # "Số 120/2000/TTLT-BTC-BCN-TCHQ ngày 25 tháng 12 năm 2000 Về việc …"
    letter = find_letter_subject(head, after_number, stops, vv_limit)

    found_end = max((end for _, end in spans.values()), default=0)
    heading_limit = min(len(head), 5_000)
    body_start = TITLE_END.search(head, found_end + 1, heading_limit)
    heading_starts = [m for m in (date.span[1] if date else None, number.span[1] if number else None) if m]
    heading_starts += [motto.end()] if motto else []
    heading = find_heading(
        head,
        heading_starts,
        body_start.start() if body_start else heading_limit,
        date.span[1] if date else None,
    )
    if heading is None and quoc_hieu is None and (letter is None or not letter.vv):
        heading = opening_heading(head)  # a text that opens with its title line, without a header

    block = None
    if heading:
        own_number = number.text if number else None
        block = find_title_block(head, heading.end(), under_heading=True, own_number=own_number)
    elif date and letter is None:
        block = find_title_block(head, date.span[1], under_heading=False)
    clauses = block.clauses if block else None
    if clauses and clauses.number and number is None:
        # "CHỈ THỊ / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG …": a header without "Số:" gives it in the title.
        text_, span = clauses.number
        number = Number(text_, span, None)
        spans["number"] = span
    if clauses and clauses.date and date is None:
        day, month, year, span = clauses.date
        date = DateLine(iso_date(day, month, year), None, span)
        spans["date_line"] = span
    subject, subject_span = (block.subject, block.subject_span) if block else (None, None)
    if letter and (subject_span is None or not heading):
        subject, subject_span = letter.text, letter.span
    title_end = block.end if block else heading.end() if heading else 0
    labelled = labelled_subject(head, title_end)
    if labelled:
        subject, subject_span = labelled
    if subject is None and number:
        # no title: the body's first sentence says what it issues ("… ban hành Kế hoạch tổ chức đại hội đoàn các
        # cấp … như sau:")
        enacted = _ENACTED.search(head, number.span[1], min(len(head), number.span[1] + _ENACTED_ZONE))
        if enacted and type_from_number(number.text) == enacted.group("type"):
            subject, subject_span = collapse(enacted.group("subject")), enacted.span("subject")
    if subject_span:
        spans["subject"] = subject_span

    ends = [end for _, end in spans.values()] + [heading.end() if heading else 0, block.end if block else 0]
    recipients: list[str] = []
    # The Kính gửi list follows the header; with nothing else of a header found, it is where the text starts.
    if kinh_gui and (kinh_gui.start() <= max(ends) + 800 or not max(ends)):
        recipients, recipients_end = find_recipients(head, kinh_gui)
        ends.append(recipients_end)
    if date is None:
        date = date_line_above_signature(text) or adoption_date(text)  # not part of the header
        if date:
            spans["date_line"] = date.span
    return Header(
        quoc_hieu,
        motto,
        heading.start() if heading else None,
        number,
        date,
        heading_type(heading.group()) if heading else None,
        block,
        subject,
        letter is not None and letter.vv,
        line_start(head, letter.span[0]) if letter else None,
        title_end,
        kinh_gui is not None,
        recipients,
        spans,
        max(ends),
    )


def header_issuer_run(head: str, header: Header) -> list[Token]:
    """The capitalised words of the issuer: before the Quốc hiệu or the number, whichever comes first."""
    label = header.number.label if header.number else None
    if label is None:
        blank = BLANK_NUMBER.search(head, 0, header.quoc_hieu.start() if header.quoc_hieu else NUMBER_ZONE)
        label = blank.start() if blank else None  # "Số: /PT-NC", the number left for the clerk to fill in
    anchors = [a for a in (header.quoc_hieu.start() if header.quoc_hieu else None, label) if a is not None]
    if header.letter_start is not None and anchors:
        anchors.append(header.letter_start)  # "BẢO HIỂM XÃ HỘI VIỆT NAM / V/v: …" above the Quốc hiệu
    if not anchors and header.heading_start is not None:
        anchors = [header.heading_start]  # neither Quốc hiệu nor number: the issuer stands above the heading
    run = issuer_run_before(head, min(anchors)) if anchors else []
    if header.quoc_hieu and header.motto:
        # Columns read side by side: the issuer's second line stands between the Quốc hiệu and the motto.
        run += capitals_between(head, header.quoc_hieu.end(), header.motto.start())
    if header.motto and label is not None and header.motto.end() <= label:
        # OCR puts the Quốc hiệu first and the issuer under it, just above the number.
        run += capitals_between(head, header.motto.end(), label)
    return run


def header_issuer(run: list[Token], header: Header, signature: Signature | None = None) -> str | None:
    issuer = _header_issuer(run, header)
    if issuer and header.quoc_hieu:
        issuer = complete_from_column(
            issuer, header.quoc_hieu.group(), signature.authority if signature else None
        )
    return issuer


def _header_issuer(run: list[Token], header: Header) -> str | None:
    """The issuer from the header, completed by the authority line under the title: its locality when the
    header lacks one, and the chairman when he decides in person. A title that names its issuer ("CỦA BỘ CHÍNH
    TRỊ, BAN BÍ THƯ") names the body the header stands for."""
    named = title_issuer(header.block.clauses.issuer) if header.block and header.block.clauses else None
    if named:
        return named
    issuer, issuer_body = compose_issuer(split_bodies([t.text for t in run]))
    place = header.date.place if header.date else None
    block = header.block
    authority_text, authority_body = compose_issuer(
        split_bodies(block.authority.split()) if block and block.authority else []
    )
    if issuer and issuer_body and issuer_lacks_locality(issuer_body):
        if authority_body and authority_body.locality and authority_body.head == issuer_body.head:
            issuer = authority_text
        else:
            level = authority_body.level if authority_body else None
            issuer = complete_locality(issuer, issuer_body, level, place)
    if authority_text and authority_body and authority_body.head in ORGAN_HEADS:
        # "ĐOÀN CHỦ TỊCH TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM" under the title: an organ of the body decides
        issuer = authority_text
    if block and block.authority_role == "chủ tịch" and authority_text and authority_body:
        # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" under the title: the chairman decides in person, the issuer is him.
        body = authority_text
        if not authority_body.locality and issuer_body and issuer_body.locality and issuer:
            body = issuer
        elif issuer_lacks_locality(authority_body):
            body = complete_locality(authority_text, authority_body, authority_body.level, place)
        issuer = f"Chủ tịch {body}"
    return issuer


def issuer_without_header(text: str, header: Header, signature: Signature | None) -> str | None:
    """For a text that lost its header: the authority line under its title, else the sender its body names,
    else the issuer code of its number, else the body its signer signs for."""
    block = header.block
    issuer = title_issuer([block.authority.split()]) if block and block.authority else None
    if issuer is None:
        # an annex: "(Kèm theo Báo cáo số 22/BC-BCH ngày 08/7/2021 Của BCH Hội LHPN huyện Gia Lâm)"
        near = min(len(text), header.title_end + _ATTACHED_NEAR)
        attached = ATTACHED_TO.search(text, 0, near) if header.title_end else None
        issuer = title_issuer([attached.group("issuer").split()]) if attached else None
    if issuer is None:
        # "* Đơn vị thực hiện: Hội LHPN xã Đặng Xá": a congress paper names who presents it
        label = labelled_issuer(text, header.title_end)
        issuer = title_issuer([label.split()]) if label else None
    if issuer is None:
        issuer = issuer_from_body(text, header.end, min(len(text), header.end + 2_000))
    if issuer is None:
        issuer = issuer_from_number(header.number.text if header.number else None)
    if issuer is None and signature and signature.authority:
        issuer = issuer_from_authority(signature.authority)
    body = split_bodies(issuer.split())[-1] if issuer else None
    if issuer and body and issuer_lacks_locality(body):
        issuer = complete_locality(issuer, body, body.level, header.date.place if header.date else None)
    return issuer


def read_footer(text: str) -> tuple[Distribution | None, Signature | None]:
    distribution = find_distribution(text)
    signature = find_signature(text, distribution)
    if signature and distribution and distribution.span[0] < signature.span[0] < distribution.span[1]:
        # Flattened: the signature ran on the Nơi nhận line.
        distribution = find_distribution(text, stop=signature.span[0])
    return distribution, signature


_CHROME_LIMIT = 60_000
_BEFORE_LANDMARK = 1_500  # the issuer and, in some layouts, the number stand before the Quốc hiệu


def header_offset(text: str) -> int:
    """Where the document starts when a web page's menus and lists stand before it: shortly before the first
    landmark of a header (the Quốc hiệu, a "Số:" with a code, a "Kính gửi"), at a line start; 0 when that is
    near the top."""
    found = [
        m.start()
        for m in (
            find_quoc_hieu(text, _CHROME_LIMIT),
            next((n for n in NUMBER.finditer(text, 0, _CHROME_LIMIT) if has_code(n.group("num"))), None),
            KINH_GUI.search(text, 0, _CHROME_LIMIT),
        )
        if m
    ]
    if not found or min(found) < NUMBER_ZONE:
        return 0
    return line_start(text, min(found) - _BEFORE_LANDMARK)


def _extract(text: str) -> MetadataResult:
    if not isinstance(text, str) or not text.strip():
        return MetadataResult(DocumentMeta(), {})
    text = reading_view(text)  # same offsets: the spans still point into the caller's text
    offset = header_offset(text)
    document = text[offset:]
    header = read_header(document)
    run = header_issuer_run(document[:HEAD_LIMIT], header)
    distribution, signature = read_footer(text)
    issuer = (
        joint_issuer_from_number(header.number.text if header.number else None)
        or header_issuer(run, header, signature)
        or issuer_without_header(document, header, signature)
    )

    spans = {name: (start + offset, end + offset) for name, (start, end) in header.spans.items()}
    header_end = max([header.end] + [t.end for t in run])
    if header_end:
        # The header zone includes whatever stood before the document (site menus): no citations there.
        spans["header"] = (0, header_end + offset)
    if distribution:
        spans["distribution"] = distribution.span
    if signature:
        spans["signature"] = signature.span
    number = header.number.text if header.number else None
    signer = signature.name if signature else None
    if signature and joint_issuer_from_number(number):
        # each body of a joint text signs for itself: the signers in their printed order
        signer = " - ".join(s.name for s in joint_signatures(text, signature))
    doc_type = decide_doc_type(header.heading, header.is_letter, number, header.kinh_gui)
    if doc_type is None:
        # a law copied without its header still says "Luật này quy định …"
        doc_type = self_named_type(document, header.end)
    date = header.date
    authentication = find_authentication(text)
    if authentication and (authentication.number or authentication.date):
        # A consolidated text: its own identity is in the authentication block, the header is the consolidated
        # document's.
        doc_type = "Văn bản hợp nhất"
        number = authentication.number or number
        if authentication.number_span:
            spans["number"] = authentication.number_span
        date = authentication.date or date
        if authentication.date:
            spans["date_line"] = authentication.date.span
        issuer = authentication.issuer or issuer
        signature = authentication.signature or signature
        signer = signature.name if signature else None
    if issuer is None:
        issuer = TYPE_ISSUERS.get(doc_type or "")  # only one body enacts each such type
    meta = DocumentMeta(
        number=number,
        doc_type=doc_type,
        issuer=issuer,
        issue_date=date.iso if date else None,
        place=date.place if date else None,
        subject=header.subject,
        signer=signer,
        signer_authority=signature.authority if signature else None,
        signer_title=signature.title if signature else None,
        recipients=header.recipients,
        distribution=distribution.items if distribution else [],
    )
    return MetadataResult(meta, spans)
