"""Data sets shipped with the package (the sample survey)."""
