#!/usr/bin/env python3
"""The eps-scaling table of docs/variance-reduction.md ("Bias against eps") from the ensembles of tools/vr-eps-study:
   python3 tools/vr-eps-table.py [--times 0.05,0.1,0.2] CASE...        CASE = e<EPS>-g<GAMMA>[-c<CELLS>], e.g. e0.05-g1
Reads runs/vr-eps/CASE-none, CASE-importance-weights (merged timeseries.csv, .time) and CASE.lb32.csv (the exact linear
amplitudes at Burnett degree 32, tools/LbReference.java; the run's own _lb columns are used when it is missing).
Per species, over the output times 0 < t <= 3/lambda_slow: max z(vr - plain) = |mean_vr - mean_plain|/sqrt(SE_vr^2 +
SE_plain^2); max z(vr - exact) = |mean_vr - lb|/SE_vr and chi2/n = mean of its square over those times (correlated
times: a summary, not a test); max z(vr - MS) = |mean_vr - ms|/SE_vr against the Maxwell-Stefan amplitude (the run's
_ms column), i.e. how far the data tell the exact evolution from Maxwell-Stefan; max z(plain - exact) = |mean_plain - lb|/SE_plain; the bias mean_vr - lb relative to the species' initial amplitude
|eps c~_i| (max |.| and at --times); the SE ratio = mean plain replica SE / mean reduced replica SE (at equal wall time times
sqrt(wall_plain / wall_vr), the ensembles' wall times)."""
import csv, math, os, re, sys

# slowest exact linear (linearized Boltzmann) rate of mode [1,0,0], `tools/knudsen info --set scaling.epsilon=E
# --set collisions.gamma=G`
LAMBDA_SLOW = {(0.1, 0): 9.2127265, (0.1, 1): 9.4874530, (0.05, 0): 14.572163, (0.05, 1): 11.112684,
               (0.025, 0): 15.481647, (0.025, 1): 11.579217, (0.0125, 0): 15.539563, (0.0125, 1): 11.689478}
# mean free path of A at eps = 0.1 (`knudsen info`; proportional to eps)
MFP_A = {0: 0.15957691, 1: 0.08299978}
AMP = {'A': 0.02, 'B': 0.01, 'C': 0.01}   # |eps c~_i| at t = 0

args = sys.argv[1:]
times = [0.05, 0.1, 0.2]
if args and args[0] == '--times':
    times = [float(x) for x in args[1].split(',')]; args = args[2:]

def rows(d):
    return list(csv.DictReader(open(d + '/timeseries.csv')))

def wall(d):
    return float(open(d + '.time').read().split()[0]) if os.path.exists(d + '.time') else float('nan')

print('| ε | γ | cells | h/λ_A | species | plain replica SE | reduced replica SE | SE ratio | SE ratio, equal wall | z(vr − plain) max | z(vr − exact) max | χ²/n vs exact | z(vr − MS) max | z(plain − exact) max | '
      'max \\|bias\\|/amp | ' + ' | '.join(f'bias/amp t={t:g}' for t in times) + ' | wall s plain / vr |')
print('| --- ' * (16 + len(times)) + '|')
for case in args:
    eps = float(case.split('-')[0][1:]); g = int(case.split('-')[1][1:])
    cells = int(re.match(r'c(\d+)', case.split('-')[2]).group(1)) if len(case.split('-')) > 2 else 64
    mfp = MFP_A[g] * eps / 0.1
    base = 'runs/vr-eps/' + case
    P, V = rows(base + '-none'), rows(base + '-importance-weights')
    lbfile = base + '.lb32.csv'
    lb = list(csv.DictReader(open(lbfile))) if os.path.exists(lbfile) else None
    tmax = 3 / LAMBDA_SLOW[(eps, g)]
    for s in 'ABC':
        z = zl = zp = zm = bmax = chi2 = 0; sp = sv = n = 0; at = {}
        for k, (x, y) in enumerate(zip(P, V)):
            t = float(x['t'])
            if t <= 0 or t > tmax + 1e-9:
                continue
            pa, pse = float(x[f'conc_mode_{s}']), float(x[f'conc_mode_{s}_replica_se'])
            va, vse = float(y[f'conc_mode_{s}_vr']), float(y[f'conc_mode_{s}_vr_replica_se'])
            ref = float(lb[k][s]) if lb else float(y[f'conc_mode_{s}_lb'])
            assert lb is None or abs(float(lb[k]['t']) - t) < 1e-9
            z = max(z, abs(va - pa) / math.hypot(pse, vse)); zl = max(zl, abs(va - ref) / vse); zp = max(zp, abs(pa - ref) / pse)
            zm = max(zm, abs(va - float(y[f'conc_mode_{s}_ms'])) / vse); chi2 += ((va - ref) / vse) ** 2
            b = (va - ref) / AMP[s]; bmax = max(bmax, abs(b))
            for tt in times:
                if abs(t - tt) < 1e-9:
                    at[tt] = b
            sp += pse; sv += vse; n += 1
        wp, wv = wall(base + '-none'), wall(base + '-importance-weights')
        attimes = ' | '.join(f'{at[t]:+.2e}' if t in at else '–' for t in times)
        print(f'| {eps:g} | {g} | {cells} | {1 / cells / mfp:.2f} | {s} | {sp/n:.2e} | {sv/n:.2e} | {sp/sv:.1f} | {sp/sv*math.sqrt(wp/wv):.1f} | {z:.1f} | {zl:.1f} | {chi2 / n:.2f} | {zm:.1f} | {zp:.1f} | {bmax:.2e} | {attimes} | '
              f'{wp:.0f} / {wv:.0f} |')
