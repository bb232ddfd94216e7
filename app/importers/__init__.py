"""Importers of foreign event data (GDELT 2.0, ACLED): each turns a file into our import
documents, fed to the one write path (`app.imports.service.import_entries`)."""
