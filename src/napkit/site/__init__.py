"""The page generator: Markdown pages made from the data, independent of MkDocs."""
