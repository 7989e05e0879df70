"""Everything in the engine that exists only for speed, behind one switch.

- background.py: a full build's page processes, making the generated pages beside MkDocs;
- fork_gate.py: the one rule for when a fork is safe (`may_fork`);
- parse_pool.py: a large data folder parsed in worker processes;
- incremental.py: what a `mkdocs serve --dirty` rebuild renders again, and its pages kept on disk;
- template_cache.py: templates compiled once per process, and kept on disk between processes;
- shared_partials.py: the theme's parts that are not a page's own (tabs, navigation, search box, footer…) rendered once per folder of record pages;
- heap.py: the garbage collector kept out of the way of long-lived objects, and a finished build's process ended at once;
- link_brackets.py: a Markdown extension finding a link's text by reading the link, not the whole paragraph;
- speed.py: `Speed`, all of the above for one process, owned by the plugin's session;
- checking.py: what `python -m macros check` uses of it.

The switch: the dossier plugin's `fast` setting (mkdocs.yml: `fast: !ENV [DOSSIER_FAST, true]`).
`DOSSIER_FAST=false mkdocs build` builds without any of it, and MkDocs converts the record pages as it
does hand-written ones: the site is byte for byte the same (tests/engine/test_speed_switch.py,
tests/dossier/test_speed_switch.py). Nothing below this folder imports it: the lower floors are handed
what they use (a parse function, a bytecode cache, caches), typed by their own protocols.
"""
