"""`GET /` serves the explorer's page; `/explorer/` its scripts, styles and vendored libraries.

The explorer is a client of the public API like any other: everything it shows comes from the
routes documented in /openapi.json, so these routes stay out of the OpenAPI document.
"""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
# What the explorer needs from a Content-Security-Policy: its own origin for scripts, styles,
# data and fonts, and nothing inline (Cytoscape sets element.style from script, which a CSP
# does not restrict). Sent with the page so the explorer is held to it whatever sits in front.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)

router = APIRouter(include_in_schema=False)
router.mount("/explorer", StaticFiles(directory=STATIC), name="explorer")


async def explorer_page(request: Request) -> FileResponse:
    """The explorer's single page; its hash routes (`#/events/…`) are resolved in the browser."""
    return FileResponse(
        STATIC / "index.html",
        headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )


# A plain Starlette route, not an API operation: the app-wide check that rejects undeclared
# query parameters is for the API, and a link to the page may carry any (`/?utm_source=…`).
router.add_route("/", explorer_page, methods=["GET"], include_in_schema=False)
