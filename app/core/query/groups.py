"""The `or=` / `not=` group syntax: `or=(event_type=agree,and(modality=expected,place=brussels))`.

group := "(" term ("," term)* ")"
term  := ("and" | "or" | "not") group | name "=" value
value := '"' quoted, \\" escapes '"' | "(" item ("," item)* ")" | text up to , or )
"""

from dataclasses import dataclass

from app.core.errors import BadParameter

MAX_DEPTH = 3


@dataclass(frozen=True)
class Term:
    """One `name=value` inside a group; a list value comes from `name=(a,b)`."""

    name: str
    value: str | list[str]


@dataclass(frozen=True)
class Group:
    """`and`, `or` or `not` over terms and nested groups (`not` negates their conjunction)."""

    op: str
    items: list["Term | Group"]


class _Parser:
    def __init__(self, param: str, text: str):
        self.param, self.text, self.pos = param, text, 0

    def fail(self, reason: str) -> BadParameter:
        return BadParameter(self.param, f"{reason} at character {self.pos + 1}")

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.fail(f"expected {char!r}")
        self.pos += 1

    def group(self, op: str, depth: int) -> Group:
        if depth > MAX_DEPTH:
            raise self.fail(f"groups nest at most {MAX_DEPTH} deep")
        self.expect("(")
        items = [self.term(depth)]
        while self.peek() == ",":
            self.pos += 1
            items.append(self.term(depth))
        self.expect(")")
        return Group(op, items)

    def term(self, depth: int) -> "Term | Group":
        name = self.word()
        if name in {"and", "or", "not"} and self.peek() == "(":
            return self.group(name, depth + 1)
        if not name:
            raise self.fail("expected a filter such as title__contains=nato")
        self.expect("=")
        return Term(name, self.value())

    def word(self) -> str:
        start = self.pos
        while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
            self.pos += 1
        return self.text[start : self.pos]

    def value(self) -> str | list[str]:
        if self.peek() == '"':
            return self.quoted()
        if self.peek() == "(":
            self.pos += 1
            items = [self.scalar()]
            while self.peek() == ",":
                self.pos += 1
                items.append(self.scalar())
            self.expect(")")
            return items
        return self.scalar()

    def scalar(self) -> str:
        if self.peek() == '"':
            return self.quoted()
        start = self.pos
        while self.peek() and self.peek() not in ",()":
            self.pos += 1
        return self.text[start : self.pos]

    def quoted(self) -> str:
        self.expect('"')
        chars = []
        while self.peek() != '"':
            if not self.peek():
                raise self.fail("unclosed quote")
            if self.peek() == "\\":
                self.pos += 1
            chars.append(self.peek())
            self.pos += 1
        self.pos += 1
        return "".join(chars)


def parse_group(param: str, op: str, text: str) -> Group:
    """Parse the value of an `or=` or `not=` parameter; a fault is a 400 naming it."""
    parser = _Parser(param, text.strip())
    group = parser.group(op, 1)
    if parser.pos != len(parser.text):
        raise parser.fail("unexpected text after the closing parenthesis")
    return group
