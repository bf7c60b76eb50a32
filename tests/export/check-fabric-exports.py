#!/usr/bin/env python3
"""The cable plan and the fabric simulators' topologies read back and held against the figures.

Usage: check-fabric-exports.py GIGAPLAN-CLI WORKDIR

- The 1M-GPU sample (three phases) as CSV: a row per link, ids 1..N, the links of each tier, the
  optical links' length (fibre km) and the totals file's modules all equal `evaluate`'s figures.
- A smaller preset as CSV and as XLSX: no port carries two links, no link joins a device to itself,
  and the workbook (read with zipfile) has the sheets links, totals and racks with a row per link.
- The sample for SimAI and ASTRA-sim: a file per fabric whose header counts match its own switch
  ids and link lines, ASTRA-sim's ns-3 topology the same as SimAI's, and together the figures'
  GPUs, switches and fabric links.
- Cancelled with Ctrl-C half way: exit 130, no file and no folder left.
- Bad input: a bad --cable-lengths and an output in a folder that does not exist exit 2 and write
  nothing.
"""
import csv
import json
import math
import os
import re
import shutil
import signal
import time
import subprocess
import sys
import zipfile

from export_checks import check, failures, figures_of

cli, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)

def run(*args, expect=0):
    result = subprocess.run([cli, *args], capture_output=True, text=True)
    check(result.returncode == expect,
          f"{' '.join(args)}: exit {result.returncode}, expected {expect}: {result.stderr.strip()[-400:]}")
    return result


def figures(source):
    return figures_of(cli, source)


OPTICAL = {"multimode", "single-mode DR", "single-mode FR"}


def read_links(path):
    """Links per tier, optical metres, the set of (device, port) ends, and the rows."""
    per_tier = [0, 0, 0, 0]
    optical_m = 0.0
    count = 0
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            count += 1
            if int(row["link_id"]) != count:
                check(False, f"{path}: link {count} has id {row['link_id']}")
            per_tier[int(row["tier"]) - 1] += 1
            if row["medium"] in OPTICAL:
                optical_m += float(row["length_m"])
            if len(failures) > 20:
                break
    return count, per_tier, optical_m


