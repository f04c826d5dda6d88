"""Plain values from a composed YAML node tree, fast: where a cold read spends its time.

libyaml (PyYAML's CParser) scans and composes in C, but calls back into Python once per scalar
(`resolve`) and twice per node (`descend_resolver`, `ascend_resolver`), and PyYAML's generic
constructor then spends several Python calls on every node (a memo, a recursion guard, a
dispatch on the tag, a generator per collection). A ledger file is plain data: mappings,
sequences and scalars, with no tags, anchors or aliases (yamlio's screen refuses those first).
For such a tree both jobs are done here with far less work per node, with the same results:

- `LeanResolver` gives every scalar the tag PyYAML's `Resolver.resolve` gives it with the same
  table of implicit resolvers (ruamel's YAML 1.2 table, set up in yamlio): the resolvers for a
  first character are joined into one regular expression, tried in the table's order.
- `construct_plain` builds dicts, lists and scalars from the tree. It visits the nodes in the
  order PyYAML's constructor does (which fills nested collections one level at a time), so the
  first problem it meets is the one PyYAML would raise, with the same message and place: a
  duplicate key, a merge key (`<<`), a key that is not a plain value, a date that is no date.
  Any other node (a tag, a node met twice through an alias) hands the whole tree to PyYAML's
  generic constructor, which gives today's answer for it.

tests/reliability/test_yaml_equivalence.py compares both with PyYAML's own resolver and
constructor, on libyaml and the pure-Python loader, on the shipped ledger, months written by
`record` and generated documents of every scalar kind, errors included (test_cache.py checks
both loaders against ruamel's reader).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from pilotledger.errors import YamlProblem
from pilotledger.wording import Message

MAX_DEPTH = 32

_TAG = "tag:yaml.org,2002:"
STR_TAG, SEQ_TAG, MAP_TAG = _TAG + "str", _TAG + "seq", _TAG + "map"
_NULL_TAG, _BOOL_TAG, _INT_TAG = _TAG + "null", _TAG + "bool", _TAG + "int"
_FLOAT_TAG, _TIMESTAMP_TAG = _TAG + "float", _TAG + "timestamp"


class LeanResolver:
    """Implicit tags as PyYAML's `Resolver.resolve` gives them, at less cost per call.

    Placed before PyYAML's Resolver in a loader's bases; `index_implicit_resolvers` must run
    once the loader's table is complete. For a table it cannot join (path or wildcard
    resolvers, patterns that capture or differ in flags) the loader keeps PyYAML's methods."""

    # first character of a scalar -> (its resolvers as one pattern, the tag of each group)
    _implicit_by_first: dict[str, tuple[re.Pattern[str], tuple[str | None, ...]]] = {}

    @classmethod
    def index_implicit_resolvers(cls) -> None:
        table = cls.yaml_implicit_resolvers  # type: ignore[attr-defined]
        try:
            if getattr(cls, "yaml_path_resolvers", None) or None in table:
                raise ValueError("path or wildcard resolvers")
            cls._implicit_by_first = {first: _one_pattern(found) for first, found in table.items()}
        except (ValueError, re.error):
            for method in ("resolve", "descend_resolver", "ascend_resolver"):
                setattr(cls, method, getattr(BaseResolver, method))

    def resolve(self, kind: type, value: Any, implicit: Any) -> str | None:
        if kind is ScalarNode:
            if implicit[0]:
                candidates = self._implicit_by_first.get(value[:1])  # "" for an empty value
                if candidates is not None:
                    found = candidates[0].match(value)
                    if found is not None:
                        return candidates[1][found.lastindex]  # type: ignore[index]
            return STR_TAG
        if kind is SequenceNode:
            return SEQ_TAG
        return MAP_TAG if kind is MappingNode else None

    # Called for every node, and only path resolvers need them (PyYAML's return at once then).
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _one_pattern(resolvers: list[tuple[str, re.Pattern[str]]]) -> tuple[re.Pattern, tuple]:
    """One pattern for a list of resolvers, each one a group: alternatives are tried in order at
    the start of the text, so the group that matches is the first resolver that would match.
    The tags are indexed by group number (group 0 is the whole match: no tag)."""
    flags = {regexp.flags for _, regexp in resolvers}
    if len(flags) != 1 or any(regexp.groups for _, regexp in resolvers):
        raise ValueError("resolvers to join must share their flags and capture nothing")
    flag = flags.pop()
    edge = "\n" if flag & re.VERBOSE else ""  # a verbose pattern may end in a comment
    joined = "|".join(f"({edge}{regexp.pattern}{edge})" for _, regexp in resolvers)
    return re.compile(joined, flag), (None, *(tag for tag, _ in resolvers))


class _Unfamiliar(Exception):
    """A node outside plain data: PyYAML's generic constructor builds the whole tree instead."""


def construct_plain(loader: Any, root: Any) -> Any:
    """The values of `root`, composed by `loader` (a PyYAML loader with yamlio's constructor),
    as the loader's `construct_document` gives them; raises what it raises, and YamlProblem for
    a merge key or nesting deeper than MAX_DEPTH."""
    try:
        return _PlainBuilder(loader).build(root)
    except _Unfamiliar:
        data = loader.construct_document(root)
    check_depth(data)
    return data


