"""The OWL ontology, the SHACL shapes and the saved SPARQL queries, shipped in the package as kg.ontology."""
