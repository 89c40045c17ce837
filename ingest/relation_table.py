"""The relations one document can have to another: the one table every other part of lexgraph derives from.

A row says everything about a relation: its name in the `extract` contract (../shared/EXTRACT_FORMAT.md), its
precedence (the table's order: when several apply to one cited document, the first wins), how Vietnamese pages
and pictures say it, how pictures draw it, its ELI term, whether it changes the cited document's force (what the
validity of a document is derived from), and the clause cues and description verbs that extraction reads it
from (`ingest/relations.py`). Adding a relation is adding a row (and its name to `Relation`):
`tests/test_relation_table.py` checks that every part of the product knows every row.

Cues are regular-expression alternatives written in lower case (they are matched in the lower-cased text), on whole
words, against the clause before a mention ("Căn cứ Luật …", "Thực hiện Kế hoạch số …"). Description verbs are read
after a mention: "Nghị định A quy định chi tiết Luật B" — A guides B, and the text asserts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Relation = Literal[
    "amends", "replaces", "repeals", "implements", "guides", "based_on", "responds_to", "attaches", "cites"
]  # fmt: skip

# "… 6 tháng đầu năm", "… năm 2024", "… quý I": a period between a reporting word and the verb it reports on.
_PERIOD = r"(?:\s+(?:\d+\s+)?(?:năm|tháng|quý)(?:\s+(?:đầu|cuối))?(?:\s+năm)?(?:\s+(?:\d{4}|[ivx]+))?)"
_CARRY_OUT = r"(?:triển khai(?:\s+thực hiện)?|thực hiện)"
CHANGED_VERBS = (
    r"(?:thay thế|bãi bỏ|hủy bỏ|huỷ bỏ|sửa đổi(?:,?\s*bổ sung)?|bổ sung)"  # what a passive says was done
)


@dataclass(frozen=True)
class RelationKind:
    name: Relation
    verb_vi: str  # "<this document> <verb> <that one>": "thực hiện"
    passive_vi: str  # "<that one> <passive> <this document>": "được thực hiện bởi"
    colour: str  # lines and legend in pictures (Okabe–Ito, readable with common colour-vision deficiencies)
    tint: str  # background of the relation's badge on the browse pages
    dot_arrow: str  # Graphviz arrowhead: relations stay apart on a black-and-white slide
    vis_arrow: str  # vis-network's arrow type for the same
    eli: str | None  # the ELI ontology's property, None where ELI has none (lexgraph's own sub-property then)
    changes_force: bool  # takes away or changes the cited document's force (validity is derived from these)
    heads_lists: bool  # a list heading with this cue ("Căn cứ:", "Thực hiện các văn bản sau:") passes it down
    runs_over_lines: bool  # "Căn cứ A;" then "B;" on a line of its own: the next line continues the cue
    cues: tuple[str, ...] = ()  # clause cues (regular-expression alternatives)
    described_by: tuple[str, ...] = ()  # description verbs: "A <verb> B" asserts A <relation> B


RELATION_TABLE: tuple[RelationKind, ...] = (
    RelationKind(
        "amends", "sửa đổi, bổ sung", "được sửa đổi, bổ sung bởi", "#E69F00", "#fde3cf", "diamond", "diamond",
        "eli:amends", changes_force=True, heads_lists=True, runs_over_lines=False,
        cues=(r"(?<!\()sửa đổi(?:,?\s*bổ sung)?(?!\))", r"điều chỉnh nội dung", r"đính chính"),
        described_by=("sửa đổi", "bổ sung"),
    ),
    RelationKind(
        "replaces", "thay thế", "được thay thế bởi", "#CC79A7", "#fcd9d9", "box", "box",
        None, changes_force=True, heads_lists=True, runs_over_lines=False,
        cues=(r"thay thế",),
        described_by=("thay thế",),
    ),
    RelationKind(
        # A suspension is not among the nine relations: it takes away effect like a repeal (detail: suspends).
        "repeals", "bãi bỏ", "bị bãi bỏ bởi", "#7B2D8E", "#f8cfd6", "tee", "bar",
        "eli:repeals", changes_force=True, heads_lists=True, runs_over_lines=False,
        cues=(
            r"bãi bỏ", r"hủy bỏ", r"huỷ bỏ", r"hết hiệu lực(?:\s+thi hành)?",
            r"(?:tạm\s+)?đình chỉ(?:\s+(?:việc\s+)?thi hành)?", r"tạm ngưng(?:\s+(?:hiệu lực|thi hành))?",
        ),
        described_by=("bãi bỏ", "hủy bỏ", "huỷ bỏ"),
    ),
    RelationKind(
        "implements", "thực hiện", "được thực hiện bởi", "#D55E00", "#d9f2e3", "normal", "arrow",
        "eli:ensures_implementation_of", changes_force=False, heads_lists=True, runs_over_lines=True,
        cues=(
            r"thực hiện", r"triển khai(?:\s+thực hiện)?", r"thi hành", r"theo chỉ đạo", r"quán triệt",
            r"tinh thần",
            r"cụ thể (?:hóa|hoá)",  # "Nhằm cụ thể hóa Nghị quyết số …": a plan that concretises it carries it out
        ),
        described_by=("thực hiện", "triển khai", "theo", "cụ thể hóa", "cụ thể hoá"),
    ),
    RelationKind(
        "guides", "hướng dẫn", "được hướng dẫn bởi", "#009E73", "#efe4fb", "vee", "vee",
        None, changes_force=False, heads_lists=False, runs_over_lines=False,
        cues=(
            # "Thông tư này hướng dẫn một số điều của Nghị định số …" guides as "hướng dẫn thi hành" does.
            # Not "hướng dẫn điều chỉnh …": "điều" must name an article.
            r"hướng dẫn\s+(?:thực hiện|thi hành|áp dụng|chi tiết|(?:một số|các)\s+(?:điều|khoản|nội dung)"
            r"|(?:điều|khoản)\s+\d)",
            r"quy định chi tiết",
        ),
        described_by=("quy định chi tiết", "hướng dẫn", "giải thích", "thi hành"),
    ),
    RelationKind(
        "based_on", "căn cứ", "là căn cứ của", "#0072B2", "#e2ebfb", "empty", "triangle",
        "eli:based_on", changes_force=False, heads_lists=True, runs_over_lines=True,
        # "Căn cứ hướng dẫn tại …", "căn cứ quy định tại …": still this document's basis, not a mere reference.
        cues=(r"căn cứ(?:\s+vào)?(?:\s+(?:các\s+)?(?:hướng dẫn|quy định)(?:\s+(?:tại|của))?)?", r"trên cơ sở"),
    ),
    RelationKind(
        "responds_to", "trả lời", "được trả lời bởi", "#56B4E9", "#e0f4f7", "dot", "circle",
        None, changes_force=False, heads_lists=False, runs_over_lines=True,
        cues=(
            r"(?:xét|theo)(?=\s+(?:đề nghị|đề xuất|tờ trình|báo cáo))",
            r"xét(?=\s+(?:văn bản|công văn))",
            # "Theo Công văn số … của Sở …" opening the clause answers that letter; "báo cáo theo Công văn số …"
            # inside a clause only refers to it.
            r"^[\s\-+•*]*theo(?=\s+(?:văn bản|công văn))",
            r"đề nghị của",
            r"(?:trả lời|phúc đáp)(?=\s+(?:công văn|văn bản|tờ trình|đơn|kiến nghị|ý kiến|đề nghị|câu hỏi))",
            r"kiến nghị của",
            # "Bộ Tài chính nhận được Công văn số 45/CT-TTHT … đề nghị hướng dẫn …": the letter answers it.
            r"nhận được(?=\s+(?:công văn|văn bản|tờ trình|đơn|kiến nghị|ý kiến|đề nghị|báo cáo|thư|phiếu))",
        ),
    ),
    RelationKind(
        "attaches", "kèm theo", "được gửi kèm", "#8C6D31", "#eeeeee", "odot", "circle",
        None, changes_force=False, heads_lists=False, runs_over_lines=False,
        cues=(r"(?:xin\s+)?gửi kèm(?:\s+theo)?", r"sao gửi"),
    ),
    RelationKind(
        "cites", "dẫn chiếu", "được dẫn chiếu bởi", "#8A8A8A", "#f3f1dc", "open", "arrow",
        "eli:cites", changes_force=False, heads_lists=False, runs_over_lines=False,
        cues=(
            r"theo quy định(?:\s+(?:tại|của))?", r"quy định tại", r"nêu tại", r"được quy định", r"đánh giá",
            r"phù hợp với", r"tham khảo", r"ngày\s+\d", r"đã ban hành", r"đã có", r"có công văn",
        ),
    ),
)  # fmt: skip

# Phrases that hold a stronger relation's cue word but only refer to the document ("theo hướng dẫn tại …"):
# matched before every cue of the table, so that their words are not read as that stronger cue.
REFERRING_CUES: tuple[str, ...] = (
    r"tiếp theo",
    r"theo hướng dẫn(?:\s+(?:tại|của))?",
    r"hướng dẫn tại",
    r"nội dung hướng dẫn",
    r"được hướng dẫn",
    # Reporting and background: "báo cáo kết quả 6 tháng đầu năm thực hiện Kế hoạch …", "tình hình triển khai Kế
    # hoạch …", "Sau 5 năm thực hiện Nghị quyết …" tell of the implementation, they do not carry it out.
    # ("sơ kết, tổng kết … thực hiện" stays a task of implementing: the gold reads it so.)
    rf"(?:thời gian|quá trình|(?<!về\s)việc|kết quả|tình hình|khi|trong){_PERIOD}?\s+{_CARRY_OUT}",
    rf"(?:sau|qua)\s+\d+\s+(?:năm|tháng){_PERIOD}?\s+{_CARRY_OUT}",
    r"hết hiệu lực\s+(?:khi|kể từ|từ)",
    # A request to change a document is no change: "Về đề nghị nghiên cứu, sửa đổi, bổ sung Nghị quyết số …".
    rf"(?:đề nghị|kiến nghị|đề xuất)(?:\s+nghiên cứu)?,?\s+{CHANGED_VERBS}",
    # Entry into force, not carrying anything out: "kể từ ngày Thông tư này có hiệu lực thi hành:".
    r"có hiệu lực\s+thi hành",
    # The columns of a list of expired documents ("STT | Văn bản hết hiệu lực một phần | Nội dung, quy định hết
    # hiệu lực | Lý do hết hiệu lực | Ngày hết hiệu lực"): they name the state of what is listed, not an act.
    r"(?:văn bản|quy định|lý do|ngày)\s+hết hiệu lực",
    # Someone else is to rely on it: "công chức hải quan phải căn cứ Điều 26 …" is no basis of this document.
    r"(?:phải|cần|được|sẽ)\s+căn cứ(?:\s+vào)?",
    # The passive tells what another document did to a third: "Thông tư A (đã được thay thế bởi Thông tư B)".
    # The verbs may come as a list: "Được sửa đổi, bổ sung, thay thế, bãi bỏ bởi Nghị định số …".
    rf"(?:đã\s+)?(?:được|bị)\s+{CHANGED_VERBS}(?:,\s*{CHANGED_VERBS})*(?:\s+(?:một phần|toàn bộ|một số điều))?\s+(?:bởi|tại|theo)",
)

RELATIONS: tuple[Relation, ...] = tuple(kind.name for kind in RELATION_TABLE)
RELATION_PRECEDENCE = RELATIONS  # strongest first
KIND: dict[str, RelationKind] = {kind.name: kind for kind in RELATION_TABLE}
CHANGES_FORCE: frozenset[str] = frozenset(k.name for k in RELATION_TABLE if k.changes_force)
_RANK: dict[str, int] = {name: rank for rank, name in enumerate(RELATIONS)}


def relation_rank(relation: str) -> int:
    """Lower is stronger."""
    return _RANK[relation]


@dataclass(frozen=True)
class RelationDetail:
    """A finer reading of a clause, reported beside its relation (EXTRACT_FORMAT.md: `relation_detail`)."""

    name: str
    label_vi: str
    cue: str  # regular expression searched in the clause before the mention


DETAIL_TABLE: tuple[RelationDetail, ...] = (
    RelationDetail("corrects", "đính chính", r"đính chính"),
    RelationDetail(
        "suspends", "đình chỉ, tạm ngưng hiệu lực", r"đình chỉ|tạm ngưng(?: hiệu lực)?|ngưng hiệu lực"
    ),
    RelationDetail("consolidates", "hợp nhất", r"hợp nhất"),
    RelationDetail(
        "partially_repeals", "bãi bỏ một phần", r"bãi bỏ\s+(?:một số|các|điểm|khoản|điều|mục|chương)"
    ),
)
DETAIL: dict[str, RelationDetail] = {d.name: d for d in DETAIL_TABLE}
