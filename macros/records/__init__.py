"""The records floor: the kinds (schema.py), loading, validating and indexing the data, and the checks
run on it. No Jinja, no Markdown, no MkDocs: `python -m macros check` imports only this floor."""
