"""The row heights a workbook stores, beside the heights LibreOffice needs for their text.

Run with the system Python, which has LibreOffice's UNO bridge (Debian's python3-uno), not the
project's virtualenv: ``/usr/bin/python3 libreoffice_row_heights.py book.xlsx`` prints JSON,
``{sheet: [[row, stored_pt, needed_pt], ...]}``, where *needed* is LibreOffice's optimal height
for the row's text as it wraps in its columns with the fonts fontconfig gives it (run it with
FONTCONFIG_FILE=tests/exports/libreoffice-fonts.conf for ＭＳ 明朝 as IPAex). It starts its own
headless LibreOffice with a throwaway profile and stops it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess  # noqa: S404 - fixed command line
import sys
import tempfile
import time
import uuid

import uno  # Debian's python3-uno
from com.sun.star.beans import PropertyValue

HUNDREDTH_MM_TO_PT = 72 / 2540


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not start")


def heights(path: str) -> dict[str, list[list[float]]]:
    pipe = f"pia-{uuid.uuid4().hex}"
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    office = subprocess.Popen(  # noqa: S603
        ["soffice", "--headless", "--invisible", "--norestore", f"-env:UserInstallation=file://{profile}"]  # noqa: S607
        + [f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        context = _connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
        result = {}
        for sheet in document.Sheets:
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            count = cursor.RangeAddress.EndRow + 1
            stored = [sheet.Rows.getByIndex(row).Height for row in range(count)]
            sheet.Rows.OptimalHeight = True
            needed = [sheet.Rows.getByIndex(row).Height for row in range(count)]
            result[sheet.Name] = [
                [row + 1, a * HUNDREDTH_MM_TO_PT, b * HUNDREDTH_MM_TO_PT]
                for row, (a, b) in enumerate(zip(stored, needed, strict=True))
            ]
        document.close(True)
        return result
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):  # the bridge drops when the office exits
                desktop.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(heights(sys.argv[1]), ensure_ascii=False))
