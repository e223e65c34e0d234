"""A filled workbook back to a plan file: reading it safely, its cells, the merge, the import."""
