"""Files for people outside the app: CSV and XLSX exports, the OHCHR matrix, reports (PDF and Word) and
the published static site. Built from what analysis computes; outsiders get redacted data only."""
