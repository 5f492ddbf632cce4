"""Front matter values nested deeper than text or a list of text: tables and lists of tables, as
Hugo, Jekyll and Ghost archives write them (``authors: [{name: ...}]``, ``images: [{src, alt}]``,
a title given per language). Pure.

headers.split_metadata keeps such a value as "" so that it costs no article; the header is read
once more here, only in a file where a value was left "", as a tree that keeps the line of every
piece, so that frontmatter.py can take what it understands (a name, a picture's path and
description) and name what it ignores, with its line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from sitegen.headers import TABLE_KEYS, Metadata
from sitegen.metakeys import meta_key

# A value and the 1-based line of the file where it (or its key) is written.
Tree = str | list["Node"] | dict[str, "Node"]


@dataclass(frozen=True)
class Node:
    line: int
    value: Tree
    # A value found under a key (nested_values) that was too large or too deep to read whole:
    # what is beyond MAX_NODES or MAX_DEPTH was read as "" (said with its line, frontmatter.py).
    cut: bool = False


@dataclass
class _Budget:
    """What one key's value may still take (MAX_NODES), and whether it was cut short."""

    left: int = 0
    cut: bool = False

    def take(self, depth: int) -> bool:
        """One more piece at depth: False (not read) past the budget or MAX_DEPTH."""
        self.left -= 1
        if self.left < 0 or depth > MAX_DEPTH:
            self.cut = True
            return False
        return True


# The YAML reader resolves no implicit types (as markup's): every scalar is the text typed.
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_YAML_NULLS = frozenset({"~", "null", "Null", "NULL"})
# Aliases may repeat a table many times over ("billion laughs"), or hold themselves: a header
# is small, and what is deeper or larger than this is not read. Each key's value has a budget
# of its own (and only the values sitegen looks for are read): a large table of another key (a
# gallery of thousands of pictures) takes nothing from the authors written after it.
MAX_NODES = 10_000
MAX_DEPTH = 20


def nested_values(text: str, meta: Metadata) -> dict[str, Node]:
    """The values of the front matter of text that meta keeps as "" and that are tables or lists
    (not a blank value), by their key in meta.fields (a table key's fields as KEY.FIELD)."""
    wanted = [key for key, value in meta.fields.items() if value == ""]
    if not wanted or meta.pelican:
        return {}
    lines = text.split("\n")
    start = 0
    while start < len(lines) - 1 and not lines[start].strip(" \t\ufeff"):
        start += 1
    close = meta.body_line - 2  # the closing fence (0-based)
    fence = lines[start].lstrip("\ufeff").rstrip()
    try:
        if fence == "---":
            for line in meta.typed_lines:  # a text YAML cannot read, read as typed: no table in it
                lines[line - 1] = lines[line - 1].partition(":")[0] + ":"
            node = yaml.compose("\n".join(lines[start + 1 : close]), Loader=_Loader)
            heads = {part for key in wanted for part in (key, key.partition(".")[0])}
            top = _yaml_top(node, start + 2, heads)
        elif fence == "+++":
            data = tomllib.loads("\n".join(lines[start + 1 : close]))
            top = _plain_top(data, lines, start, close, r"\s*\[{{0,2}}\s*(?:\"{key}\"|'{key}'|{key})\s*[=\].]")
        elif fence == "{":
            data = json.loads("\n".join(lines[start : close + 1]).lstrip("\ufeff"))
            top = _plain_top(data, lines, start, close, r'\s*"{key}"\s*:')
        else:
            return {}
    except (yaml.YAMLError, ValueError, RecursionError):  # read once already: not expected
        return {}
    if not isinstance(top.value, dict):
        return {}
    found: dict[str, Node] = {}
    for key in wanted:
        head, _, field = key.partition(".")
        node_at = top.value.get(key)
        if node_at is None and field and head in TABLE_KEYS and (table := top.value.get(head)) is not None:
            node_at = table.value.get(field) if isinstance(table.value, dict) else None
        if node_at is not None and not isinstance(node_at.value, str):
            found[key] = node_at
    return found


def _yaml_top(node: yaml.Node | None, offset: int, heads: set[str]) -> Node:
    """The header's table with the values of the keys in heads (the first of a key written
    twice), each read within a budget of its own."""
    table: dict[str, Node] = {}
    if not isinstance(node, yaml.MappingNode):
        return Node(1, table if node is None else "")
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        name = meta_key(str(key.value))  # as headers reads it: العنوان is title
        if name in heads and name not in table:
            budget = _Budget(MAX_NODES)
            tree = _yaml_tree(value, offset, budget, 1)
            table[name] = Node(key.start_mark.line + offset, tree.value, budget.cut)
    return Node(node.start_mark.line + offset, table)


def _yaml_tree(node: yaml.Node, offset: int, budget: _Budget, depth: int) -> Node:
    line = node.start_mark.line + offset
    if not budget.take(depth):
        return Node(line, "")
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value).strip()
        return Node(line, "" if not node.style and value in _YAML_NULLS else value)
    if isinstance(node, yaml.SequenceNode):
        return Node(line, [_yaml_tree(item, offset, budget, depth + 1) for item in node.value])
    table: dict[str, Node] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            table.setdefault(
                str(key.value).strip().lower(), _at(_yaml_tree(value, offset, budget, depth + 1), key, offset)
            )
    return Node(line, table)


def _at(node: Node, key: yaml.Node, offset: int) -> Node:
    """A table's value at the line of its key (where 'width: 300' is written)."""
    return Node(key.start_mark.line + offset, node.value)


def _plain_top(data: Mapping[str, Any], lines: list[str], start: int, close: int, pattern: str) -> Node:
    """The tree of a TOML or JSON header: each top key at the line that names it, what is under
    it at that line too (TOML and JSON readers keep no lines)."""
    table: dict[str, Node] = {}
    for raw_key, raw in data.items():
        spelled = re.compile(pattern.format(key=re.escape(raw_key)))
        line = next((n + 1 for n in range(start + 1, close) if spelled.match(lines[n])), start + 1)
        budget = _Budget(MAX_NODES)
        tree = _plain_tree(raw, line, budget, 1)
        table.setdefault(meta_key(raw_key), Node(tree.line, tree.value, budget.cut))
    return Node(start + 1, table)


def _plain_tree(value: object, line: int, budget: _Budget, depth: int) -> Node:
    if not budget.take(depth):
        return Node(line, "")
    if isinstance(value, list):
        return Node(line, [_plain_tree(item, line, budget, depth + 1) for item in value])
    if isinstance(value, dict):
        table: dict[str, Node] = {}
        for key, item in value.items():
            table.setdefault(str(key).strip().lower(), _plain_tree(item, line, budget, depth + 1))
        return Node(line, table)
    if isinstance(value, bool):
        return Node(line, "true" if value else "false")
    if isinstance(value, (dt.date, dt.time)):
        return Node(line, value.isoformat())
    return Node(line, "" if value is None else str(value).strip())
