"""The one exception type of the package, raised for bad input."""

from __future__ import annotations

from pathlib import Path


class GeneratorError(Exception):
    """Bad input that the person who wrote it must fix.

    The message always names the file (and the line where there is one) and
    says what to do, so it can be printed as it is by the CLI and the plugin.
    """

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        """Picklable (keyword arguments): an error found in a worker process reaches the parent."""
        return (_rebuilt, (self.message, self.path, self.line))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        location = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{location}: {self.message}"


def _rebuilt(message: str, path: Path | None, line: int | None) -> GeneratorError:
    return GeneratorError(message, path=path, line=line)


def read_text_file(path: Path, *, if_missing: str) -> str:
    """A UTF-8 text file (a BOM is fine); a missing or undecodable file is a `GeneratorError`
    that says what to do (`if_missing` for a missing one)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GeneratorError(f"file not found. {if_missing}", path=path) from None
    except IsADirectoryError:
        raise GeneratorError("this is a folder, not a text file. Name the files in it.", path=path) from None
    except OSError as exc:
        raise GeneratorError(f"cannot read the file: {exc.strerror}.", path=path) from None
    except UnicodeDecodeError as exc:
        raise GeneratorError(
            f"not valid UTF-8 (byte {exc.start}). Save the file as UTF-8.", path=path
        ) from None
