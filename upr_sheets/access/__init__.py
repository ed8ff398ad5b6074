"""Who may see what: open, member and read-only-link access, signed links and their registry, and the
redaction that makes a dataset fit for outsiders."""
