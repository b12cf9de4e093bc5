"""The rule catalog: a folder per family, one module per rule (see pydocklint.rule)."""
