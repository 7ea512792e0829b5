"""Analyses over the built record: each module answers one question from the store."""
