"""The extraction pipeline as a spaCy `Language`: tokenizer → footnotes → metadata → validity → citations →
relations.

Components work on characters (the patterns of legal citations are character patterns) and map their findings
onto tokens with `doc.char_span`, so that `doc.spans["citations"]` holds one span per mention, labelled with its
relation, and displaCy, `nlp.pipe` batching and any further spaCy component work as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ingest.assemble import title_identity
from ingest.chrome import chrome_spans
from ingest.citations import Mention, strip_numbers
from ingest.mentions import find_mentions
from ingest.metadata import MetadataResult, extract_metadata
from ingest.normalise import Footnote, footnotes_in
from ingest.relations import ENACTS, AssertedRelation, classify
from ingest.validity import read_validity

# Words, the punctuation that separates clauses, and line breaks; "06/NQ-CP" and "3.877.526" stay whole. Matching
# happens on characters, so tokens only need to be cheap and to align with the ends of mentions.
_TOKEN = re.compile(r"([^\s,;:()“”\[\]]+|[,;:()“”\[\]]|\n|\s)( ?)")


class CharTokenizer:
    """Tokens whose text and trailing spaces give back the input exactly (checked), built at C speed."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pairs = _TOKEN.findall(text)
        words = [w for w, _ in pairs]
        spaces = [bool(sp) for _, sp in pairs]
        if sum(map(len, words)) + sum(spaces) != len(text):  # the offsets of every span depend on this
            raise ValueError("tokenizer lost characters")
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["text"] = text  # `doc.text` rebuilds the string from every token on each access
        return doc

    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> CharTokenizer:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> CharTokenizer:
        return self


@spacy.registry.tokenizers("lexgraph.char_tokenizer.v1")
def create_tokenizer() -> Callable[[Language], CharTokenizer]:
    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make


for _name, _default in (
    ("metadata", None), ("mentions", None), ("asserted", None), ("footnotes", ()), ("validity", None),
):  # fmt: skip
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("mention"):
    Span.set_extension("mention", default=None)


def text_of(doc: Doc) -> str:
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


# Each step is a spaCy factory with its options in a default config: a user can leave a step out
# (`build_pipeline(exclude=["lexgraph_validity"])`), set an option (`config={"named": False}`), or put one of them
# in a pipeline of their own (`nlp.add_pipe("lexgraph_citations")`). A later step reads what the earlier ones
# left on the Doc and does without what is missing.


