"""Per-article cache: an article's analysis is reused while its file, the theme file, the
registry and the generator's code are unchanged, so `mkdocs serve` after editing one article
re-analyses only that article."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from functools import cache
from pathlib import Path

from generator.errors import GeneratorError
from generator.model import Article

VERSION = b"1"


@cache
def code_fingerprint() -> bytes:
    """Changes whenever the generator's code or word lists change."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(VERSION)
    for path in sorted([*package.rglob("*.py"), *package.glob("data/*.yml")]):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.digest()


class ArticleCache:
    """Analysed articles on disk, keyed by everything their analysis depends on."""

    def __init__(
        self, folder: Path, inputs: list[Path], extra: str = "", memory: dict[str, Article] | None = None
    ):
        """`inputs` are files every analysis depends on, `extra` the settings it depends on.

        `memory`, kept by the caller from build to build (`mkdocs serve`), holds the analyses of
        the last build, so that they need not be read from disk again."""
        self.folder = folder
        self.memory = memory
        salt = hashlib.sha256(code_fingerprint() + extra.encode())
        for path in inputs:
            salt.update(path.read_bytes())
        self.salt = salt.digest()
        self.used: set[str] = set()
        self.hits = 0

    def key(self, article: Article) -> str:
        return self.file_key(article.path, article.source_uri)

    def file_key(self, path: Path, source_uri: str) -> str:
        digest = hashlib.sha256(self.salt)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise GeneratorError(f"cannot read the file: {exc.strerror}.", path=path) from None
        digest.update(source_uri.encode() + b"\0" + content)
        return digest.hexdigest()

    def get_file(self, path: Path, source_uri: str) -> Article | None:
        """The analysis of the article file at `path`, if its bytes were analysed before: the
        file need not even be parsed (it was valid then, with the same code)."""
        key = self.file_key(path, source_uri)
        self.used.add(key)
        cached = self.memory.get(key) if self.memory is not None else None
        if cached is None:
            try:
                cached = pickle.loads((self.folder / f"{key}.pickle").read_bytes())
            except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
                return None
            if not isinstance(cached, Article):
                return None
            if self.memory is not None:
                self.memory[key] = cached
        self.hits += 1
        return cached if cached.path == path else dataclasses.replace(cached, path=path)

    def put(self, original: Article, analysed: Article) -> None:
        key = self.key(original)
        if self.memory is not None:
            self.memory[key] = analysed
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"{key}.tmp"
            temporary.write_bytes(pickle.dumps(analysed, protocol=pickle.HIGHEST_PROTOCOL))
            temporary.replace(self.folder / f"{key}.pickle")
        except OSError as exc:
            raise GeneratorError(
                f"cannot write the cache of analysed articles: {exc.strerror}. Remove what is in "
                "the way, or set `cache: false` under the knowledge plugin in mkdocs.yml.",
                path=self.folder,
            ) from None

    def prune(self) -> None:
        """Forget the analyses of articles that changed or are gone."""
        if self.memory is not None:
            for key in [key for key in self.memory if key not in self.used]:
                del self.memory[key]
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
