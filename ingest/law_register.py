"""The register of laws, codes, ordinances and constitutions shipped as data (`ingest/data/law_register.tsv`, its
sources and method in `ingest/data/LAW_REGISTER.md`): every version of each, with its number and dates.

It answers three questions a text cannot answer alone:
- where a law's name ends in running text ("Luật Thuế giá trị gia tăng ước tăng thu khoảng …": the name is
  "Luật Thuế giá trị gia tăng"), and whether "Luật" followed by a word is a law at all ("Luật hoặc …");
- which version a name cited without a year means on a given date ("Bộ luật Lao động" in 2020: 10/2012/QH13);
- which name a number belongs to ("Luật số 45/2013/QH13" is "Luật Đất đai").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.lexicon import NAME_ABBREVIATIONS, modern_tones

DATA = Path(__file__).with_name("data")
REGISTER_FILE = DATA / "law_register.tsv"
ALIASES_FILE = DATA / "law_aliases.tsv"


@dataclass(frozen=True)
class LawVersion:
    kind: str  # Hiến pháp | Bộ luật | Luật | Pháp lệnh
    name: str  # "Luật Đất đai"
    number: str | None  # "45/2013/QH13"
    passed: str | None  # ISO date adopted
    in_force: str | None  # ISO date it took effect
    replaces: str | None
    source: str

    @property
    def since(self) -> str | None:
        """From when it applies, as far as the register knows: its entry into force, else its adoption."""
        return self.in_force or self.passed

    @property
    def year(self) -> str | None:
        return self.passed[:4] if self.passed else None


def _words(name: str) -> tuple[str, ...]:
    """A name folded as `name_words` folds running text (and as `ingest.identity.title_key` folds names)."""
    return tuple(word for word, _ in name_words(name, 0, len(name), stop_at_clauses=False))


class LawRegister:
    def __init__(self, versions: Iterable[LawVersion], aliases: dict[str, str]) -> None:
        self.versions = tuple(versions)
        self.by_number = {_compact(v.number): v for v in self.versions if v.number}
        self.by_name: dict[tuple[str, ...], list[LawVersion]] = {}
        for version in self.versions:
            self.by_name.setdefault(_words(version.name), []).append(version)
        for versions in self.by_name.values():
            versions.sort(key=lambda v: v.since or "")
        self.aliases = {_words(alias): _words(name) for alias, name in aliases.items()}
        # Codes known by their initials alone ("BLHS", "BLTTHS"): written without a type word before them.
        self.initials = {
            alias: name for alias, name in aliases.items() if alias.isupper() and " " not in alias
        }
        # A trie of the words of every name and alias, for "the longest known name that starts here".
        self._trie: dict[str, dict] = {}
        for words in [*self.by_name, *self.aliases]:
            node = self._trie
            for word in words:
                node = node.setdefault(word, {})
            node[""] = {}

    def known_name_length(self, words: list[str]) -> int:
        """How many of `words` (normalised as `title_key` normalises: see `name_words`) the longest registered
        name or alias that starts with them covers; 0 when none does."""
        node, best = self._trie, 0
        for i, word in enumerate(words):
            if word not in node:
                break
            node = node[word]
            if "" in node:
                best = i + 1
        return best

    def versions_of(self, name: str) -> list[LawVersion]:
        words = _words(name)
        return self.by_name.get(self.aliases.get(words, words), [])

    def in_force_on(self, name: str, date: str | None) -> LawVersion | None:
        """The version of the law a citation by name alone means on `date` (ISO, or a year): the latest one
        applying by then; None when the register has no version of that name before `date`."""
        versions = self.versions_of(name)
        if not versions:
            return None
        if date is None:
            return versions[-1]
        applying = [v for v in versions if v.since and v.since <= _end_of(date)]
        return applying[-1] if applying else None

    def by_number_of(self, number: str) -> LawVersion | None:
        return self.by_number.get(_compact(number))


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def name_words(
    text: str, start: int, limit: int = 300, *, stop_at_clauses: bool = True
) -> list[tuple[str, int]]:
    """The words of `text` from `start`, each folded as `ingest.identity.title_key` folds a name (abbreviations
    spelled out, modern tone marks, case), with its end offset; "và" and punctuation skipped, and in running text
    the walk stops at a line break or a clause boundary."""
    words: list[tuple[str, int]] = []
    end = start
    for m in _WORD.finditer(text, start, min(len(text), start + limit)):
        between = text[end : m.start()]
        if stop_at_clauses and ("\n" in between or any(c in between for c in ";:.()“”[]")):
            break
        end = m.end()
        word = modern_tones(NAME_ABBREVIATIONS.get(m.group(), m.group())).casefold()
        if word == "và":
            continue
        words.extend((w, end) for w in word.split())
    return words


def _compact(number: str) -> str:
    return re.sub(r"\s+", "", number).upper().replace("Ð", "Đ")


def _end_of(date: str) -> str:
    return date if len(date) == 10 else f"{date[:4]}-12-31"


@lru_cache(maxsize=1)
def register() -> LawRegister:
    with REGISTER_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    versions = [
        LawVersion(
            kind=row["kind"],
            name=row["name"],
            number=row["number"] or None,
            passed=row["passed"] or None,
            in_force=row["in_force"] or None,
            replaces=row["replaces"] or None,
            source=row["source"],
        )
        for row in rows
    ]
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        aliases = {row["alias"]: row["name"] for row in csv.DictReader(handle, delimiter="\t")}
    return LawRegister(versions, aliases)
