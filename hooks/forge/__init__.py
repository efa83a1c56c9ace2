"""Forge's installed data: the user's ``@forge/manifest`` schema and lists, read as data.

May import only ``reporting`` and ``reading``.
"""