def totals_by_what(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def hold_against_figures(source, stem):
    out = run("export", source, "--cables", f"{work}/{stem}.csv", "-q").stdout
    count, per_tier, optical_m = read_links(f"{work}/{stem}.csv")
    fig = figures(source)
    expected = [fig[f"network.linksTier{t}"] for t in range(1, 5)]
    check(per_tier == expected, f"{stem}: links per tier {per_tier}, the figures {expected}")
    check(f": {count} links" in out, f"{stem}: the command reported '{out.strip()}' for {count} rows")
    # The same metres, added in another order: equal to the last few digits of a double.
    check(math.isclose(optical_m / 1000.0, fig["network.fiberKm"], rel_tol=1e-9),
          f"{stem}: optical links {optical_m / 1000.0} km, the figures {fig['network.fiberKm']} km")
    totals = totals_by_what(f"{work}/{stem}-totals.csv")
    modules = {row["medium"]: float(row["modules"]) for row in totals if row["what"].startswith("transceiver modules")}
    for medium, key in (("multimode", "network.transceiversMultimode"),
                        ("single-mode DR", "network.transceiversSinglemodeDr"),
                        ("single-mode FR", "network.transceiversSinglemodeFr")):
        check(modules.get(medium) == fig[key], f"{stem}: {medium} modules {modules.get(medium)}, the figures {fig[key]}")
    by_tier = {}
    for row in totals:
        if row["what"] == "by tier and medium":
            by_tier[int(row["tier"])] = by_tier.get(int(row["tier"]), 0) + float(row["links"])
    check([by_tier.get(t, 0) for t in range(1, 5)] == expected, f"{stem}: totals by tier {by_tier}, figures {expected}")
    racks = totals_by_what(f"{work}/{stem}-racks.csv")
    ends = sum(float(r["links_down"]) + float(r["links_up"]) for r in racks)
    check(ends == 2 * count, f"{stem}: racks list {ends} link ends for {count} links")
    return count, fig


# The bundled sample, every link.
sample = f"{work}/sample.gigaplan"
run("new", "--preset", "colossus-to-1m", "-o", sample)
sample_links, _ = hold_against_figures(sample, "sample-cables")
check(sample_links > 5_000_000, f"the 1M-GPU sample has {sample_links} links")
os.remove(f"{work}/sample-cables.csv")  # a gigabyte


def read_topology(path, simai):
    """SimAI's or ASTRA-sim's ns-3 topology: the header's counts, checked against the file's own
    switch ids and link lines. Returns (gpus, scale-up switches, switches, fabric links)."""
    with open(path) as f:
        header = f.readline().split()
        switch_ids = [int(x) for x in f.readline().split()]
        links = 0
        endpoints_ok = True
        for line in f:
            src, dst, bandwidth, delay, error = line.split()
            links += 1
            if not (bandwidth.endswith("Gbps") and delay.endswith("ms") and float(delay[:-2]) >= 0):
                endpoints_ok = False
    if simai:
        nodes, gpus_per_server, nvswitches, switches, link_count = (int(x) for x in header[:5])
    else:
        nodes, all_switches, link_count = (int(x) for x in header)
        nvswitches = None
        switches = all_switches
    check(endpoints_ok, f"{path}: a link line is not 'src dst NGbps Tms error'")
    check(links == link_count, f"{path}: {links} link lines, the header says {link_count}")
    check(len(set(switch_ids)) == len(switch_ids) == (nvswitches + switches if simai else switches),
          f"{path}: {len(switch_ids)} switch ids for {nvswitches} + {switches} switches")
    gpus = nodes - len(switch_ids)
    check(switch_ids == list(range(gpus, nodes)), f"{path}: switch ids are not the nodes after the GPUs")
    return gpus, len(switch_ids), links


run("export", sample, "--simai", f"{work}/simai.txt", "--astra-sim", f"{work}/astra", "-q")
fig = figures(sample)
fabric_files = sorted(f for f in os.listdir(work) if f.startswith("simai-fabric"))
check(len(fabric_files) == 3, f"the three-phase sample gives SimAI files {fabric_files}")
gpus = switches = links = 0
for index, name in enumerate(fabric_files, start=1):
    with open(f"{work}/{name}") as f:
        header = f.readline().split()
    fabric_gpus, switch_nodes, fabric_lines = read_topology(f"{work}/{name}", simai=True)
    nvswitches, fabric_switches = int(header[2]), int(header[3])
    ns3_gpus, ns3_switches, ns3_lines = read_topology(f"{work}/astra/fabric-{index}/topology.txt", simai=False)
    check((ns3_gpus, ns3_switches, ns3_lines) == (fabric_gpus, switch_nodes, fabric_lines),
          f"fabric {index}: ASTRA-sim's topology differs from SimAI's")
    with open(f"{work}/astra/fabric-{index}/network.yml") as f:
        yml = f.read()
    npus = [int(x) for x in re.search(r"npus_count: \[ *(\d+), *(\d+) *\]", yml).groups()]
    check(npus[0] * npus[1] >= fabric_gpus > npus[0] * (npus[1] - 1), f"fabric {index}: npus_count {npus}")
    check(int(header[1]) == npus[0], f"fabric {index}: GPUs per server {header[1]}, per domain {npus[0]}")
    gpus += fabric_gpus
    switches += fabric_switches
    links += fabric_lines - fabric_gpus  # less a scale-up link per GPU
check(gpus == fig["cluster.gpus"], f"simulators: {gpus} GPUs, the figures {fig['cluster.gpus']}")
check(switches == fig["network.switches"], f"simulators: {switches} switches, the figures {fig['network.switches']}")
check(links == sum(fig[f"network.linksTier{t}"] for t in range(1, 5)), f"simulators: {links} fabric links")

# A smaller build-out: ports, and the workbook.
small = "llama3-16k-h100"
small_links, fig = hold_against_figures(small, "small-cables")
ends = set()
with open(f"{work}/small-cables.csv", newline="") as f:
    for row in csv.DictReader(f):
        a = (row["a_device"], row["a_port"])
        z = (row["z_device"], row["z_port"])
        check(row["a_device"] != row["z_device"], f"link {row['link_id']} joins {row['a_device']} to itself")
        check(a not in ends and z not in ends, f"link {row['link_id']}: a port carries two links")
        ends.add(a)
        ends.add(z)
        if len(failures) > 20:
            break

run("export", small, "--cables", f"{work}/small-cables.xlsx", "-q")
with zipfile.ZipFile(f"{work}/small-cables.xlsx") as book:
    check(book.testzip() is None, "the workbook has a damaged member")
    names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
    check(names[0] == "links" and names[-2:] == ["totals", "racks"], f"workbook sheets {names}")
    link_sheets = [n for n in names if n.startswith("links")]
    rows = 0
    for index in range(1, len(link_sheets) + 1):
        sheet = book.read(f"xl/worksheets/sheet{index}.xml").decode()
        rows += sheet.count("<row ") - 1  # less the header
    check(rows == small_links, f"the workbook has {rows} link rows, the CSV {small_links}")
    first = book.read("xl/worksheets/sheet1.xml").decode()
    check('<c r="A2"' in first and 't="n"' not in first.split('<c r="A2"')[1][:20],
          "link ids are numbers in the workbook")
total_links = sum(fig[f"network.linksTier{t}"] for t in range(1, 5))
check(rows == total_links, f"the workbook's {rows} links, the figures {total_links}")

# Bad input: nothing written.
result = run("export", small, "--cables", f"{work}/bad.csv", "--cable-lengths", "1,two,3", expect=2)
check("--cable-lengths" in result.stderr and "two" in result.stderr, f"bad lengths: {result.stderr.strip()}")
shutil.rmtree(f"{work}/no", ignore_errors=True)
result = run("export", small, "--cables", f"{work}/no/such/folder/plan.csv", expect=2)
check("--cables" in result.stderr, f"missing folder: {result.stderr.strip()}")
for leftover in ("bad.csv", "bad-totals.csv", "bad-racks.csv"):
    check(not os.path.exists(f"{work}/{leftover}"), f"{leftover} was written")

# Cancelled half way (Ctrl-C): exit 130 and nothing written, not even the tables beside the links.
process = subprocess.Popen([cli, "export", sample, "--cables", f"{work}/cancelled.csv", "--netbox",
                            f"{work}/cancelled-netbox"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
for _ in range(600):  # until the links are being written
    time.sleep(0.05)
    if any(name.startswith(".cancelled.csv") or name.startswith("cancelled.csv.") for name in os.listdir(work)):
        break
process.send_signal(signal.SIGINT)
_, stderr = process.communicate()
check(process.returncode == 130, f"a cancelled export exits {process.returncode}: {stderr.strip()[-300:]}")
for leftover in ("cancelled.csv", "cancelled-totals.csv", "cancelled-racks.csv", "cancelled-netbox"):
    check(not os.path.exists(f"{work}/{leftover}"), f"the cancelled export left {leftover}")
check(not [n for n in os.listdir(work) if "cancelled" in n], f"the cancelled export left {os.listdir(work)}")

print(f"cable plans: sample {sample_links} links, {small} {small_links} links")
if failures:
    sys.exit(1)
