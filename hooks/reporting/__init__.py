"""Reporting: the finding type, every finding code, and the printing of findings.

The vocabulary every layer speaks; it imports nothing else of this package.
"""
