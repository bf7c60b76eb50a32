#!/usr/bin/env python3
"""The cable plan of the 1M-GPU sample as a workbook, opened and counted.

Usage: check-sample-workbook.py GIGAPLAN-CLI WORKDIR

The workbook opens (a valid zip whose members are intact), names its sheets links, links 2, ...,
totals and racks, no sheet holds more rows than Excel's 1,048,576, and its link rows add up to the
links of the figures. The sheets are read as streams: the sample has over five million links.
"""
import json
import os
import re
import subprocess
import sys
import zipfile

cli, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
project = os.path.join(work, "sample.gigaplan")
book_path = os.path.join(work, "sample-cables.xlsx")
subprocess.run([cli, "new", "--preset", "colossus-to-1m", "-o", project], check=True, capture_output=True)
subprocess.run([cli, "export", project, "--cables", book_path, "-q"], check=True)
outputs = json.loads(subprocess.run([cli, "evaluate", project, "--format", "json"], check=True,
                                    capture_output=True, text=True).stdout)["outputs"]
links = sum(outputs["network"][f"linksTier{t}"]["value"] for t in range(1, 5))


def count_rows(book, member):
    """Rows in a sheet, counted in the stream of its XML. Each chunk is read after the last four
    bytes of the one before, so that a tag split between two is found once (a whole tag is five)."""
    rows, tail = 0, b""
    with book.open(member) as sheet:
        while chunk := sheet.read(1 << 24):
            data = tail + chunk
            rows += data.count(b"<row ")
            tail = data[-4:]
    return rows


failures = []
with zipfile.ZipFile(book_path) as book:
    names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
    link_sheets = [n for n in names if n == "links" or re.fullmatch(r"links \d+", n)]
    if names != link_sheets + ["totals", "racks"]:
        failures.append(f"sheets {names}")
    counted = 0
    for index in range(1, len(link_sheets) + 1):
        rows = count_rows(book, f"xl/worksheets/sheet{index}.xml")
        if rows > 1_048_576:
            failures.append(f"sheet {index} has {rows} rows")
        counted += rows - 1  # less the header
    if counted != links:
        failures.append(f"the workbook has {counted} link rows, the figures {links} links")
os.remove(book_path)
for failure in failures:
    print("FAIL:", failure)
print(f"workbook of the sample: {len(link_sheets)} link sheets, {counted} links (figures: {links})")
sys.exit(1 if failures else 0)