class _PlainBuilder:
    """One tree's values, one level of nesting at a time, as PyYAML's constructor fills them:
    it makes each nested collection empty when it meets it and fills it in the next round."""

    def __init__(self, loader: Any):
        self.loader = loader
        self.seen: set[int] = set()  # collection nodes met so far: a second meeting is an alias
        self.nested: list[tuple[Any, Any]] = []  # (node, its empty value) for the next round

    def build(self, root: Any) -> Any:
        if root.__class__ is ScalarNode:
            return self.scalar(root)
        value = self.collection(root)
        depth, too_deep = 0, False
        while self.nested:
            this_round, self.nested = self.nested, []
            # children of a collection at MAX_DEPTH are nested too deep; that is raised after
            # every value is built, as yamlio's separate depth check did, so that a problem
            # found deeper still comes first
            too_deep = too_deep or (depth >= MAX_DEPTH and any(n.value for n, _ in this_round))
            for node, container in this_round:
                if container.__class__ is dict:
                    self.fill_mapping(node, container)
                else:
                    self.fill_sequence(node, container)
            depth += 1
        if too_deep:
            raise YamlProblem(1, 1, Message("yaml_nesting", depth=MAX_DEPTH))
        return value

    def fill_mapping(self, node: Any, mapping: dict) -> None:
        for key_node, value_node in node.value:
            if key_node.__class__ is ScalarNode and key_node.tag == STR_TAG:
                key = key_node.value
                if key == "<<" and not key_node.style:
                    raise merge_key_refused(key_node)
            else:
                key = self.key(node, key_node)
            if key in mapping:
                raise duplicate_key(node, key_node, key)
            if value_node.__class__ is ScalarNode:
                tag = value_node.tag
                mapping[key] = value_node.value if tag == STR_TAG else self.scalar(value_node)
            else:
                mapping[key] = self.collection(value_node)

    def fill_sequence(self, node: Any, sequence: list) -> None:
        append = sequence.append
        for item in node.value:
            if item.__class__ is ScalarNode:
                append(item.value if item.tag == STR_TAG else self.scalar(item))
            else:
                append(self.collection(item))

    def key(self, mapping_node: Any, key_node: Any) -> Any:
        """A key that is not plain text, checked as yamlio's constructor checks it."""
        if key_node.tag.endswith(":merge") or (key_node.value == "<<" and not key_node.style):
            raise merge_key_refused(key_node)
        if key_node.__class__ is ScalarNode:
            return self.scalar(key_node)
        self.collection(key_node)  # PyYAML makes it (empty) before refusing it
        raise key_not_plain(mapping_node, key_node)

    def collection(self, node: Any) -> Any:
        """An empty dict or list for `node`, filled in the next round."""
        cls, tag = node.__class__, node.tag
        if cls is MappingNode and tag == MAP_TAG:
            value: Any = {}
        elif cls is SequenceNode and tag == SEQ_TAG:
            value = []
        else:
            raise _Unfamiliar
        if id(node) in self.seen:
            raise _Unfamiliar
        self.seen.add(id(node))
        self.nested.append((node, value))
        return value

    def scalar(self, node: Any) -> Any:
        tag = node.tag
        if tag == STR_TAG:
            return node.value
        if tag == _INT_TAG:
            return _integer(self.loader, node)
        if tag == _TIMESTAMP_TAG:
            return _timestamp(self.loader, node)
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG:
            return self.loader.construct_yaml_bool(node)
        if tag == _FLOAT_TAG:
            return self.loader.construct_yaml_float(node)
        raise _Unfamiliar


def _integer(loader: Any, node: Any) -> Any:
    """Decimal digits as int() reads them; anything else (a sign, a base, `_`, more digits than
    int() takes) the loader's own way."""
    text = node.value
    if text.isascii() and text.isdigit():
        try:
            return int(text)
        except ValueError:
            pass
    return loader.construct_yaml_int(node)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The timestamp the ledger writes (recorded_at): seconds and a UTC offset, nothing optional.
_SECONDS_AND_OFFSET = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}[-+][0-9]{2}:[0-9]{2}"
)


def _timestamp(loader: Any, node: Any) -> Any:
    """A date (YYYY-MM-DD) or a timestamp of the ledger's form (the two that fill a ledger)
    read by Python's ISO parser, far quicker than PyYAML's regex and arithmetic, to the
    same value: each field is two digits (four for the year), so both take the same numbers,
    and both make the offset as hours and minutes (`+08:75` is 9:15 to either). An hour of 24
    (which newer Pythons read as the next midnight), every other form, and any value that is
    no real moment are left to the loader, which raises its own error for the last."""
    text = node.value
    try:
        if len(text) == 10 and _DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
        if len(text) == 25 and text[11:13] < "24" and _SECONDS_AND_OFFSET.fullmatch(text):
            return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    return loader.construct_yaml_timestamp(node)


def merge_key_refused(key_node: Any) -> YamlProblem:
    mark = key_node.start_mark
    return YamlProblem(mark.line + 1, mark.column + 1, Message("merge_key"))


def duplicate_key(mapping_node: Any, key_node: Any, key: Any) -> ConstructorError:
    return ConstructorError(
        "while constructing a mapping",
        mapping_node.start_mark,
        f'found duplicate key "{key}"',
        key_node.start_mark,
    )


def key_not_plain(mapping_node: Any, key_node: Any) -> ConstructorError:
    return ConstructorError(
        "while constructing a mapping",
        mapping_node.start_mark,
        "found a key that is not a plain value",
        key_node.start_mark,
    )


def check_depth(value: Any, depth: int = 0) -> None:
    """Refuse values nested deeper than MAX_DEPTH (for trees PyYAML's constructor built)."""
    if depth > MAX_DEPTH:
        raise YamlProblem(1, 1, Message("yaml_nesting", depth=MAX_DEPTH))
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return
    deeper = depth + 1
    for item in items:  # a scalar needs no call of its own unless it is already too deep
        if deeper > MAX_DEPTH or isinstance(item, (dict, list)):
            check_depth(item, deeper)
