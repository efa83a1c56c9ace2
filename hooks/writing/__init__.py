"""Writing: the one edit the fixer makes to a descriptor, and the atomic write of it.

May import ``reporting``, ``reading``, ``forge`` and ``rules``.
"""
