"""The MkDocs floor: the dossier's MkDocs plugin (dossier_plugin.DossierPlugin) and everything that knows
MkDocs. The only floor that imports mkdocs."""
