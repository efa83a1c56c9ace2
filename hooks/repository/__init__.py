"""The repository: which files pair with which, and what they held in the last commit.

May import every layer below it: ``reporting``, ``reading``, ``forge``, ``rules``, ``writing``.
"""
