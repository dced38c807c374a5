"""Benchmark: rendering Nagaoka's publication files, beside LibreOffice printing the whole-form Excel to PDF.

Run with `make bench` (which installs LibreOffice when soffice is missing); `make test` skips it.
Figures are printed, not asserted. The PDF's budget is the baseline measured in the same run:
LibreOffice (`soffice --convert-to pdf`, its second run) printing the whole-form XLSX of the same
version, the way a municipality prints its form from Excel today.

Times are medians measured in this process: warm renderers and process pool, as in a task worker;
"cold cache" is a fresh empty chunk cache, "after 第7版" a cache holding 第7版's chunks, as when
第8版 is published. Peak memory is measured in a fresh child process per render, since a process's
peak never goes down: the PublishedData (and the chunk cache) is pickled to a file and a child
Python loads it and renders. The renderers read the form's definition (its walkers print from it),
which reads Django's settings: the child sets Django up, and checks that it opened no database
connection (a render reads only its PublishedData). Its peak is
its VmHWM; with a process pool, plus the VmHWM of the forkserver and each worker: RSS summed over
forked processes counts their shared pages more than once, so that sum is an upper bound.
LibreOffice's peak is that of the largest process it ran (soffice.bin), from RUSAGE_CHILDREN.
"""

from __future__ import annotations

import io
import json
import logging
import os
import pickle
import shutil
import statistics
import subprocess  # noqa: S404 - fixed command lines
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from exports.artifact_data import PublishedData, published_data
from exports.pdf.document import MemoryChunkCache, chunk_key, publication_pdf
from exports.pdf.form_html import form_chunks
from exports.xlsx.annex import annex_workbook
from exports.xlsx.form import form_workbook
from exports.xml.document import publication_xml
from pia.models import Publication
from tests.nagaoka import NAGAOKA_VERSIONS, NagaokaTestCase

PDF_REPEAT = 3
FAST_REPEAT = 5
SOFFICE_TIMEOUT_S = 600

# The child: load the pickled input, render once, print its peak memory (VmHWM: ru_maxrss of a child
# keeps the peak of the parent it was forked from). It sets Django up (the definitions read its settings)
# and reports whether the render opened a database connection.
CHILD = r"""
import json, os, pickle, sys
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
import django

django.setup()


def peak_kb(pid="self"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


kind, data_path, cache_path, workers = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
data = pickle.loads(data_path.read_bytes())
others = []
if kind == "pdf":
    import multiprocessing.forkserver
    import exports.pdf.document
    import exports.pdf.weasy

    cache = exports.pdf.document.MemoryChunkCache()
    if cache_path:
        cache.entries = pickle.loads(Path(cache_path).read_bytes())
    exports.pdf.document.publication_pdf(data, cache=cache, workers=workers)
    if exports.pdf.weasy._pool is not None:
        server = multiprocessing.forkserver._forkserver._forkserver_pid
        others = [peak_kb(pid) for pid in [server, *exports.pdf.weasy._pool._processes]]
elif kind == "xlsx-form":
    from exports.xlsx.form import form_workbook

    form_workbook(data)
elif kind == "xlsx-annex":
    from exports.xlsx.annex import annex_workbook

    annex_workbook(data.annex, title=data.title, organization=data.organization)
elif kind == "xml":
    from exports.xml.document import publication_xml

    publication_xml(data)
from django.db import connections

opened = sorted(connection.alias for connection in connections.all() if connection.connection is not None)
print(json.dumps({"self_kb": peak_kb(), "others_kb": others, "connections": opened}))
"""

