"""The master plan in forms for data users and spreadsheets: JSON, CSV, XLSX."""
