#!/usr/bin/env python3
"""Compares a variance-reduced ensemble with a plain one (both `knudsen run --replicas R`, merged):
   python3 tools/vr-compare.py PLAIN_DIR VR_DIR T_MAX [PLAIN_WALL_S VR_WALL_S]
Per species: the largest |reduced - plain| / combined replica SE over the output times, the largest
|reduced - exact linear| / reduced replica SE, and the mean replica SE of plain and reduced over t <= T_MAX
with their ratio (at equal particle count; at equal wall time the ratio times sqrt(VR_WALL/PLAIN_WALL))."""
import csv, math, sys

def read(d):
    rows = list(csv.DictReader(open(d + "/timeseries.csv")))
    return rows

plain, vr = read(sys.argv[1]), read(sys.argv[2])
tmax = float(sys.argv[3])
wall = (float(sys.argv[4]), float(sys.argv[5])) if len(sys.argv) > 5 else None
species = [c[len("conc_mode_"):-len("_vr")] for c in vr[0] if c.startswith("conc_mode_") and c.endswith("_vr")]
for s in species:
    zmax = zlb = 0
    sp = sv = n = 0
    for a, b in zip(plain, vr):
        t = float(a["t"])
        pa, pse = float(a[f"conc_mode_{s}"]), float(a[f"conc_mode_{s}_replica_se"])
        va, vse = float(b[f"conc_mode_{s}_vr"]), float(b[f"conc_mode_{s}_vr_replica_se"])
        lb = float(b[f"conc_mode_{s}_lb"])
        zmax = max(zmax, abs(va - pa) / math.hypot(pse, vse))
        if vse > 0:
            zlb = max(zlb, abs(va - lb) / vse)
        if t <= tmax + 1e-12:
            sp += pse; sv += vse; n += 1
    ratio = sp / sv if sv > 0 else float("inf")
    line = (f"{s}: max |vr - plain|/SE_comb = {zmax:.2f}; max |vr - exact linear|/SE_vr = {zlb:.2f}; "
            f"mean replica SE over t <= {tmax:g}: plain {sp/n:.3e}, reduced {sv/n:.3e}, ratio {ratio:.1f}")
    if wall:
        line += f", at equal wall time {ratio * math.sqrt(wall[0] / wall[1]):.1f}"
    print(line)
