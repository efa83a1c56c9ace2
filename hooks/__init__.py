"""pre-commit hooks for Bitbucket Cloud Connect apps moving to Forge."""
