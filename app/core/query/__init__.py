"""The query vocabulary shared by every collection: filters, sorts, cursors and includes.

Collections declare what they allow (`ResourceSpec`); this package turns the declarations
into typed query parameters and portable SQL.
"""