@Language.factory("lexgraph_footnotes")
def make_footnotes(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Footnote markers and bodies of the normalised text (`doc._.footnotes`)."""

    def footnotes(doc: Doc) -> Doc:
        doc._.footnotes = footnotes_in(text_of(doc))
        return doc

    return footnotes


@Language.factory("lexgraph_metadata")
def make_metadata(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Header, subject and signature of the document (`doc._.metadata`)."""

    def metadata(doc: Doc) -> Doc:
        doc._.metadata = extract_metadata(text_of(doc))
        return doc

    return metadata


@Language.factory("lexgraph_validity")
def make_validity(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """When the document enters into force and stops, as its text says (`doc._.validity`)."""

    def validity(doc: Doc) -> Doc:
        meta: MetadataResult | None = doc._.metadata
        header_end = meta.spans.get("header", (0, 0))[1] if meta else 0
        doc._.validity = read_validity(
            text_of(doc),
            meta.meta.issue_date if meta else None,
            meta.meta.subject if meta else None,
            header_end,
        )
        return doc

    return validity


@Language.factory("lexgraph_citations", default_config={"named": True})
def make_citations(nlp: Language, name: str, named: bool) -> Callable[[Doc], Doc]:
    """Every mention of another document (`doc._.mentions`), the document's own number excluded. `named`: also
    documents cited without a number ("Luật Đất đai 2013", "Chương trình “…”")."""

    def citations(doc: Doc) -> Doc:
        meta: MetadataResult | None = doc._.metadata
        # The document's own number, and what its portal added (notes about other documents, links, its footer).
        exclude = ([meta.spans["number"]] if meta and "number" in meta.spans else []) + chrome_spans(
            text_of(doc)
        )
        own = meta.meta.number if meta else None
        mentions = find_mentions(text_of(doc), exclude=exclude, own_number=own, named=named)
        if own:
            mentions = [_amended_in_own_name(text_of(doc), m, own) for m in mentions]
        subject = meta.meta.subject if meta else None
        own_type = meta.meta.doc_type if meta else None
        text = text_of(doc)
        own_year = meta.meta.issue_date[:4] if meta and meta.meta.issue_date else None
        for m in mentions:
            m.own = (
                m.number is None
                and m.doc_type == own_type is not None
                # "Luật thuế giá trị gia tăng năm 1997" in the law of 2008 of that name: the one it replaces
                and not (m.date and own_year and m.date[:4] != own_year)
                and (
                    bool(subject and names_itself(m, subject))
                    or bool(ENACTS.search(text, max(0, m.start - 200), m.start))
                )
            )
        # The document's own name is not a citation; the mentions inside it keep it as their container, so that
        # "ban hành Luật sửa đổi, bổ sung một số điều của Luật A, Luật B" makes this law amend A and B.
        doc._.mentions = [m for m in mentions if not m.own]
        return doc

    return citations


# "… của Luật thuế thu nhập cá nhân số 04/2007/QH12": the last document type after "của" in a name.
_OF_DOCUMENT = re.compile(
    r"(?<![\w])của\s+(?=(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Thông tư)\s)"
)


def _amended_in_own_name(text: str, mention: Mention, own: str) -> Mention:
    """ "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật thuế thu nhập cá nhân số 04/2007/QH12": in
    the enacting formula, which names this document, a number that is not its own is the amended one's, and the
    mention is that document alone (elsewhere "Luật sửa đổi … của Luật A số N" may be the amending law's)."""
    if (
        not mention.number
        or mention.number == own
        or not ENACTS.search(text, max(0, mention.start - 200), mention.start)
    ):
        return mention
    names = list(_OF_DOCUMENT.finditer(text, mention.start, mention.head_end or mention.end))
    if not names:
        return mention
    inner = names[-1]
    found = [m for m in find_mentions(text[inner.end() : mention.end]) if m.number == mention.number]
    if not found:
        return mention
    shift = inner.end()
    m = found[0]
    m.start, m.end, m.head_end = m.start + shift, m.end + shift, m.head_end + shift
    return m


def names_itself(mention: Mention, subject: str) -> bool:
    """A named mention whose name is the document's own title: its heading, the site's title line, the
    enacting formula ("Quốc hội ban hành Luật …"). A document does not cite itself."""
    name = (mention.title or mention.key).split(" ", 1)[-1]
    words = set(title_identity(strip_numbers(name)).split())
    own = set(title_identity(strip_numbers(subject)).split())
    if not words or not own:
        return False
    common = len(words & own)
    # The site's title line abridges the title ("Luật sửa đổi Luật Đất đai, …"): most of the name, most of the title.
    return common / len(words) >= 0.9 and common / len(own) >= 0.6


@Language.factory("lexgraph_relations", default_config={"asserted": True})
def make_relations(nlp: Language, name: str, asserted: bool) -> Callable[[Doc], Doc]:
    """The relation of each mention, the relations asserted between them (`asserted`: whether to keep those),
    and `doc.spans["citations"]`, each span labelled with its relation."""

    def relations(doc: Doc) -> Doc:
        meta: MetadataResult | None = doc._.metadata
        subject = meta.spans.get("subject") if meta else None
        mentions: list[Mention] = doc._.mentions or []
        footnotes: tuple[Footnote, ...] = doc._.footnotes or ()
        own_type = meta.meta.doc_type if meta else None
        found: list[AssertedRelation] = classify(text_of(doc), mentions, footnotes, subject, own_type)
        mentions = doc._.mentions = [m for m in mentions if not m.own]  # a quoted enacting formula's name
        doc._.asserted = found if asserted else []
        spans = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, label=mention.relation, alignment_mode="expand")
            if span is not None:
                span._.mention = mention
                spans.append(span)
        doc.spans["citations"] = spans
        return doc

    return relations


STEPS = (
    "lexgraph_footnotes",
    "lexgraph_metadata",
    "lexgraph_validity",
    "lexgraph_citations",
    "lexgraph_relations",
)


@lru_cache(maxsize=8)
def build_pipeline(
    exclude: tuple[str, ...] = (), config: tuple[tuple[str, str, object], ...] = ()
) -> Language:
    """The Vietnamese pipeline: blank `vi` with our tokenizer (no model download, no pyvi) and the steps of
    `STEPS` but those in `exclude`; `config` holds (step, option, value) triples ("lexgraph_citations", "named",
    False). Built once per arguments."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "lexgraph.char_tokenizer.v1"}}})
    # spaCy's 1M-character guard protects parsers' memory; these components are linear, and the reader
    # already refuses files over its size limit.
    nlp.max_length = 50_000_000
    options: dict[str, dict[str, object]] = {}
    for step, option, value in config:
        options.setdefault(step, {})[option] = value
    for step in STEPS:
        if step not in exclude:
            nlp.add_pipe(step, config=options.get(step, {}))
    return nlp
