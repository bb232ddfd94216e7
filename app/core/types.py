"""Constrained string types shared by the seed format, imports and the write API."""

from typing import Annotated

from pydantic import StringConstraints

# Lowercase words joined by "-" (or "_", which derived ids such as "…--partner_of--…" hold).
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$", max_length=200)]
# A BCP 47 tag: language, then optional script, region or variant subtags ("ko-Latn").
Lang = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
