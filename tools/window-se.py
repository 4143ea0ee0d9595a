#!/usr/bin/env python3
"""SE of window rows against instant rows from replica spreads (README "Window averages").

Usage: tools/window-se.py INSTANT_DIR WINDOW_DIR
Each DIR is an ensemble of `knudsen run --replicas R` (DIR/replicas/r*/timeseries.csv) of the same scenario and seeds,
one with output.average = "instant", one with "window". For every column below it prints the true SE of a row (the
replica sd, pooled over the rows after t = 0), sd(window)/sd(instant), and the window's reported SE over its true sd.
"""
import csv
import glob
import math
import sys

COLUMNS = ['conc_mode_A', 'conc_mode_B', 'conc_mode_C', 'dev_norm_sq', 'dev_fluid_norm_sq']


def spread(directory):
    replicas = [list(csv.DictReader(open(f))) for f in sorted(glob.glob(directory + '/replicas/r*/timeseries.csv'))]
    if len(replicas) < 2:
        sys.exit(directory + ': needs at least 2 replicas in replicas/r*/')
    out = {}
    for c in COLUMNS:
        var, reported = [], []
        for k in range(1, len(replicas[0])):
            x = [float(r[k][c]) for r in replicas]
            m = sum(x) / len(x)
            var.append(sum((v - m) ** 2 for v in x) / (len(x) - 1))
            reported.append(sum(float(r[k][c + '_se']) ** 2 for r in replicas) / len(replicas))
        out[c] = (math.sqrt(sum(var) / len(var)), math.sqrt(sum(reported) / len(reported)))
    return out, len(replicas)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    instant, r = spread(sys.argv[1])
    window, _ = spread(sys.argv[2])
    print('%d replicas' % r)
    print('%-18s %12s %12s %16s %22s' % ('column', 'sd instant', 'sd window', 'window/instant', 'window reported/true'))
    for c in COLUMNS:
        print('%-18s %12.4g %12.4g %16.3f %22.2f' % (c, instant[c][0], window[c][0], window[c][0] / instant[c][0],
                                                     window[c][1] / window[c][0]))
