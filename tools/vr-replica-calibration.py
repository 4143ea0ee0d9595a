#!/usr/bin/env python3
"""Many plain replicas as the reference of the low-noise study (docs/variance-reduction.md, "The velocity basis"):
   python3 tools/vr-replica-calibration.py PLAIN_DIR LB_CSV T_MAX [VR_DIR ...]
PLAIN_DIR: a `knudsen run --replicas R` directory (R large, e.g. 512) whose replicas/r*/timeseries.csv are read;
LB_CSV: the exact linear amplitudes (tools/LbReference.java); T_MAX: the last output time compared (3/lambda_slow).
Prints, per species, the R-replica mean against exact (max |z|, chi2/n), each VR ensemble's reduced amplitudes against
that mean (max combined |z|, max |difference|), and the distribution of "max over output times of |z|" for unbiased
8-replica ensembles: 2000 random 8-subsets of the plain replicas, each against the R-replica mean (seeded: the same
numbers every time). Species A, B, C (the default mixture's names) are assumed; rows are matched by time (checked)."""
import csv, glob, math, random, sys
pd, lbf, tmax = sys.argv[1], sys.argv[2], float(sys.argv[3]); vrs = sys.argv[4:]
reps = [list(csv.DictReader(open(f))) for f in sorted(glob.glob(pd + '/replicas/r*/timeseries.csv'))]
L = list(csv.DictReader(open(lbf)))
R = len(reps); T = min(len(r) for r in reps)
idx = [k for k in range(T) if 0 < float(reps[0][k]['t']) <= tmax + 1e-9]
for k in idx:
    assert abs(float(L[k]['t']) - float(reps[0][k]['t'])) < 1e-9, f'{lbf} row {k}: t differs from the replicas'
print(f'{R} plain replicas, {len(idx)} output times in (0, {tmax:.3f}]')
rng = random.Random(1)
X = {}
for s in 'ABC':
    X[s] = [[float(r[k][f'conc_mode_{s}']) for k in range(T)] for r in reps]
def stats(vals):
    n = len(vals); m = sum(vals) / n; v = sum((x - m) ** 2 for x in vals) / (n - 1); return m, math.sqrt(v / n)
M = {s: [stats([X[s][r][k] for r in range(R)]) for k in range(T)] for s in 'ABC'}
for s in 'ABC':
    zl = max(abs(M[s][k][0] - float(L[k][s])) / M[s][k][1] for k in idx)
    chi = sum(((M[s][k][0] - float(L[k][s])) / M[s][k][1]) ** 2 for k in idx) / len(idx)
    bmax = max(abs(M[s][k][0] - float(L[k][s])) for k in idx)
    print(f'{s}: plain({R}) vs exact: max |z| {zl:.2f}, chi2/n {chi:.2f}, max |mean - exact| {bmax:.2e}, mean SE {sum(M[s][k][1] for k in idx)/len(idx):.2e}')
    for v in vrs:
        V = list(csv.DictReader(open(v + '/timeseries.csv')))
        assert all(abs(float(V[k]['t']) - float(reps[0][k]['t'])) < 1e-9 for k in idx), f'{v}: output times differ'
        z = max(abs(float(V[k][f'conc_mode_{s}_vr']) - M[s][k][0]) / math.hypot(float(V[k][f'conc_mode_{s}_vr_replica_se']), M[s][k][1]) for k in idx)
        bm = max(abs(float(V[k][f'conc_mode_{s}_vr']) - M[s][k][0]) for k in idx)
        print(f'   vr {v.split("/")[-1]}: max |z(vr - plain{R})| {z:.2f}, max |vr - plain| {bm:.2e}')
# false alarms of 8-subsets against the R-replica mean
trials = 2000; hits = {s: 0 for s in 'ABC'}; anyhit = 0; maxes = {s: [] for s in 'ABC'}; allmax = []
for _ in range(trials):
    sub = rng.sample(range(R), 8); h = False
    for s in 'ABC':
        z = 0
        for k in idx:
            m, se = stats([X[s][r][k] for r in sub])
            z = max(z, abs(m - M[s][k][0]) / se)
        maxes[s].append(z)
        if z > 3: hits[s] += 1; h = True
    anyhit += h; allmax.append(max(maxes[s][-1] for s in 'ABC'))
print('P(max_t |z| > 3) for unbiased 8-replica ensembles:', {s: hits[s] / trials for s in 'ABC'}, 'any species:', anyhit / trials)
q = lambda xs, p: sorted(xs)[int(p * len(xs))]
print('quantiles of max_t |z| (8-subsets): ' + ', '.join(f"{s}: median {q(maxes[s], .5):.2f}, 95% {q(maxes[s], .95):.2f}" for s in 'ABC') + f'; max over species: median {q(allmax, .5):.2f}, 95% {q(allmax, .95):.2f}')
