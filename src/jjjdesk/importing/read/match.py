"""Match names in a file to the registry: key, code, normalised name, alias; fuzzy only suggests.

Fuzzy suggestions use the standard library's `difflib` rather than rapidfuzz: they are
computed only for the few names that did not match exactly, against a registry of hundreds
to a few thousand names, where difflib answers in milliseconds — not worth a compiled
dependency in the frozen build. A suggestion is never applied by itself.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from jjjdesk.domain.text import clean, match_key

_BRACKETS = re.compile(r"[((\[【].*?[))\]】]")
# Words units drop or add when they write a name (“天津市滨海新区人民政府” = “滨海新区”).
_UNIT_NOISE = ("人民政府", "政府", "天津市", "北京市", "河北省")


def loose_key(text: str) -> str:
    """A looser key for suggestions: no brackets, no "天津市"/"人民政府" decorations."""
    key = match_key(_BRACKETS.sub("", clean(text)))
    for word in _UNIT_NOISE:
        key = key.replace(word, "")
    return key


@dataclass
class NameIndex:
    """Names (and aliases, and codes) of one kind of registry record → record id.

    Codes are indexed as records are added; names and aliases on the first lookup by name
    (a return that gives codes never pays for normalising every name in the registry)."""

    what: str  # "项目" / "任务" / "单位"
    by_code: dict[str, int] = field(default_factory=dict)
    display: dict[int, str] = field(default_factory=dict)
    _pending: list[tuple[int, str, Iterable[str]]] = field(default_factory=list, repr=False)
    _by_name: dict[str, int] = field(default_factory=dict, repr=False)
    _by_alias: dict[str, int] = field(default_factory=dict, repr=False)
    _ambiguous: set[str] = field(default_factory=set, repr=False)
    _load: Callable[[], None] | None = field(default=None, repr=False)

    def on_first_name_lookup(self, load: Callable[[], None]) -> None:
        """Call `load` (which adds the records not added yet) before names are looked up."""
        self._load = load

    def add(self, record_id: int, name: str, *, code: str = "",
            aliases: Iterable[str] = ()) -> None:
        self.display[record_id] = f"{code} {name}".strip() if code else name
        if code:
            self.by_code[match_key(code)] = record_id
        self._pending.append((record_id, name, aliases))

    def add_coded(self, ids: Sequence[int], names: Sequence[str], codes: Sequence[str]) -> None:
        """`add` for many records without aliases, given column by column."""
        self.display.update({i: f"{c} {n}".strip() if c else n
                             for i, n, c in zip(ids, names, codes, strict=True)})
        self.by_code.update({match_key(c): i for i, c in zip(ids, codes, strict=True) if c})
        self._pending.extend(zip(ids, names, repeat(()), strict=False))

    def _names(self) -> None:
        if self._load is not None:
            load, self._load = self._load, None
            load()
        pending, self._pending = self._pending, []
        by_name, by_alias, ambiguous = self._by_name, self._by_alias, self._ambiguous
        for record_id, name, aliases in pending:
            key = match_key(name)
            if key in by_name and by_name[key] != record_id:
                ambiguous.add(key)
            by_name.setdefault(key, record_id)
            for alias in aliases:
                by_alias.setdefault(match_key(alias), record_id)

    @property
    def by_name(self) -> dict[str, int]:
        if self._pending or self._load is not None:
            self._names()
        return self._by_name

    @property
    def by_alias(self) -> dict[str, int]:
        if self._pending or self._load is not None:
            self._names()
        return self._by_alias

    @property
    def ambiguous(self) -> set[str]:
        if self._pending or self._load is not None:
            self._names()
        return self._ambiguous

    def by_key_code(self, code: str) -> int | None:
        return self.by_code.get(match_key(code)) if code else None

    def find(self, name: str) -> tuple[int | None, str]:
        """(id, how): how is "name", "alias", "ambiguous" or "" when nothing matched."""
        key = match_key(name)
        if not key:
            return None, ""
        by_name = self.by_name
        if key in self._ambiguous:
            return None, "ambiguous"
        if key in by_name:
            return by_name[key], "name"
        if key in self._by_alias:
            return self._by_alias[key], "alias"
        return None, ""

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Up to `n` registry names that look like `name` (for the user to confirm)."""
        target = loose_key(name)
        if not target:
            return []
        choices: dict[str, int] = {}
        for key, record_id in (*self.by_name.items(), *self.by_alias.items()):
            choices.setdefault(loose_key(key), record_id)
        exact = choices.get(target)
        found = [exact] if exact is not None else []
        contained = [i for k, i in choices.items() if k and (k in target or target in k)]
        close = difflib.get_close_matches(target, list(choices), n=n, cutoff=0.6)
        for record_id in (*contained, *(choices[k] for k in close)):
            if record_id not in found:
                found.append(record_id)
        return [self.display[i] for i in found[:n]]
