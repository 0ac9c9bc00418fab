"""Reproducible training of the project's small Arabic Stanza models."""
