"""The explorer: a single-page app at `/`, served from committed static files."""
