"""The kinds of value a filterable field holds; they decide its operators and parsing."""

from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    ID = "id"
    ENUM = "enum"
    INT = "int"
    NUMBER = "number"
    SPAN = "span"
    TIMESTAMP = "timestamp"
