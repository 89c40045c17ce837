"""The extraction pipeline as a spaCy `Language`: tokenizer → metadata → citations → relations.

Components work on characters (the patterns of legal citations are character patterns) and map their findings
onto tokens with `doc.char_span`, so that `doc.spans["citations"]` holds one span per mention, labelled with its
relation, and displaCy, `nlp.pipe` batching and any further spaCy component work as usual.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ingest.assemble import title_identity
from ingest.citations import Mention, find_mentions, strip_numbers
from ingest.metadata import MetadataResult, extract_metadata
from ingest.normalise import Footnote, footnotes_in
from ingest.relations import AssertedRelation, classify

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
def create_tokenizer():  # type: ignore[no-untyped-def]
    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make


for _name, _default in (("metadata", None), ("mentions", None), ("asserted", None), ("footnotes", ())):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("mention"):
    Span.set_extension("mention", default=None)


def text_of(doc: Doc) -> str:
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


@Language.component("lexgraph_footnotes")
def footnotes_component(doc: Doc) -> Doc:
    """Footnote markers and bodies of the normalised text (`doc._.footnotes`)."""
    doc._.footnotes = footnotes_in(text_of(doc))
    return doc


@Language.component("lexgraph_metadata")
def metadata_component(doc: Doc) -> Doc:
    """Header, subject and signature of the document (`doc._.metadata`)."""
    doc._.metadata = extract_metadata(text_of(doc))
    return doc


@Language.component("lexgraph_citations")
def citations_component(doc: Doc) -> Doc:
    """Every mention of another document (`doc._.mentions`), the document's own number excluded."""
    meta: MetadataResult | None = doc._.metadata
    exclude = [meta.spans["number"]] if meta and "number" in meta.spans else []
    own = meta.meta.number if meta else None
    mentions = find_mentions(text_of(doc), exclude=exclude, own_number=own)
    subject = meta.meta.subject if meta else None
    own_type = meta.meta.doc_type if meta else None
    doc._.mentions = [
        m
        for m in mentions
        if not (subject and m.number is None and m.doc_type == own_type and names_itself(m, subject))
    ]
    return doc


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


@Language.component("lexgraph_relations")
def relations_component(doc: Doc) -> Doc:
    """The relation of each mention, the relations asserted between them, and `doc.spans["citations"]`."""
    meta: MetadataResult | None = doc._.metadata
    subject = meta.spans.get("subject") if meta else None
    mentions: list[Mention] = doc._.mentions or []
    footnotes: tuple[Footnote, ...] = doc._.footnotes or ()
    own_type = meta.meta.doc_type if meta else None
    asserted: list[AssertedRelation] = classify(text_of(doc), mentions, footnotes, subject, own_type)
    doc._.asserted = asserted
    spans = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, label=mention.relation, alignment_mode="expand")
        if span is not None:
            span._.mention = mention
            spans.append(span)
    doc.spans["citations"] = spans
    return doc


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The Vietnamese pipeline. Blank `vi` with our tokenizer: no model download, no pyvi."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "lexgraph.char_tokenizer.v1"}}})
    # spaCy's 1M-character guard protects parsers' memory; these components are linear, and the reader
    # already refuses files over its size limit.
    nlp.max_length = 50_000_000
    nlp.add_pipe("lexgraph_footnotes")
    nlp.add_pipe("lexgraph_metadata")
    nlp.add_pipe("lexgraph_citations")
    nlp.add_pipe("lexgraph_relations")
    return nlp
