"""A plan as a workbook to fill in: its sheets, columns, closed lists, and the writer."""
