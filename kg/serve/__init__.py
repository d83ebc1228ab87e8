"""`kg serve`: a read-only SPARQL endpoint, linked-data pages and a graph explorer over the store.

The package is imported by the query workers too (kg.serve.pool), so this module
imports nothing: the web framework is loaded by kg.serve.app and kg.serve.server only.
"""
