"""pre-commit hooks for Bitbucket Cloud Connect apps moving to Forge."""

# The one place the version lives: setup.cfg reads it from here.
__version__ = "0.2.0"
