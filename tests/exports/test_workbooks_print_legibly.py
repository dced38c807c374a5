"""Both workbooks print legibly on A4, checked with LibreOffice as a municipal PC would print them.

LibreOffice (Debian's libreoffice-calc-nogui) renders the whole-form workbook and the annex
workbook to PDF and their first pages to PNG, with ＭＳ 明朝 and ＭＳ ゴシック mapped to IPAex
(tests/exports/libreoffice-fonts.conf) and Calibri, the workbooks' default font that sets Excel's
column unit, to its metric twin Carlito. The text must print at 9pt or more, and each row must be
as tall as the text LibreOffice wraps into it needs (its optimal height), and not much taller.
Skipped where LibreOffice, its Python bridge or Carlito is missing (`make bench` installs them).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import statistics
import subprocess  # noqa: S404 - fixed command lines
import tempfile
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.artifact_data import AnnexLine, published_data
from exports.xlsx.annex import annex_workbook
from exports.xlsx.form import form_workbook
from pia.models import Publication
from tests.personas import VERSIONS, PersonaTestCase
from tests.reference import reference_values

HERE = Path(__file__).parent
FONTS = HERE / "libreoffice-fonts.conf"
SYSTEM_PYTHON = "/usr/bin/python3"
A4_POINTS = (595.28, 841.89)


def _missing() -> str | None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        return "LibreOffice (soffice) or poppler-utils is not installed"
    if subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False).returncode:  # noqa: S603
        return "LibreOffice's Python bridge (python3-uno) is not installed"
    calibri = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True, check=False).stdout  # noqa: S607
    if "Carlito" not in calibri:
        return "Carlito (fonts-crosextra-carlito), the metric twin of Calibri, is not installed"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def _environment() -> dict[str, str]:
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS)}


def render(workbook: bytes, folder: Path, name: str) -> Path:
    """The workbook printed to PDF by LibreOffice, and its first page as PNG beside it."""
    source = folder / f"{name}.xlsx"
    source.write_bytes(workbook)
    subprocess.run(  # noqa: S603
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder / 'profile'}"]  # noqa: S607
        + ["--convert-to", "pdf", "--outdir", str(folder), str(source)],
        env=_environment(),
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / f"{name}.pdf"
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(folder / name)],  # noqa: S607
        check=True,
    )
    return pdf


def printed_size(pdf: Path) -> float:
    """The size the text prints at, in points: the advance of a full-width character, taken from
    poppler's boxes of words made only of them (the median over the document)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    sizes = [
        (float(x_max) - float(x_min)) / len(word)
        for x_min, x_max, word in re.findall(
            r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', boxes
        )
        if len(word) >= 5 and all(unicodedata.east_asian_width(char) == "W" for char in word)
    ]
    return statistics.median(sizes)


def row_heights(workbook: Path) -> list[tuple[str, int, float, float]]:
    """(sheet, row, stored height, height LibreOffice needs) for every row up to the last used."""
    out = subprocess.run(  # noqa: S603
        [SYSTEM_PYTHON, str(HERE / "libreoffice_row_heights.py"), str(workbook)],
        env=_environment(),
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    ).stdout
    return [
        (sheet, int(row), stored, needed) for sheet, rows in json.loads(out).items() for row, stored, needed in rows
    ]


def seed_annex_lines() -> list[AnnexLine]:
    return [
        AnnexLine(
            henko_bi=dt.date.fromisoformat(row["henko_bi_iso"]),
            komoku=" ".join(row["komoku"]),
            henko_mae=row["henko_mae"] or "",
            henko_go=row["henko_go"] or "",
            teishutsu_jiki=row["teishutsu_jiki"],
            is_significant=row["is_significant"],
            setsumei=row["teishutsu_jiki_setsumei"],
        )
        for row in reference_values()["betten2"]
    ]


class WorkbooksPrintLegiblyTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        data = published_data(Publication.objects.get(page=cls.assessment, version=VERSIONS))
        cls.folder = Path(tempfile.mkdtemp(prefix="pia-workbooks-"))
        cls.books = {
            "form": form_workbook(data),
            # 別添２ with rows as bodies write them: Nagaoka's 90 published rows from the research seed.
            "annex": annex_workbook(seed_annex_lines(), title=data.title, organization=data.organization),
        }
        cls.pdfs = {name: render(book, cls.folder, name) for name, book in cls.books.items()}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    def test_they_print_on_a4_at_nine_points_or_more(self):
        for name, pdf in self.pdfs.items():
            with self.subTest(workbook=name):
                reader = PdfReader(io.BytesIO(pdf.read_bytes()))
                page = reader.pages[0]
                self.assertAlmostEqual(float(page.mediabox.width), A4_POINTS[name == "annex"], delta=1)
                self.assertGreaterEqual(printed_size(pdf), 9.0)
                self.assertTrue((self.folder / f"{name}.png").stat().st_size > 1000)

    def test_every_row_is_as_tall_as_its_text_needs_and_not_much_taller(self):
        for name in self.books:
            with self.subTest(workbook=name):
                rows = [row for row in row_heights(self.folder / f"{name}.xlsx") if row[3] > 0]
                short = [row for row in rows if row[2] < row[3] - 0.5]
                self.assertEqual(short, [], "rows too short: LibreOffice would hide a line")
                ratios = [stored / needed for _sheet, _row, stored, needed in rows]
                within = sum(ratio <= 1.2 for ratio in ratios) / len(ratios)
                print(f"\n{name}: {len(rows)} rows, {within:.0%} within 20% of what LibreOffice needs")
                self.assertGreaterEqual(within, 0.8)
                total = sum(row[2] for row in rows) / sum(row[3] for row in rows)
                self.assertLessEqual(total, 1.2)
