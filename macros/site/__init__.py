"""The site floor: the pages, their text and HTML, the renderer and its templates, the exports. Imports
the records floor, never MkDocs."""
