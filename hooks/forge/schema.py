"""The full Forge manifest schema, from where the user's Forge CLI has it.

The npm package ``@forge/manifest`` ships the JSON Schema the Forge CLI
validates manifests with. Its licence does not let us copy it, but every
Forge developer has it installed, so we look for it, in order:

1. ``--forge-schema PATH``;
2. the environment variable ``FORGE_MANIFEST_SCHEMA``;
3. ``node_modules/@forge/manifest`` from the manifest's folder upward;
4. the global npm root, where ``npm install -g @forge/cli`` put it.

The global root is guessed from where ``node`` and ``npm`` are installed, and
only if that fails is ``npm root -g`` asked, once: its answer is cached, so no
commit waits for npm. The parsed schema is cached too (``marshal``, keyed by
the schema's path, size and modification time), which makes loading it four
times faster than parsing 2.3 MB of JSON.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, Iterator, List, Mapping, Optional

ENV_SCHEMA = "FORGE_MANIFEST_SCHEMA"
ENV_CACHE = "FORGE_CONNECT_HOOKS_CACHE"
SCHEMA_IN_PACKAGE = os.path.join("@forge", "manifest", "out", "schema", "manifest-schema.json")
# Ask npm again after this long, in case the Forge CLI was installed since.
NPM_ROOT_TTL_SECONDS = 24 * 3600


def cache_dir(environ: Mapping[str, str]) -> str:
    if environ.get(ENV_CACHE):
        return environ[ENV_CACHE]
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "forge-connect-hooks")


class SchemaFinder:
    """Finds the schema for each manifest of a run. The global npm root is the
    same for all of them, so it is looked for once, however many ask."""

    def __init__(self, explicit: Optional[str], environ: Mapping[str, str]) -> None:
        self.explicit = explicit or environ.get(ENV_SCHEMA) or None
        self.environ = environ
        self._global: Optional[str] = None
        self._global_searched = False

    def find(self, manifest: str) -> Optional[str]:
        if self.explicit:
            return self.explicit
        for folder in _folders_up(os.path.dirname(os.path.abspath(manifest))):
            candidate = os.path.join(folder, "node_modules", SCHEMA_IN_PACKAGE)
            if os.path.isfile(candidate):
                return candidate
        if not self._global_searched:
            self._global = _global_schema(self.environ)
            self._global_searched = True
        return self._global


def _global_schema(environ: Mapping[str, str]) -> Optional[str]:
    for root in _global_roots(environ):
        for candidate in (
            os.path.join(root, "@forge", "cli", "node_modules", SCHEMA_IN_PACKAGE),
            os.path.join(root, SCHEMA_IN_PACKAGE),
        ):
            if os.path.isfile(candidate):
                return candidate
    return None


def _folders_up(folder: str) -> Iterator[str]:
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def _global_roots(environ: Mapping[str, str]) -> List[str]:
    """Global node_modules folders, cheapest guesses first."""
    roots: List[str] = []
    prefix = environ.get("NPM_CONFIG_PREFIX") or environ.get("npm_config_prefix")
    if prefix:
        roots.append(_root_of_prefix(prefix))
    for tool in ("npm", "node"):
        found = shutil.which(tool, path=environ.get("PATH"))
        if found:
            bin_folder = os.path.dirname(os.path.realpath(found))
            # npm's lib/node_modules sits beside node's bin/; resolving the npm
            # symlink may land inside lib/node_modules/npm/bin itself.
            roots.append(_root_of_prefix(os.path.dirname(bin_folder)))
            marker = os.sep + "node_modules" + os.sep
            if marker in bin_folder:
                roots.append(bin_folder[: bin_folder.index(marker) + len(marker) - 1])
    if not any(os.path.isdir(os.path.join(root, "@forge")) for root in roots):
        asked = _npm_root(environ)
        if asked:
            roots.append(asked)
    return list(dict.fromkeys(roots))


def _root_of_prefix(prefix: str) -> str:
    if sys.platform == "win32":
        return os.path.join(prefix, "node_modules")
    return os.path.join(prefix, "lib", "node_modules")


def _npm_root(environ: Mapping[str, str]) -> Optional[str]:
    """``npm root -g``, from the cache when it was asked recently."""
    record = os.path.join(cache_dir(environ), "npm-root-g.json")
    try:
        with open(record, encoding="utf-8") as stream:
            cached = json.load(stream)
        if time.time() - float(cached["asked"]) < NPM_ROOT_TTL_SECONDS:
            return str(cached["root"]) or None
    except (OSError, ValueError, KeyError, TypeError):
        pass
    npm = shutil.which("npm", path=environ.get("PATH"))
    root = ""
    if npm is not None:
        try:
            answer = subprocess.run(
                [npm, "root", "-g"], capture_output=True, text=True, timeout=15, check=False
            )
            root = answer.stdout.strip() if answer.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            root = ""
    _write_cache(record, json.dumps({"asked": time.time(), "root": root}).encode())
    return root or None


# Forge's schema is about 2.3 MB; a file far larger is not one, and is not read.
MAX_SCHEMA_BYTES = 64 * 1024 * 1024


def load_forge_schema(path: str, environ: Mapping[str, str]) -> Dict[str, Any]:
    """The parsed schema; raises OSError or ValueError when it cannot be read.
    Only a regular file of bounded size is read: a FIFO would block, a
    device never end."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise ValueError("not a regular file")
        if status.st_size > MAX_SCHEMA_BYTES:
            raise ValueError(f"{status.st_size} bytes, larger than any Forge schema")
        return _parse_schema(path, fd, status, environ)
    finally:
        os.close(fd)


def _parse_schema(
    path: str, fd: int, status: os.stat_result, environ: Mapping[str, str]
) -> Dict[str, Any]:
    key = (
        f"{os.path.realpath(path)}\0{status.st_size}\0{status.st_mtime_ns}\0{sys.version_info[:2]}"
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cached = os.path.join(cache_dir(environ), f"schema-{digest}.marshal")
    try:
        with open(cached, "rb") as stream:
            schema = marshal.loads(stream.read())
        if isinstance(schema, dict):
            return schema
    except (OSError, ValueError, EOFError, TypeError):
        pass
    with os.fdopen(os.dup(fd), "rb") as stream:
        schema = json.loads(stream.read(MAX_SCHEMA_BYTES + 1))
    if not isinstance(schema, dict):
        raise ValueError("the schema is not a JSON object")
    _write_cache(cached, marshal.dumps(schema))
    return schema


def _write_cache(path: str, data: bytes) -> None:
    """Best effort: a cache that cannot be written is only slower."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        pass


def module_types(schema: Mapping[str, Any]) -> List[str]:
    """The module types the schema knows (``ModuleSchema``'s properties)."""
    definitions = schema.get("definitions")
    module_schema = definitions.get("ModuleSchema") if isinstance(definitions, dict) else None
    properties = module_schema.get("properties") if isinstance(module_schema, dict) else None
    return sorted(properties) if isinstance(properties, dict) else []
