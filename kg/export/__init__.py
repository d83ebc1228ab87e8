"""The export stage: RDF serialisations, GraphML and an offline HTML graph."""
