"""Raw tables → a typed Dataset and a list of Issues: cell parsing, normalisation, cross-tab checks and
the registry of issue codes. Pure pandas: no I/O, no network."""
