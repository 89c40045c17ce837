"""The words of a header: tokens with their offsets, capitalisation tests, and the limits of what is read."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from itertools import accumulate, chain, repeat
from typing import Generic, NamedTuple, TypeVar

from ingest.metadata_lexicon import (
    word_key,
)

HEAD_LIMIT = 12_000  # the header, subject and Kính gửi list of any real document fit in this
NUMBER_ZONE = 4_000
TAIL_LIMIT = 4_000
NEAR_DISTRIBUTION = 2_000


class Token(NamedTuple):
    # A named tuple, not a dataclass: a frozen dataclass costs twice as much to build, and the header builds
    # hundreds of these per document.
    text: str
    start: int
    end: int


TOKEN = re.compile(r"\S+")
_GAPS = re.compile(r"(\s+)")  # the complement of TOKEN, kept by split
_new_token = partial(tuple.__new__, Token)  # a Token from a (text, start, end) tuple, without a Python call


def tokens_in(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The maximal runs of non-space characters of text[start:end], with their offsets in `text`."""
    start = max(0, start)  # bounds as `finditer` takes them, not as slices do
    end = len(text) if end is None else max(start, end)
    # "(\s+)" splits into word, gap, word, …, word: an odd count, the outer words empty at a gap. The offsets
    # are the running sum of the lengths; the tokens are built by tuple.__new__ through map. All at C speed.
    parts = _GAPS.split(text[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    tokens = list(map(_new_token, zip(parts[0::2], offsets[0::2], offsets[1::2], strict=True)))
    if not tokens[-1].text:
        tokens.pop()
    if tokens and not tokens[0].text:
        tokens.pop(0)
    return tokens


class Words:
    """The tokens of text[start:end] (what `tokens_in` gives), for the signature search: their texts and
    which line each is on at once, and where each stands only when asked.

    The search tests every word of its window but looks closer at only a few, so it should not pay for an
    object, or even an offset, per word: splitting the lines and then the words runs at C speed.
    """

    __slots__ = ("_lines", "_starts", "firsts", "line_of", "offsets", "text", "words")

    def __init__(self, text: str, start: int, end: int) -> None:
        start = max(0, start)  # bounds as `finditer` takes them, not as slices do
        lines = text[start : max(start, end)].split("\n")
        per_line = list(map(str.split, lines))  # str.split() and re's \s agree on what a space is
        counts = list(map(len, per_line))
        self.text = text
        self.words: list[str] = list(chain.from_iterable(per_line))
        self.line_of: list[int] = list(chain.from_iterable(map(repeat, range(len(lines)), counts)))
        self.firsts = list(accumulate(counts, initial=0))  # index of the first word of each line
        # Where each line starts in `text`: the lengths of the lines before it and their line breaks.
        self.offsets = [o + k for k, o in enumerate(accumulate(map(len, lines), initial=start))]
        self._lines = lines
        self._starts: list[int | None] = [None] * len(self.words)

    def newline_before(self, i: int) -> bool:
        """Is there a line break between word i - 1 and word i?"""
        return self.line_of[i] != self.line_of[i - 1]

    def start(self, i: int) -> int:
        found = self._starts[i]
        if found is None:
            # Placed from the nearer end of its line: the search asks mostly about the first and last words
            # of lines (where a title, a name, a list item starts or ends), and body lines are long.
            k = self.line_of[i]
            if i - self.firsts[k] <= self.firsts[k + 1] - 1 - i:
                self._place_forward(k, i)
            else:
                self._place_backward(k, i)
            found = self._starts[i]
        return found  # type: ignore[return-value]  # placed

    def end(self, i: int) -> int:
        return self.start(i) + len(self.words[i])

    # Only spaces stand between two words of a line, and a word holds none: so a word is the first occurrence
    # of its text after the end of the word before it, and the last one before the start of the word after it.

    def _place_forward(self, k: int, i: int) -> None:
        """Place the words of line k up to word i, from the last one placed before it or the line's start."""
        line, offset, first = self._lines[k], self.offsets[k], self.firsts[k]
        j = i
        while j > first and self._starts[j - 1] is None:
            j -= 1
        pos = 0 if j == first else self.end(j - 1) - offset
        for m in range(j, i + 1):
            pos = line.find(self.words[m], pos)
            self._starts[m] = offset + pos
            pos += len(self.words[m])

    def _place_backward(self, k: int, i: int) -> None:
        """Place the words of line k from word i on, back from the first one placed after it or the line's end."""
        line, offset, last = self._lines[k], self.offsets[k], self.firsts[k + 1] - 1
        j = i
        while j < last and self._starts[j + 1] is None:
            j += 1
        pos = len(line) if j == last else self.start(j + 1) - offset
        for m in range(j, i - 1, -1):
            pos = line.rfind(self.words[m], 0, pos)
            self._starts[m] = offset + pos


_LINE_LOOKBACK = 2_000  # a line longer than this is not a header or signature line


def line_start(text: str, pos: int) -> int:
    """Start of the line holding `pos`, looking back a bounded distance (a text may have no line breaks)."""
    floor = max(0, pos - _LINE_LOOKBACK)
    found = text.rfind("\n", floor, pos)
    return floor if found < 0 else found + 1


def has_lower(word: str) -> bool:
    # str.isupper() and str.islower() decide most words at C speed: a word in capitals has no lower-case
    # letter, and a word in lower case has one. Only the rest ("Nguyễn", "TP.HCM", "119") need a loop.
    if word.isupper():
        return False
    if word.islower():
        return True
    return any(c.islower() for c in word)


def is_upper_word(word: str) -> bool:
    """A word in capitals ("TỈNH", "TP.", "119-KH/TU"): some letter, no lower-case letter."""
    if word.islower():
        return False
    if word.isupper():
        return word.isalpha() or any(c.isalpha() for c in word)
    return any(c.isalpha() for c in word) and not has_lower(word)


def is_capitalised(word: str) -> bool:
    """A word of a proper name: "Hà", "Nội", "Y", "Rịa-Vũng" (not "XV", not "hà", not "Nội,")."""
    parts = word.split("-")
    return all(p.isalpha() and p[0].isupper() and (len(p) == 1 or p[1:].islower()) for p in parts)


_T = TypeVar("_T")


class WordMemo(Generic[_T]):
    """A function of one word, remembered across documents: the signature search tests every word of its
    window, the header keys every word of its runs, and mostly the same few thousand words ("của", "Nơi",
    "CHỦ", "Nguyễn") in every document. The function must never return None."""

    _MAX_WORDS = 50_000  # forget everything past this: a batch of odd texts must not grow it without bound
    _MAX_LENGTH = 40  # a longer "word" (a run of punctuation, a URL) is rare, and not worth its memory

    def __init__(self, function: Callable[[str], _T]) -> None:
        self.function = function
        self.known: dict[str, _T] = {}

    def __call__(self, word: str) -> _T:
        value = self.known.get(word)
        return self._learn(word) if value is None else value

    def of(self, words: list[str]) -> list[_T]:
        values = list(map(self.known.get, words))  # at C speed: few words of a document are new
        k = 0
        while True:
            try:
                k = values.index(None, k)
            except ValueError:
                return values  # type: ignore[return-value]  # no None is left
            values[k] = self._learn(words[k])

    def _learn(self, word: str) -> _T:
        value = self.function(word)
        if len(word) <= self._MAX_LENGTH:
            if len(self.known) >= self._MAX_WORDS:
                self.known.clear()
            self.known[word] = value
        return value


token_key = WordMemo(word_key)  # word_key of a single token, remembered


def collapse(text: str) -> str:
    return " ".join(text.split())


# What the header readers look through, each character replaced by a space so that every offset stays where it
# is: Pandoc's escapes and hard line breaks ("ỦY BAN THƯỜNG VỤ\\", "\\-\\-\\-", "18\\."), and the underscores with
# which word-segmentation tools join the syllables of a word ("Quyết_định", "Ủy_ban_nhân_dân"). A segmented text
# is segmented from its first line on, so only a text that starts so is rewritten. The pattern opens with the
# underscore itself, so that the search skips from one underscore to the next.
_SYLLABLE_JOIN = re.compile(r"_(?<=[^\W\d_]_)(?=[^\W\d_])")
_SEGMENTED_SIGN = 2_000


def reading_view(text: str) -> str:
    """`text` as the metadata readers see it: the same length, markup characters turned into spaces."""
    if "\\" in text:
        text = text.replace("\\", " ")
    if _SYLLABLE_JOIN.search(text, 0, _SEGMENTED_SIGN):
        text = _SYLLABLE_JOIN.sub(" ", text)
    return text
