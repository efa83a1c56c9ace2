"""Rules: what descriptors, manifests and install links must be, turned into findings.

May import ``reporting``, ``reading`` and ``forge``.
"""
