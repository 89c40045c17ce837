"""What a document says about itself: số ký hiệu, type, issuer, date and place, trích yếu, signer, recipients.

One module per part of the page (`read` puts them together; its docstring tells the layout they read):
`number` (số ký hiệu), `dateline` (place and date), `heading` (type heading, trích yếu, authority line, labelled
fields), `clauses` (what a title says of its own number, date and issuer, and the names of bodies), `recipients`
(Kính gửi), `issuer`, `signature` (Nơi nhận and the signer), `consolidation` (a consolidated text's
authentication); `words` holds the tokens they share and the view of the text they read.
"""

from ingest.metadata.issuer import Heads
from ingest.metadata.read import MetadataResult, extract_metadata, find_quoc_hieu
from ingest.metadata.signature import is_name_word
from ingest.metadata.words import WordMemo, Words, has_lower, is_upper_word, tokens_in

__all__ = [
    "Heads",
    "MetadataResult",
    "WordMemo",
    "Words",
    "extract_metadata",
    "find_quoc_hieu",
    "has_lower",
    "is_name_word",
    "is_upper_word",
    "tokens_in",
]
