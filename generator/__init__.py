"""A static knowledge-site generator: articles in, themed and cross-linked pages out.

The package core (everything but `plugin`) knows nothing of MkDocs: it reads the
articles and the configuration and returns generated Markdown pages. The MkDocs
plugin and the `export` command are two thin adapters over the same core.
"""

from __future__ import annotations

__version__ = "0.1.0"
