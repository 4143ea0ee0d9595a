# The table of docs/variance-reduction.md from the ensembles of tools/vr-study (run from the worktree root).
import csv, math, re
def wall(f): return float(open(f).read().split()[0])
rows=[]
for g,lam in [(0,9.21),(1,9.49)]:
    for a in ['0.2','0.05']:
        P=f'runs/vr-study/g{g}-none-a{a}'; V=f'runs/vr-study/g{g}-importance-weights-a{a}'
        p=list(csv.DictReader(open(P+'/timeseries.csv'))); v=list(csv.DictReader(open(V+'/timeseries.csv')))
        wp, wv = wall(P+'.time'), wall(V+'.time')
        for s in 'ABC':
            z=zl=0; sp=sv=n=0
            for x,y in zip(p,v):
                pa,pse=float(x[f'conc_mode_{s}']),float(x[f'conc_mode_{s}_replica_se'])
                va,vse=float(y[f'conc_mode_{s}_vr']),float(y[f'conc_mode_{s}_vr_replica_se'])
                lb=float(y[f'conc_mode_{s}_lb'])
                z=max(z,abs(va-pa)/math.hypot(pse,vse)); zl=max(zl,abs(va-lb)/vse)
                if float(x['t'])<=3/lam+1e-9: sp+=pse; sv+=vse; n+=1
            r=sp/sv
            rows.append(f"| {g} | {float(a)*0.1:g} | {s} | {sp/n:.2e} | {sv/n:.2e} | {r:.1f} | {r*math.sqrt(wp/wv):.1f} | {z:.1f} | {zl:.0f} | {wp:.0f} / {wv:.0f} |")
hdr="| γ | ε c̃_A | species | plain replica SE | reduced replica SE | SE ratio, equal N | SE ratio, equal wall time | z(vr − plain) max | z(vr − exact) max | wall s plain / vr |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
print(hdr+"\n".join(rows))
