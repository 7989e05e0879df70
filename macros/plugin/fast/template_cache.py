"""The Jinja bytecode cache: templates compiled once per process and kept on disk between processes."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Mapping

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the process (`mkdocs serve` builds many times) and on disk
    between processes, in Jinja's own private per-user folder in the temp dir: compiling the theme's
    templates took 0.2 s of every `mkdocs build`. Jinja checks each against its template's source on use,
    so an edited or upgraded template compiles again. One instance per process, on the BuildSession,
    shared by the engine's templates and the theme's.

    Jinja keys an entry by the template's name and checks it against its source, but the code it compiled
    also depends on the environment: whether a filter takes the render's context is decided at compile
    time. So the key here carries the environment too (`environment_fingerprint`): a template whose source
    is unchanged compiles again when the engine's filters change (an old entry once called a context filter
    with the record as its context)."""

    def __init__(self, directory: str | None = None) -> None:
        self.compiled: dict[str, bytes] = {}
        try:
            self.on_disk: jinja2.FileSystemBytecodeCache | None = jinja2.FileSystemBytecodeCache(directory)
        except (OSError, RuntimeError):  # no private temp folder to be had: memory only
            self.on_disk = None

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> jinja2.bccache.Bucket:
        key = hashlib.sha1(f"{self.get_cache_key(name, filename)}|{environment_fingerprint(environment)}".encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

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


def environment_fingerprint(environment: jinja2.Environment) -> str:
    """What of an environment the compiled code depends on, besides the source: Jinja's version, its syntax
    and whitespace settings, its extensions, and each filter's and test's name and what it is passed."""
    def passed(functions: Mapping[str, object]) -> list[tuple[str, str]]:
        # Jinja marks a function passed the context (or eval context, or environment) with this attribute.
        return sorted((name, str(getattr(function, "jinja_pass_arg", None))) for name, function in functions.items())

    settings = (jinja2.__version__, environment.block_start_string, environment.block_end_string,
                environment.variable_start_string, environment.variable_end_string, environment.comment_start_string,
                environment.comment_end_string, environment.line_statement_prefix, environment.line_comment_prefix,
                environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
                environment.keep_trailing_newline, environment.optimized, environment.finalize is not None,
                environment.is_async, sorted(environment.extensions))
    text = repr((settings, passed(environment.filters), passed(environment.tests)))
    return hashlib.sha1(text.encode()).hexdigest()