# Runs a command and prints the peak RSS (kB) of the largest process it ran, waited for.
PEAK_OF_COMMAND = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def median_s(action: Callable[[], object], repeat: int, *, warm: bool = True) -> float:
    if warm:
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def megabytes(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


class Memory:
    """Peak memory of one render in a fresh child process."""

    def __init__(self, folder: Path, data: PublishedData, cache_entries: dict[str, bytes]) -> None:
        self.folder = folder
        self.data_path = folder / "data.pickle"
        self.data_path.write_bytes(pickle.dumps(data))
        self.cache_path = folder / "cache.pickle"
        self.cache_path.write_bytes(pickle.dumps(cache_entries))
        self.notes: list[str] = []

    def peak(self, kind: str, *, workers: int = 1, cached: bool = False) -> str:
        args = [kind, str(self.data_path), str(self.cache_path) if cached else "", str(workers)]
        environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", CHILD, *args],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        report = json.loads(done.stdout.strip().splitlines()[-1])
        if report["connections"]:
            raise AssertionError(f"{kind} opened a database connection in the child: {report['connections']}")
        if not report["others_kb"]:
            return megabytes(report["self_kb"])
        total = report["self_kb"] + sum(report["others_kb"])
        parts = " + ".join(megabytes(kb) for kb in report["others_kb"])
        case = f"PDF, {workers} workers{', after 第7版' if cached else ', cold cache'}"
        self.notes.append(f"{case}: main {megabytes(report['self_kb'])} + forkserver and workers {parts}")
        return f"≤{megabytes(total)}"


class LibreOffice:
    """`soffice --convert-to pdf` of one file, with a fresh profile in a temporary folder."""

    def __init__(self, folder: Path, source: Path) -> None:
        self.folder = folder
        self.source = source
        self.command = shutil.which("soffice")

    def convert(self) -> tuple[float, int, int]:
        """Seconds, peak kB and pages of one conversion (its own process, as LibreOffice runs)."""
        assert self.command is not None
        output = self.folder / "out"
        output.mkdir(exist_ok=True)
        command = [
            self.command,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{self.folder / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(output),
            str(self.source),
        ]
        start = time.perf_counter()
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", PEAK_OF_COMMAND, *command],
            capture_output=True,
            text=True,
            check=True,
            timeout=SOFFICE_TIMEOUT_S,
        )
        seconds = time.perf_counter() - start
        code, peak = (int(part) for part in done.stdout.split())
        pdf = output / f"{self.source.stem}.pdf"
        if code != 0 or not pdf.exists():
            raise RuntimeError(f"soffice failed (exit {code})")
        pages = len(PdfReader(pdf).pages)
        pdf.unlink()
        return seconds, peak, pages


def parallel_speedup() -> float:
    """How much faster this machine runs two CPU-bound processes side by side than one after the other."""
    command = [sys.executable, "-c", "s = 0\nfor i in range(15_000_000): s += i * i"]
    start = time.perf_counter()
    subprocess.run(command, check=True)  # noqa: S603
    one = time.perf_counter() - start
    start = time.perf_counter()
    running = [subprocess.Popen(command) for _ in range(2)]  # noqa: S603
    for process in running:
        process.wait()
    return 2 * one / (time.perf_counter() - start)


def padded(text: str, width: int) -> str:
    """*text* padded to *width* terminal columns (a full-width character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(width - columns, 0)


@pytest.mark.bench
class ArtifactsBenchmark(NagaokaTestCase):
    def test_publication_files_beside_libreoffice(self):
        latest = Publication.objects.get(page=self.assessment, version=NAGAOKA_VERSIONS)
        previous = Publication.objects.get(page=self.assessment, version=NAGAOKA_VERSIONS - 1)
        v8, v7 = published_data(latest), published_data(previous)
        label, previous_label = f"第{v8.version}版", f"第{v7.version}版"
        pdf_logger = logging.getLogger("exports.pdf.document")
        self.addCleanup(pdf_logger.setLevel, pdf_logger.level)
        pdf_logger.setLevel(logging.WARNING)  # "PDF chunks: n rendered, m reused" on every render

        # The previous publication's chunks, as the chunk cache holds them when v8 is published.
        v7_cache = MemoryChunkCache()
        start = time.perf_counter()
        publication_pdf(v7, cache=v7_cache, workers=1)
        v7_cold_s = time.perf_counter() - start
        chunks = form_chunks(v8)
        unchanged = sum(chunk_key(chunk) in v7_cache.entries for chunk in chunks)

        def cold(workers: int) -> bytes:
            return publication_pdf(v8, cache=MemoryChunkCache(), workers=workers)

        def after_v7(workers: int) -> bytes:
            cache = MemoryChunkCache()
            cache.entries = dict(v7_cache.entries)
            return publication_pdf(v8, cache=cache, workers=workers)

        pages = len(PdfReader(io.BytesIO(cold(1))).pages)  # also warms the process for the next line
        pdf_s = {
            "cold1": median_s(lambda: cold(1), PDF_REPEAT, warm=False),
            "cold2": median_s(lambda: cold(2), PDF_REPEAT),  # the warm-up starts the process pool
            "after1": median_s(lambda: after_v7(1), PDF_REPEAT),
            "after2": median_s(lambda: after_v7(2), PDF_REPEAT),
        }
        workbook = form_workbook(v8)
        fast_s = {
            "xlsx-form": median_s(lambda: form_workbook(v8), FAST_REPEAT),
            "xlsx-annex": median_s(
                lambda: annex_workbook(v8.annex, title=v8.title, organization=v8.organization), FAST_REPEAT
            ),
            "xml": median_s(lambda: publication_xml(v8), FAST_REPEAT),
        }
        speedup = parallel_speedup()

        with tempfile.TemporaryDirectory(prefix="pia-bench-") as name:
            folder = Path(name)
            memory = Memory(folder, v8, v7_cache.entries)
            source = folder / f"nagaoka-v{v8.version}-form.xlsx"
            source.write_bytes(workbook)
            office = LibreOffice(folder, source)
            office_runs = [office.convert(), office.convert()] if office.command else []
            after = f"PDF {label} after {previous_label}"
            rows = [
                (f"PDF {label}, cold cache, 1 worker ({pages} pages)", pdf_s["cold1"], memory.peak("pdf")),
                (f"PDF {label}, cold cache, 2 workers", pdf_s["cold2"], memory.peak("pdf", workers=2)),
                (
                    f"{after}, 1 worker ({unchanged} of {len(chunks)} chunks reused)",
                    pdf_s["after1"],
                    memory.peak("pdf", cached=True),
                ),
                (f"{after}, 2 workers", pdf_s["after2"], memory.peak("pdf", workers=2, cached=True)),
                (f"PDF {previous_label}, cold cache, 1 worker (one run: fills the cache)", v7_cold_s, ""),
                ("whole-form XLSX", fast_s["xlsx-form"], memory.peak("xlsx-form")),
                (f"annex XLSX ({len(v8.annex)} rows)", fast_s["xlsx-annex"], memory.peak("xlsx-annex")),
                ("XML", fast_s["xml"], memory.peak("xml")),
                ("baseline: child process with the data loaded, no render", None, memory.peak("none")),
            ]
            runs = ("first run, new profile", "second run")
            for run, (seconds, peak, office_pages) in zip(runs, office_runs, strict=False):
                rows.append((f"baseline: LibreOffice XLSX→PDF, {run} ({office_pages} pages)", seconds, megabytes(peak)))

        print()
        print(f"Nagaoka {label}: publication files, medians of {PDF_REPEAT} (PDF) and {FAST_REPEAT} (others)")
        print(f"{padded('benchmark', 76)}{'median s':>10}{'peak RSS':>12}")
        for name, seconds, peak in rows:
            print(f"{padded(name, 76)}{'' if seconds is None else f'{seconds:.2f}':>10}{peak:>12}")
        for note in memory.notes:
            print(f"  peak RSS, {note}")
        print(f"baseline: 2 CPU-bound processes side by side run {speedup:.2f}× as fast as one after the other here")
        if not office_runs:
            print("baseline: LibreOffice (soffice) is not installed: the baseline could not be measured")
            print("verdict: no baseline (`make bench` installs libreoffice-calc-nogui)")
        else:
            budget = office_runs[1][0]
            for case, seconds in (
                (f"publishing after {previous_label}, 2 workers", pdf_s["after2"]),
                ("cold cache, 2 workers", pdf_s["cold2"]),
            ):
                verdict = "within" if seconds <= budget else "OVER"
                print(
                    f"verdict: PDF {label} {case}: {seconds:.2f} s vs LibreOffice {budget:.2f} s "
                    f"(second run): {verdict} budget ({seconds / budget:.2f}×)"
                )
        self.assertGreater(pages, 1)
