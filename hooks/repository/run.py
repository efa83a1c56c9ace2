"""One hook run's shared state, in one object: the base that "before" means,
the environment, the repository's files, the manifests, the file history and
the spelling budget. Nothing of a run lives in a module global, so the check
command, which runs every hook in one process, gives each hook what it would
have alone, and shares only what is the same for all (the repository's files)."""

from __future__ import annotations

import os
from typing import Mapping, Optional

from ..rules.spelling import Spelling
from .files import RepositoryFiles
from .history import LastCommit, base_ref
from .manifests import ManifestIndex


class Run:
    """A hook run. ``base``: what hand edits and a manifest's earlier app.id are
    compared with (default: the last commit, or pre-commit's from-ref)."""

    def __init__(
        self,
        base: Optional[str] = None,
        environ: Optional[Mapping[str, str]] = None,
        files: Optional[RepositoryFiles] = None,
    ) -> None:
        self.environ = os.environ if environ is None else environ
        self.base = base_ref(self.environ) if base is None else base
        self.files = RepositoryFiles() if files is None else files
        self.history = LastCommit(self.base)
        self.manifests = ManifestIndex(self.files, self.history)
        self.spelling = Spelling()

    def prefetch(self, *, staged: bool) -> None:
        """Ask git at once what a check of links asks one question at a time:
        the tracked files, the staged ones (with ``staged``) and the files
        changed since the base. Side by side, three questions cost one."""
        beside = [] if self.history.asked else [self.history.changed_command()]
        answers = self.files.ask(staged=staged, beside=beside)
        if beside:
            self.history.answered(answers[0])

    def close(self) -> None:
        """End the git process that reads files as of the base, if one started."""
        self.history.close()
