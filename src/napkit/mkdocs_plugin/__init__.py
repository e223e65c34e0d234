"""The MkDocs plugin `napkit`: a thin face over napkit.site."""
