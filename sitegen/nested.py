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

# A value and the 1-based line of the file where it (or its key) is written.
Tree = str | list["Node"] | dict[str, "Node"]


@dataclass(frozen=True)
class Node:
    line: int
    value: Tree


# The YAML reader resolves no implicit types (as markup's): every scalar is the text typed.
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_YAML_NULLS = frozenset({"~", "null", "Null", "NULL"})
# Aliases may repeat a table many times over ("billion laughs"), or hold themselves: a header
# is small, and what is deeper or larger than this is not read.
_MAX_NODES = 10_000
_MAX_DEPTH = 20


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
            node = yaml.compose("\n".join(lines[start + 1 : close]), Loader=_Loader)
            top = _yaml_tree(node, start + 2, [0], 0) if node is not None else Node(1, {})
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


def _yaml_tree(node: yaml.Node, offset: int, count: list[int], depth: int) -> Node:
    line = node.start_mark.line + offset
    count[0] += 1
    if count[0] > _MAX_NODES or depth > _MAX_DEPTH:
        return Node(line, "")
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value).strip()
        return Node(line, "" if not node.style and value in _YAML_NULLS else value)
    if isinstance(node, yaml.SequenceNode):
        return Node(line, [_yaml_tree(item, offset, count, depth + 1) for item in node.value])
    table: dict[str, Node] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            table.setdefault(
                str(key.value).strip().lower(), _at(_yaml_tree(value, offset, count, depth + 1), key, offset)
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
        table.setdefault(raw_key.strip().lower(), _plain_tree(raw, line, 0))
    return Node(start + 1, table)


def _plain_tree(value: object, line: int, depth: int) -> Node:
    if depth > _MAX_DEPTH:
        return Node(line, "")
    if isinstance(value, list):
        return Node(line, [_plain_tree(item, line, depth + 1) for item in value])
    if isinstance(value, dict):
        table: dict[str, Node] = {}
        for key, item in value.items():
            table.setdefault(str(key).strip().lower(), _plain_tree(item, line, depth + 1))
        return Node(line, table)
    if isinstance(value, bool):
        return Node(line, "true" if value else "false")
    if isinstance(value, (dt.date, dt.time)):
        return Node(line, value.isoformat())
    return Node(line, "" if value is None else str(value).strip())
