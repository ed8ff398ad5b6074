"""Tools that write the project's own material: the blank template workbook, the demo workbook, the
importer of UN Working Group reports and the translation catalogues."""
