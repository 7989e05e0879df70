"""The Jinja bytecode cache: templates compiled once per process and kept on disk between processes."""

from __future__ import annotations

import contextlib

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the process (`mkdocs serve` builds many times) and on disk
    between processes, in Jinja's own private per-user folder in the temp dir: compiling the theme's
    templates took 0.2 s of every `mkdocs build`. Jinja checks each against its template's source on use,
    so an edited or upgraded template compiles again. One instance per process, on the BuildSession,
    shared by the engine's templates and the theme's."""

    def __init__(self, directory: str | None = None) -> None:
        self.compiled: dict[str, bytes] = {}
        try:
            self.on_disk: jinja2.FileSystemBytecodeCache | None = jinja2.FileSystemBytecodeCache(directory)
        except (OSError, RuntimeError):  # no private temp folder to be had: memory only
            self.on_disk = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.on_disk is not None:
            self.on_disk.load_bytecode(bucket)  # checked as any cache entry: stale or damaged, it is ignored
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk is not None:
            with contextlib.suppress(OSError):  # a full or read-only disk costs the next build 0.2 s, nothing more
                self.on_disk.dump_bytecode(bucket)
