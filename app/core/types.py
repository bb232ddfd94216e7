"""Constrained string types shared by the seed format, imports and the write API."""

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from app.core.text import line_text, long_text, name_text

# Lowercase words joined by "-" (or "_", which derived ids such as "…--partner_of--…" hold).
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$", max_length=200)]
# A BCP 47 tag: language, then optional script, region or variant subtags ("ko-Latn").
Lang = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)
]

# Text fields, bounded and free of control characters (app/core/text.py). A name or title
# must also hold a letter or digit; long texts keep their line breaks.
Line = Annotated[str, StringConstraints(max_length=2_000), AfterValidator(line_text)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=1_000), AfterValidator(name_text)]
LongText = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(long_text)]
# A verbatim article; the request body limit (MAX_BODY_BYTES) bounds it first.
ArticleText = Annotated[
    str, StringConstraints(min_length=1, max_length=1_000_000), AfterValidator(long_text)
]
