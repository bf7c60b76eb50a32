#!/usr/bin/env python3
"""The NetBox bulk import of the 1M-GPU sample read back.

Usage: check-netbox.py GIGAPLAN-CLI WORKDIR

- Every device type YAML is valid against the device-type library's schema (written from its
  documentation: netbox-device-type.schema.json), run by python3-jsonschema; its interfaces are
  unique and cover every interface a cable names.
- The CSV files refer to each other as NetBox resolves them: locations to the site and their parent
  building, racks to halls, devices to racks (inside the rack's units, no two on one unit; a
  rack-scale system's trays in its bays), roles and device types that exist; cables to devices that exist, no interface twice, one cable per link of the
  figures.
"""
import csv
import json
import os
import subprocess
import sys

import jsonschema
import yaml

from export_checks import check, failures, figures_of

cli, work = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(work, exist_ok=True)

def rows(name):
    with open(os.path.join(work, "netbox", name), newline="") as f:
        return list(csv.DictReader(f))


project = os.path.join(work, "sample.gigaplan")
subprocess.run([cli, "new", "--preset", "colossus-to-1m", "-o", project], check=True, capture_output=True)
result = subprocess.run([cli, "export", project, "--netbox", os.path.join(work, "netbox"), "-q"],
                        capture_output=True, text=True)
check(result.returncode == 0, f"export --netbox: {result.stderr}")
figure = figures_of(cli, project)

with open(os.path.join(here, "netbox-device-type.schema.json")) as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
types = {}
type_dir = os.path.join(work, "netbox", "device-types")
for maker in sorted(os.listdir(type_dir)):
    for name in sorted(os.listdir(os.path.join(type_dir, maker))):
        with open(os.path.join(type_dir, maker, name)) as f:
            document = yaml.safe_load(f)
        errors = sorted(validator.iter_errors(document), key=str)
        check(not errors, f"{maker}/{name}: {[e.message for e in errors][:3]}")
        check(document["manufacturer"] == maker and name == document["slug"] + ".yaml",
              f"{maker}/{name}: not filed under its manufacturer and slug")
        interfaces = [i["name"] for i in document.get("interfaces", [])]
        check(len(set(interfaces)) == len(interfaces), f"{name}: an interface named twice")
        types[(document["manufacturer"], document["model"])] = (document, set(interfaces))
check(len(types) >= 3, f"device types {sorted(types)}")
check(any(d.get("subdevice_role") == "parent" and d.get("device-bays") for d, _ in types.values()),
      "no rack-scale system (NVL72) among the device types")
# A document the schema must refuse: the check can fail.
check(not validator.is_valid({"manufacturer": "X", "model": "Y", "slug": "Not A Slug", "u_height": 1.25}),
      "the schema accepts a bad slug, a quarter unit and no is_full_depth")

makers = {r["name"] for r in rows("manufacturers.csv")}
roles = {r["name"] for r in rows("device-roles.csv")}
sites = {r["name"] for r in rows("sites.csv")}
check(all(maker in makers for maker, _ in types), "a device type's manufacturer is not in manufacturers.csv")
locations = rows("locations.csv")
names = {r["name"] for r in locations}
check(all(r["site"] in sites and (not r["parent"] or r["parent"] in names) for r in locations),
      "a location names a site or parent that does not exist")
racks = {r["name"]: r for r in rows("racks.csv")}
check(all(r["location"] in names and r["site"] in sites for r in racks.values()), "a rack's location does not exist")
check(len(racks) == sum(1 for _ in racks), "racks named twice")
devices = {}
used_units = set()
for r in rows("devices.csv"):
    check(r["name"] not in devices, f"device {r['name']} twice")
    devices[r["name"]] = r
    key = (r["manufacturer"], r["device_type"])
    if not check(key in types and r["role"] in roles and r["rack"] in racks, f"device {r['name']}: unknown {key}"):
        break
    if r["parent"]:  # a tray in its rack-scale system's bay
        parent = devices.get(r["parent"])
        check(parent is not None and parent["rack"] == r["rack"], f"device {r['name']}: no parent {r['parent']} in its rack")
        if parent:
            bays = {b["name"] for b in types[(parent["manufacturer"], parent["device_type"])][0].get("device-bays", [])}
            check(r["device_bay"] in bays, f"device {r['name']}: its parent has no bay {r['device_bay']}")
            check((r["parent"], r["device_bay"]) not in used_units, f"device {r['name']}: its bay is taken")
            used_units.add((r["parent"], r["device_bay"]))
            check(types[key][0].get("subdevice_role") == "child", f"device {r['name']}: its type is not a child")
        continue
    height = types[key][0]["u_height"]
    position = int(r["position"])
    check(1 <= position and position + height - 1 <= int(racks[r["rack"]]["u_height"]),
          f"device {r['name']} outside its rack")
    for unit in range(position, position + int(height)):
        check((r["rack"], unit) not in used_units, f"device {r['name']} on a taken unit")
        used_units.add((r["rack"], unit))
    if len(failures) > 20:
        break

ends = set()
cables = 0
with open(os.path.join(work, "netbox", "cables.csv"), newline="") as f:
    for r in csv.DictReader(f):
        cables += 1
        for side in ("a", "b"):
            device = devices.get(r[f"side_{side}_device"])
            if not check(device is not None, f"cable {r['label']}: no device {r[f'side_{side}_device']}"):
                break
            interface = r[f"side_{side}_name"]
            check(interface in types[(device["manufacturer"], device["device_type"])][1],
                  f"cable {r['label']}: {device['name']} has no interface {interface}")
            end = (device["name"], interface)
            check(end not in ends, f"cable {r['label']}: {end} cabled twice")
            ends.add(end)
        if len(failures) > 20:
            break
links = sum(figure[f"network.linksTier{t}"] for t in range(1, 5))
check(cables == links, f"{cables} cables, the figures {links} links")
print(f"NetBox: {len(types)} device types, {len(racks)} racks, {len(devices)} devices, {cables} cables")
sys.exit(1 if failures else 0)
