"""YAML in and out: the fast safe loader, positions for messages, and record emission.

Reading never round-trips. `load_data` uses PyYAML's libyaml-based safe loader (quicker than
ruamel's C path), taught YAML 1.2 scalars with ruamel's own resolver table so that it
reads every value exactly as ruamel does (`NO` and `yes` are text, `0123` is 123); where libyaml
is missing, PyYAML's pure-Python SafeLoader with the same table gives identical results.
Resolving each scalar and building the values is done by yamlbuild.py (a lean resolver and
construction with PyYAML's results, at a fraction of its generic constructor's cost: most of a
cold read). Duplicate keys are refused. Positions come from libyaml's composer (`node_tree`),
once per file that has a problem, so placing every problem of a file costs one parse.
ruamel.yaml is kept for emitting records. Ledger files are plain data: tags, anchors, aliases
and %YAML directives are refused, and nesting depth is bounded.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from pilotledger.errors import YamlProblem
from pilotledger.model import WrittenInt
from pilotledger.store.ruamel_compat import yaml12_resolvers
from pilotledger.store.yamlbuild import (
    LeanResolver,
    construct_plain,
    duplicate_key,
    key_not_plain,
    merge_key_refused,
)
from pilotledger.textgate import code_point, first_refused_in_file
from pilotledger.wording import Message, yaml_phrase

EMIT_WIDTH = 1 << 30  # never fold a long line: a diff must show whole fields

# Things a plain ledger file never needs. Checked on the token stream, so a `!` or `&`
# inside a quoted or plain scalar (完成80%&以上) is not mistaken for one.
_FORBIDDEN_TOKENS = {
    "TagToken": Message("yaml_tag"),
    "AnchorToken": Message("yaml_anchor"),
    "AliasToken": Message("yaml_alias"),
    "DirectiveToken": Message("yaml_directive"),
}
# Where a tag, anchor or alias can begin: at the start of a node (line start, after "- ", ": ",
# "? " or a flow indicator), and a directive at a line start. Only a file with such a place is
# scanned token by token; "完成80%" or "A&B" in a plain scalar never triggers the scan.
_SCREEN_MARKS = "!&*%"  # what _QUICK_SCREEN needs; a scan for each is far quicker than the regex
# Only spaces and tabs are skipped ([ \t], never \s): a pattern that could cross line ends would
# rescan every following blank line from each line start, quadratic in a file of blank lines.
_QUICK_SCREEN = re.compile(r"(?:^|[-:?,\[{][ \t]|[\[{,])[ \t]*[!&*]|^%", re.M)

# Strings a YAML 1.1 reader would take for something else; quoted on output so that any
# YAML tool, not only ours, reads them back as text.
_YAML11_AMBIGUOUS = re.compile(
    r"""^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    |~|null|Null|NULL|
    |[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)
    |[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$""",
    re.X,
)


_SCALAR_TAGS = {"bool", "float", "int", "null", "timestamp"}


_DECIMAL = re.compile(r"^-?[0-9]+$")


class _LedgerConstructor:
    """YAML 1.2 integers as ruamel reads them, and no duplicate keys (the generic constructor,
    for what yamlbuild.construct_plain leaves to it)."""

    def construct_yaml_int(self, node):
        text = self.construct_scalar(node).replace("_", "")
        sign = -1 if text[:1] == "-" else 1
        digits = text.lstrip("+-")
        if not digits:
            return self.construct_scalar(node)  # "_" alone: text, not a number
        base = {"0b": 2, "0x": 16, "0o": 8}.get(digits[:2])
        try:
            value = sign * (int(digits[2:], base) if base else int(digits))
        except ValueError:  # "0x" with no digits: text, not a number
            return self.construct_scalar(node)
        written = self.construct_scalar(node)
        return value if _DECIMAL.match(written) else WrittenInt(value, written)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, pyyaml.MappingNode):
            raise pyyaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark
            )
        mapping = {}
        for key_node, value_node in node.value:
            if key_node.tag.endswith(":merge") or (key_node.value == "<<" and not key_node.style):
                raise merge_key_refused(key_node)
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool, type(None), dt.date)):
                raise key_not_plain(node, key_node)
            if key in mapping:
                raise duplicate_key(node, key_node, key)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _ledger_loader(base: type) -> type:
    loader = type(f"Ledger{base.__name__}", (_LedgerConstructor, LeanResolver, base), {})
    loader.yaml_implicit_resolvers = {}
    for tag, pattern, first in yaml12_resolvers(_SCALAR_TAGS):
        loader.add_implicit_resolver(tag, pattern, first)
    loader.add_constructor("tag:yaml.org,2002:int", _LedgerConstructor.construct_yaml_int)
    loader.index_implicit_resolvers()
    return loader


FAST_LOADER = _ledger_loader(getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader))
PURE_LOADER = _ledger_loader(pyyaml.SafeLoader)


def _screen(text: str) -> None:
    """Refuse tags, anchors, aliases and directives, wherever they are."""
    if not any(mark in text for mark in _SCREEN_MARKS) or not _QUICK_SCREEN.search(text):
        return
    try:
        for token in YAML(typ="safe", pure=True).scan(
            text
        ):  # exact, slow: only when the screen hits
            message = _FORBIDDEN_TOKENS.get(type(token).__name__)
            if message:
                mark = token.start_mark
                raise YamlProblem(mark.line + 1, mark.column + 1, message)
    except YAMLError as error:
        raise _problem_from(error, text) from None
    except RecursionError:
        raise YamlProblem(1, 1, Message("yaml_too_deep")) from None


def _problem_from(error: Exception, text: str) -> YamlProblem:
    """A YamlProblem from a PyYAML or ruamel error, at its mark."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "cannot start any token" in str(getattr(error, "problem", "")):
        return YamlProblem(line, col, Message("yaml_syntax", detail=_unstartable(text, line, col)))
    words = [getattr(error, "context", None), getattr(error, "problem", None)]
    message = (
        "; ".join(w.strip() for w in words if w) or (str(error).splitlines() or ["unreadable"])[0]
    )
    if "duplicate key" in message:
        message = f"duplicate key: {message.split('found duplicate key', 1)[-1].strip()}".split(
            " with value"
        )[0]
    return YamlProblem(line, col, Message("yaml_syntax", detail=yaml_phrase(message)))


def _unstartable(text: str, line: int, col: int) -> Message:
    """libyaml does not name the character that cannot start a token: a tab, or a reserved
    indicator (`@`, `` ` ``) at the start of a plain value."""
    lines = text.splitlines()
    found = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    return Message("yaml_tab" if found in ("\t", "") else "yaml_reserved_start")


def _refuse_control_characters(text: str) -> None:
    """The text gate on a whole file, before any YAML reader splits a line at U+2028."""
    found = first_refused_in_file(text)
    if found is not None:
        line, col, char = found
        raise YamlProblem(line, col, Message("control_char_in_file", code=code_point(char)))


def load_data(text: str, loader: type = FAST_LOADER) -> Any:
    """Parse one ledger file into plain Python values, or raise YamlProblem."""
    return load_with_tree(text, loader)[0]


def load_with_tree(text: str, loader: type = FAST_LOADER) -> tuple[Any, pyyaml.Node | None]:
    """The file's values and its node tree (with positions) from one parse: a loader that
    finds problems places them all with this tree instead of parsing the file again."""
    _refuse_control_characters(text)
    _screen(text)
    parser = loader(text)
    try:
        tree = parser.get_single_node()
        data = construct_plain(parser, tree) if tree is not None else None
    except (pyyaml.YAMLError, YAMLError) as error:
        raise _problem_from(error, text) from None
    except RecursionError:
        raise YamlProblem(1, 1, Message("yaml_too_deep")) from None
    except ValueError as error:  # a scalar that looks like a date but is not one
        raise _impossible_date(text, error) from None
    finally:
        parser.dispose()
    return data, tree


_DATE_LIKE = re.compile(r"(?<![\w'\"-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])")
# A field whose value is a timestamp (2022-03-11 09:00:00+08:00), as the YAML 1.2 resolver
# sees one: the loader rejects an impossible one (an offset of +24:00, hour 25) unplaced.
_TIMESTAMP_FIELD = re.compile(
    r"^(?:[ \t]*-)?[ \t]*(?P<field>[^\s:#][^:#]*?):[ \t]+(?P<text>\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?)?)[ \t]*$"
)


def _impossible_date(text: str, error: ValueError) -> YamlProblem:
    """Place a date-shaped value that is no date (2022-02-30), which the loader rejects unplaced."""
    found = _impossible_timestamp(text)
    if found is not None:
        return found
    for line_number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE_LIKE.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return YamlProblem(
                    line_number, match.start() + 1, Message("yaml_bad_date", text=match.group(0))
                )
    return YamlProblem(1, 1, Message("yaml_syntax", detail=str(error)))


def _impossible_timestamp(text: str) -> YamlProblem | None:
    """The first timestamp-shaped field value the loader cannot construct, at its place."""
    for line_number, line in enumerate(text.splitlines(), start=1):
        match = _TIMESTAMP_FIELD.match(line)
        if match is None:
            continue
        try:
            pyyaml.load(match.group("text"), Loader=FAST_LOADER)
        except ValueError:
            words = {"field": match.group("field").strip(), "text": match.group("text")}
            return YamlProblem(
                line_number, match.start("text") + 1, Message("yaml_bad_timestamp", **words)
            )
    return None


def node_tree(text: str) -> pyyaml.Node | None:
    """The file's node tree with positions (libyaml's composer): one parse places every
    problem of a file, in time linear in its size. None when the text does not compose."""
    try:
        return pyyaml.compose(text, Loader=FAST_LOADER)
    except (pyyaml.YAMLError, RecursionError, ValueError):
        return None


def position_in(
    tree: pyyaml.Node | None, loc: tuple[str | int, ...], at_key: bool = False
) -> tuple[int, int]:
    """The 1-based line and column of the node at `loc` in `tree`, or of its nearest existing
    parent: a scalar value's own place, else its key's (and the key's with `at_key`: an
    unknown field is its key, however the key is written)."""
    node, line, col = tree, 0, 0
    for depth, key in enumerate(loc, start=1):
        if isinstance(node, pyyaml.MappingNode):
            pair = next(
                (
                    (k, v)
                    for k, v in node.value
                    if isinstance(k, pyyaml.ScalarNode) and k.value == str(key)
                ),
                None,
            )
            if pair is None:
                break
            key_node, node = pair
            by_key = at_key and depth == len(loc)
            value_mark = isinstance(node, pyyaml.ScalarNode) and not by_key
            mark = node.start_mark if value_mark else key_node.start_mark
        elif (
            isinstance(node, pyyaml.SequenceNode)
            and isinstance(key, int)
            and 0 <= key < len(node.value)
        ):
            node = node.value[key]
            mark = node.start_mark
        else:
            break
        line, col = mark.line, mark.column
    return line + 1, col + 1


def locate(text: str, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """The 1-based line and column of the node at `loc` (one parse: use node_tree for many)."""
    return position_in(node_tree(text), loc)


def item_starts(text: str) -> list[int]:
    """The 0-based line on which each top-level list item starts."""
    tree = node_tree(text)
    return (
        [item.start_mark.line for item in tree.value]
        if isinstance(tree, pyyaml.SequenceNode)
        else []
    )


def _emit_value(value: Any) -> Any:
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if _YAML11_AMBIGUOUS.match(value):
            return SingleQuotedScalarString(value)
    if isinstance(value, list):
        return CommentedSeq(_emit_value(item) for item in value)
    if isinstance(value, dict):  # an evidence file: {file, sha256}
        return CommentedMap((key, _emit_value(item)) for key, item in value.items())
    return value


def record_block(fields: dict[str, Any]) -> str:
    """The YAML text of one record as a list item: one line per field, never folded."""
    return record_blocks([fields])[0]


def record_blocks(records: list[dict[str, Any]]) -> list[str]:
    """The text of each record as `record_block` gives it, from one dump of them all (an
    intake's month of records: ruamel's emitter is pure Python, and its set-up per dump was a
    quarter of the cost). Each block starts where a line starts with the list's `-`: inside an
    item every line is indented (a block text's lines more than its key). No anchors: the
    records of one intake share their `recorded_at` object, and each block stands alone."""
    items = CommentedSeq(_emitted_mapping(fields) for fields in records)
    yaml = YAML()
    yaml.width = EMIT_WIDTH
    yaml.allow_unicode = True
    yaml.representer.ignore_aliases = lambda data: True
    out = io.StringIO()
    yaml.dump(items, out)
    text = out.getvalue()
    starts = [match.start() for match in _ITEM_START.finditer(text)]
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)])]


_ITEM_START = re.compile(r"^-(?: |$)", re.M)


def _emitted_mapping(fields: dict[str, Any]) -> CommentedMap:
    mapping = CommentedMap()
    for key, value in fields.items():
        if value is not None:
            mapping[key] = _emit_value(value)
    return mapping


def timestamp(moment: dt.datetime) -> dt.datetime:
    """A recorded_at value: whole seconds, with its UTC offset."""
    return moment.replace(microsecond=0)
