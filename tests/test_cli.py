from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.commands.cli import main
from tests.conftest import FIXTURES, SAMPLE_ARTICLE

SOURCE = FIXTURES / "sources" / "open-source-motor-fuer-ki-fortschritt.txt"


def test_import_writes_into_the_article_folder(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(sample=False)
    args = ["--config", str(root / "mkdocs.yml"), "import", str(SOURCE), "--date", "2025-03-04"]
    assert main(args) == 0
    target = root / "docs" / "articles" / SAMPLE_ARTICLE.name
    assert target.read_text(encoding="utf-8") == SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert f"wrote {target}" in capsys.readouterr().out

    assert main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_import_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["import", str(SOURCE), "--date", "4.3.2025"])
    assert info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_explain_shows_scores_and_winner(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    article = root / "docs" / "articles" / SAMPLE_ARTICLE.name
    assert main(["--config", str(root / "mkdocs.yml"), "explain", str(article)]) == 0
    out = capsys.readouterr().out
    assert f"{article}:25: DeepSeeks Einfluss: Den Status quo herausfordern" in out
    block = out.split(f"{article}:25:")[1].split("\n\n")[0]
    assert "-> deepseek-einfluss" in block
    assert "deepseek*" in block


def test_explain_quotes_gives_each_quote_its_own_line(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Interview answers in bold labels and repeated sentences: each quote at its line."""
    root = project()
    article = root / "docs" / "articles" / "2025-03-04-interview.md"
    article.write_text(
        "---\ntitle: Interview\ndate: 2025-03-04\nlang: en\n---\n\n"  # body from line 7
        "Ngozi Okafor runs Tessellate Robotics in Leeds.\n\n"
        "**Is Nvidia a threat?**\n\n"
        "**Okafor:** Not yet. We sell cameras that count boxes.\n\n"
        "“We will grow,” said Ruth Adeyemi.\n\n"
        "“We will grow,” said Ruth Adeyemi.\n",
        encoding="utf-8",
    )
    assert main(["--config", str(root / "mkdocs.yml"), "explain", str(article), "--quotes"]) == 0
    out = capsys.readouterr().out
    assert f"{article}:11: Ngozi Okafor · direct" in out
    assert f"{article}:13: Ruth Adeyemi · mixed" in out  # three words quoted: a fragment
    assert f"{article}:15: Ruth Adeyemi · mixed" in out


def test_explain_reports_errors_with_file_and_line(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    bad = root / "docs" / "articles" / "2025-01-01-x.md"
    bad.write_text("---\ntitle: X\ndate: 2025-01-01\n---\n## A\n<!-- theme: nope -->\n", encoding="utf-8")
    assert main(["--config", str(root / "mkdocs.yml"), "explain", str(bad)]) == 1
    assert f"error: {bad}:6: unknown theme `nope`" in capsys.readouterr().err


def test_export_writes_pages(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    out = tmp_path / "export"
    assert main(["--config", str(root / "mkdocs.yml"), "export", str(out)]) == 0
    exported = (out / "docs" / "themes" / "deepseek-einfluss.md").read_text(encoding="utf-8")
    assert exported.startswith("---\n")  # its front matter keeps it out of Pagefind
    assert "\n# DeepSeeks Einfluss\n" in exported
    assert not (root / "docs" / "themes").exists()


def test_missing_config_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(tmp_path / "mkdocs.yml"), "export", str(tmp_path)]) == 1
    assert "mkdocs.yml: not found" in capsys.readouterr().err


def test_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "import" in result.stdout and "explain" in result.stdout


def test_check_lists_new_names_and_fallback_sections(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "---\ntitle: Neu\ndate: 2025-05-01\n---\n\n"
        "## DeepSeek-Schock\n\nDer Nvidia-Gründer Jensen Huang sprach.\n\n"
        "## Wetter\n\nMorgen regnet es.\n"
    )
    root = project({"2025-05-01-neu.md": text})
    assert main(["--config", str(root / "mkdocs.yml"), "check"]) == 0
    out = capsys.readouterr().out
    article = root / "docs" / "articles" / "2025-05-01-neu.md"
    assert f"{article}:8: new person? Jensen Huang (Gründer, Nvidia) is not in the registry" in out
    assert "  - name: Jensen Huang\n    type: person\n    role: Gründer\n    affiliation: Nvidia\n" in out
    assert f"{article}:10: section „Wetter“ fell to the fallback theme `weitere-themen`" in out
    assert out.strip().endswith(
        "checked 2 articles, 10 registry entries and 4 themes: no errors, 2 advisories"
    )


def test_check_checks_drafts_too(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    drafts = root / "docs" / "articles" / "drafts"
    drafts.mkdir()
    (drafts / "2025-07-01-gut.md").write_text('---\ntitle: "Gut"\ndate: 2025-07-01\n---\n\nText.\n')
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as handle:
        handle.write("exclude_docs: |\n  drafts/\n")
    assert main(["--config", str(root / "mkdocs.yml"), "check", "--no-discovery"]) == 0
    assert "checked 1 articles and 1 drafts" in capsys.readouterr().out
    (drafts / "2025-07-02-kaputt.md").write_text("---\ndate: 2025-07-02\n---\n\n[kaputt](fehlt.md)\n")
    assert main(["--config", str(root / "mkdocs.yml"), "check", "--no-discovery"]) == 1
    assert "2025-07-02-kaputt.md" in capsys.readouterr().err


def test_check_fails_on_an_invalid_registry(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    registry = root / "config" / "entities.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("affiliation: Modulus", "affiliation: Modulos"),
        encoding="utf-8",
    )
    assert main(["--config", str(root / "mkdocs.yml"), "check"]) == 1
    err = capsys.readouterr().err
    assert f"error: {registry}:" in err and "affiliation `Modulos` is not in the registry" in err


def test_check_reports_short_names_two_people_could_mean(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(sample=False)
    registry = root / "config" / "entities.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "\n  - name: Anna Mensch\n    type: person\n", encoding="utf-8"
    )
    text = "---\ntitle: T\ndate: 2025-05-01\n---\n\n## Mistral AI\n\nArthur Mensch und Anna Mensch.\n"
    text += "Mensch sagte: ja.\n"
    root_article = root / "docs" / "articles" / "2025-05-01-t.md"
    root_article.write_text(text, encoding="utf-8")
    assert main(["--config", str(root / "mkdocs.yml"), "check", "--no-discovery"]) == 0
    out = capsys.readouterr().out
    assert (
        f"{root_article}:9: „Mensch“ could mean Anna Mensch or Arthur Mensch; it links to Anna Mensch" in out
    )


def test_check_lists_quotes_without_a_speaker(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = "---\ntitle: T\ndate: 2025-05-01\n---\n\n## DeepSeek\n\n"
    text += "Arthur Mensch traf Yann LeCun. Er sagte, dass DeepSeek gewinnt.\n\n"
    text += "Beobachter bezweifeln, dass DeepSeek verliert.\n"
    root = project({"2025-05-01-t.md": text}, sample=False)
    assert main(["--config", str(root / "mkdocs.yml"), "check", "--no-discovery"]) == 0
    out = capsys.readouterr().out
    assert "2025-05-01-t.md:8: quote without a sure speaker (verb „sagen“, source „Er“: pronoun: " in out
    assert "<!-- zitat: „DeepSeek gewinnt.“ = Name -->" in out
    assert "DeepSeek verliert" not in out  # an unnamed source is fine


def test_check_proposes_speakers_and_reports_stale_quote_markup(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "---\ntitle: Neu\ndate: 2025-05-01\n---\n\n"
        "## Gesetz\n\n„Wir legen im Herbst vor“, sagte Bundesdigitalminister Karsten Wildberger.\n\n"
        "Gemäß der EU-Datenschutz-Grundverordnung gilt das auch für Hugging Face.\n\n"
        "<!-- zitat: „Diese Worte stehen nirgends“ = Arthur Mensch -->\n"
    )
    root = project({"2025-05-01-neu.md": text})
    assert main(["--config", str(root / "mkdocs.yml"), "check"]) == 0
    out = capsys.readouterr().out
    article = root / "docs" / "articles" / "2025-05-01-neu.md"
    assert "new person? Karsten Wildberger (Bundesdigitalminister) is not in the registry" in out
    assert "  - name: Karsten Wildberger\n    type: person\n    role: Bundesdigitalminister\n" in out
    assert "Gemäß" not in out.split("fell to the fallback")[0]  # no person "Gemäß der …"
    assert f"{article}:12: the quote markup names „Diese Worte stehen nirgends“" in out


def test_explain_quotes_prints_speaker_kind_and_evidence(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    article = root / "docs" / "articles" / SAMPLE_ARTICLE.name
    assert main(["--config", str(root / "mkdocs.yml"), "explain", str(article), "--quotes"]) == 0
    out = capsys.readouterr().out
    assert f"{article}:13: Arthur Mensch · indirect" in out
    assert "evidence: verb „erklären“, source „Mensch“: named" in out
    assert "hob dieses transformative Potenzial" not in out
