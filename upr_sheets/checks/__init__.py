"""Raw tables → a typed Dataset and a list of Issues: cell parsing, normalisation, cross-tab checks and
the registry of issue codes (codes.py, with its data in codes.toml). Pure pandas over tables already
read: no sheet access, no network."""
