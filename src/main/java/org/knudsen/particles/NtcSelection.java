package org.knudsen.particles;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.commons.rng.UniformRandomProvider;
import org.knudsen.physics.CollisionLaw;

/**
 * No-Time-Counter (NTC) selection of candidate pairs for the cells of one collider (PHYSICS.md §3 "NTC"), in the scaled
 * equation (rates × 1/ε², §0, §10): the majorants B_max per cell and species pair and their update, the candidate
 * count with its fractional remainder, the choice of partners, and the event counters. What a candidate does is the
 * {@link PairKernel}'s business.
 *
 * <p><b>Candidates.</b> For the unordered species pair (i ≤ j) with N_i, N_j particles in a cell of volume V_c the
 * expected candidate number per step is
 * <pre>  N_c = P_ij · W_max · B_max,ij · Δt / (ε² V_c),   P_ij = N_i N_j (i ≠ j),  ½ N_i (N_i − 1) (i = j),</pre>
 * with W_max = max(W_i, W_j). The fractional part is drawn as a Bernoulli variable each step
 * (floor(N_c) + [U &lt; frac(N_c)]): unbiased, and it leaves no remainder state to carry across cell re-sorts. The
 * first particle is uniform in species i, the partner uniform among the OTHER particles of species j.
 *
 * <p><b>The adaptive majorant, without under-count.</b> A candidate with relative speed |g| collides with the expected
 * multiplicity r = B̄_ij(|g|)/B_max,ij: if r ≤ 1 once with probability r (the kernel's acceptance); if r &gt; 1 (the
 * majorant was too low) floor(r) + [U &lt; frac(r)] times in a row, each with a fresh σ. B_max stays fixed within the
 * step, so the expected number of events per step is exactly P_ij W_max E[B̄] Δt/(ε² V_c) whatever the majorant:
 * there is no under-count. |g| is invariant under a collision, so the repeated events of one pair all have the same
 * rate B̄; the only residual effect is that those events are lumped in one step (a time-discretisation effect of the
 * order of NTC's own, and only for the rare candidates above the majorant). After the step B_max is raised to
 * 1.05 × the largest B̄ seen. The first time a cell is used, B_max = C (5 s_ij)^γ where s_ij² = s_i² + s_j², s_i²
 * the per-component mean square of v − u_cell of species i in the cell (drifts included) (P(χ₃ &gt; 5) ≈ 1.5e−5); for
 * γ = 0, B_max = C and every candidate is accepted. With each majorant the speed scale (B_max/C)^{-1/γ} is kept,
 * so that B̄/B_max = (|g| · scale)^γ costs no power per candidate.
 *
 * <p>The counters count simulated events; real events are W_min × that. Single-threaded; nothing is allocated per
 * step or per candidate.
 */
final class NtcSelection {
    private static final double MAJORANT_QUANTILE = 5.0;
    private static final double MAJORANT_RAISE = 1.05;

    private final int n;
    private final int cells;
    private final PairKernel[] kernels;  // per ordered pair index i*n + j
    private final double[] majorant;     // cell*n*n + i*n + j for i <= j; 0 = not yet initialised
    private final double[] speedScale;   // same index: (B_max/C)^{-1/γ}, so that B̄/B_max = (|g| · speedScale)^γ
    private final long[] candidates;     // per i*n + j, i <= j
    private final long[] collisions;
    private final double[] meanSquare;
    private final double[] post = new double[6];

    NtcSelection(PairKernel[] kernels, int speciesCount, int cellCount) {
        this.n = speciesCount;
        this.cells = cellCount;
        this.kernels = kernels;
        majorant = new double[cellCount * n * n];
        speedScale = new double[cellCount * n * n];
        candidates = new long[n * n];
        collisions = new long[n * n];
        meanSquare = new double[n];
    }

    /** Whether the cell's majorants are set (all pairs of a cell are initialised together). */
    boolean initialised(int cell) {
        return majorant[cell * n * n] != 0;
    }

    /**
     * Sets the initial majorants of a cell from its particles: species s is {@code order[start[s] .. start[s + 1])}.
     * The mean squares are measured about the common cell mean, so that relative drifts between species are included
     * in the relative-speed scale.
     */
    void initialise(int cell, ParticleStore store, int[] order, int[] start) {
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        int total = start[n];
        double mx = 0, my = 0, mz = 0;
        for (int k = 0; k < total; k++) {
            int p = order[k];
            mx += vx[p];
            my += vy[p];
            mz += vz[p];
        }
        mx /= total;
        my /= total;
        mz /= total;
        for (int s = 0; s < n; s++) {
            int a = start[s], b = start[s + 1];
            double sq = 0;
            for (int k = a; k < b; k++) {
                int p = order[k];
                double dx = vx[p] - mx, dy = vy[p] - my, dz = vz[p] - mz;
                sq += dx * dx + dy * dy + dz * dz;
            }
            meanSquare[s] = b > a ? sq / (3.0 * (b - a)) : 0;
        }
        int base = cell * n * n;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                int ij = i * n + j;
                PairKernel kernel = kernels[ij];
                double s = Math.sqrt(meanSquare[i] + meanSquare[j]);
                if (!(s > 0)) {
                    s = Math.sqrt(1 / kernel.massI() + 1 / kernel.massJ()); // empty or cold species: equilibrium scale
                }
                double g = kernel.gamma();
                setMajorantAt(base + ij, g == 0 ? kernel.strength()
                        : kernel.strength() * Math.pow(MAJORANT_QUANTILE * s, g));
            }
        }
    }

    /**
     * One step of NTC for the pair (i ≤ j) in a cell: species i is at [oi, oi + ni) and j at [oj, oj + nj), as
     * positions in {@code index} (particle = index[position]) or, with index == null, as particle numbers directly.
     *
     * @param rateScale Δt / (ε² V_c)
     */
    void collidePair(ParticleStore store, int cell, int i, int j, int oi, int ni, int oj, int nj, int[] index,
                     double rateScale, UniformRandomProvider rng) {
        boolean like = i == j;
        double pairs = pairCount(like, ni, nj);
        if (pairs <= 0) {
            return;
        }
        int ij = i * n + j;
        int at = cell * n * n + ij;
        PairKernel kernel = kernels[ij];
        double bMax = majorant[at];
        long nc = candidateCount(pairs * kernel.maxWeight() * bMax * rateScale, rng);
        if (nc == 0) {
            return;
        }
        boolean everyCandidate = kernel.gamma() == 0; // B̄ = C = B_max
        double scale = speedScale[at];
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        double[] out = post;
        double seen = 0; // the largest B̄ above the majorant this step
        long events = 0;
        for (long cand = 0; cand < nc; cand++) {
            long pair = drawPair(like, oi, ni, oj, nj, index, rng);
            int k = (int) (pair >>> 32), l = (int) pair;
            int repeats;
            double speed = relativeSpeed(k, l, vx, vy, vz); // every event needs it, and the acceptance for γ ≠ 0
            if (everyCandidate) {
                repeats = 1;
            } else {
                double x = speed * scale; // B̄/B_max = x^γ
                if (x <= 1) {
                    repeats = kernel.accepts(speed, x, bMax, rng) ? 1 : 0;
                } else { // above the majorant: floor(r) + [U < frac(r)] events now, B_max raised after the step
                    double rate = kernel.rate(speed);
                    double r = rate / bMax;
                    seen = Math.max(seen, rate);
                    repeats = (int) r;
                    if (rng.nextDouble() < r - repeats) {
                        repeats++;
                    }
                }
            }
            for (int e = 0; e < repeats; e++) {
                if (e > 0) { // a repeated event takes |g| from the velocities the previous one left (equal up to rounding)
                    speed = relativeSpeed(k, l, vx, vy, vz);
                }
                kernel.collide(k, l, speed, vx, vy, vz, out, rng);
            }
            events += repeats;
        }
        candidates[ij] += nc;
        collisions[ij] += events;
        if (seen > bMax) {
            setMajorantAt(at, MAJORANT_RAISE * seen);
        }
    }

    /**
     * {@link #collidePair} with importance weights w = μ/f on the particles (variance reduction; docs/variance-reduction.md):
     * the same NTC with the majorant raised to κ·B_max (κ ≥ 1, so that the acceptance p = B̄/(κ B_max) stays below 1
     * and an equilibrium shadow, which accepts with w_partner·p, can be followed), and after each candidate the
     * likelihood-ratio update of each particle's weight: w ← w·w_partner if its velocity changed, else
     * w·(1 − w_partner p q)/(1 − p q), q its probability of being changed by an event (species weights). The update has
     * expectation w under the particles' own process, so Σ w Q estimates the equilibrium's Σ Q without bias.
     */
    void collidePairWeighted(ParticleStore store, int cell, int i, int j, int oi, int ni, int oj, int nj, int[] index,
                             double rateScale, double kappa, UniformRandomProvider rng) {
        boolean like = i == j;
        double pairs = pairCount(like, ni, nj);
        if (pairs <= 0) {
            return;
        }
        int ij = i * n + j;
        int at = cell * n * n + ij;
        PairKernel kernel = kernels[ij];
        double cap = kappa * majorant[at];
        long nc = candidateCount(pairs * kernel.maxWeight() * cap * rateScale, rng);
        if (nc == 0) {
            return;
        }
        boolean constantRate = kernel.gamma() == 0;
        double qk = kernel.changeProbabilityI(), ql = kernel.changeProbabilityJ();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz(), w = store.importance();
        double[] out = post;
        double seen = 0;
        long events = 0;
        for (long cand = 0; cand < nc; cand++) {
            long pair = drawPair(like, oi, ni, oj, nj, index, rng);
            int k = (int) (pair >>> 32), l = (int) pair;
            double speed = relativeSpeed(k, l, vx, vy, vz);
            double rate = constantRate ? kernel.strength() : kernel.rate(speed);
            double p = rate / cap;
            int repeats;
            if (p <= 1) {
                repeats = rng.nextDouble() < p ? 1 : 0;
            } else { // above κ·B_max (not seen in practice: B_max covers 5 s and κ ≥ 2): events now, raised after
                seen = Math.max(seen, rate / kappa);
                repeats = (int) p;
                if (rng.nextDouble() < p - repeats) {
                    repeats++;
                }
                p = 1; // the weights then take one accepted event (the lumped repeats are NTC's own approximation)
            }
            int changed = 0;
            for (int e = 0; e < repeats; e++) {
                if (e > 0) {
                    speed = relativeSpeed(k, l, vx, vy, vz);
                }
                changed |= kernel.collide(k, l, speed, vx, vy, vz, out, rng);
            }
            double wk = w[k], wl = w[l];
            w[k] = (changed & 1) != 0 ? wk * wl : unchanged(wk, wl, p * qk);
            w[l] = (changed & 2) != 0 ? wk * wl : unchanged(wl, wk, p * ql);
            events += repeats;
        }
        candidates[ij] += nc;
        collisions[ij] += events;
        if (seen > majorant[at]) {
            setMajorantAt(at, MAJORANT_RAISE * seen);
        }
    }

    /**
     * An NTC candidate: a uniform in species i's positions [oi, oi + ni), b uniform in species j's (for j = i, among the
     * positions other than a), as particle numbers (through index, when not null) k in the high and l in the low 32
     * bits. Two draws from rng, in that order.
     */
    private static long drawPair(boolean like, int oi, int ni, int oj, int nj, int[] index, UniformRandomProvider rng) {
        int a = rng.nextInt(ni);
        int b = like ? rng.nextInt(ni - 1) : rng.nextInt(nj);
        int pl = like ? oi + (b >= a ? b + 1 : b) : oj + b;
        int k = index == null ? oi + a : index[oi + a];
        int l = index == null ? pl : index[pl];
        return ((long) k << 32) | (l & 0xffffffffL);
    }

    /** The weight of a particle whose velocity did not change: its own process kept it with 1 − p, the shadow's with 1 − w_partner p. */
    private static double unchanged(double self, double partner, double pChange) {
        return pChange < 1 ? self * ((1 - partner * pChange) / (1 - pChange)) : self;
    }

    /** Pairs of a cell: ½ n_i (n_i − 1) of one species, n_i n_j of two. */
    private static double pairCount(boolean like, int ni, int nj) {
        return like ? 0.5 * ni * (ni - 1.0) : (double) ni * nj;
    }

    /** The NTC candidate count: the expected count rounded up with probability its fraction (PHYSICS.md §3, "NTC"). */
    private static long candidateCount(double expected, UniformRandomProvider rng) {
        long nc = (long) expected;
        if (rng.nextDouble() < expected - nc) {
            nc++;
        }
        return nc;
    }

    private static double relativeSpeed(int k, int l, double[] vx, double[] vy, double[] vz) {
        return CollisionLaw.relativeSpeed(vx[k], vy[k], vz[k], vx[l], vy[l], vz[l]);
    }

    /** Simulated collision events of the unordered pair (i, j) since construction. */
    long collisions(int i, int j) {
        return collisions[Math.min(i, j) * n + Math.max(i, j)];
    }

    /** NTC candidates drawn for the unordered pair (i, j) since construction. */
    long candidates(int i, int j) {
        return candidates[Math.min(i, j) * n + Math.max(i, j)];
    }

    long totalCollisions() {
        long sum = 0;
        for (long c : collisions) {
            sum += c;
        }
        return sum;
    }

    /** Sets B_max of the unordered pair (i, j) in a cell; 0 re-initialises the cell's majorants at its next step. */
    void setMajorant(int cell, int i, int j, double value) {
        setMajorantAt(cell * n * n + Math.min(i, j) * n + Math.max(i, j), value);
    }

    /** Sets B_max at index cell·n² + ij and its speed scale (one power per majorant change, none per candidate). */
    private void setMajorantAt(int index, double value) {
        majorant[index] = value;
        PairKernel kernel = kernels[index % (n * n)];
        double g = kernel.gamma();
        speedScale[index] = g == 0 || value == 0 ? 0 : Math.pow(value / kernel.strength(), -1 / g);
    }

    /**
     * Writes the species and cell counts, the majorants of every cell and pair (they adapt during the run), then the
     * candidate and event counters of every ordered pair index: what a resumed run needs to continue bit-identically.
     */
    void writeState(DataOutput out) throws IOException {
        out.writeInt(n);
        out.writeInt(cells);
        for (double m : majorant) {
            out.writeDouble(m);
        }
        for (int k = 0; k < n * n; k++) {
            out.writeLong(candidates[k]);
            out.writeLong(collisions[k]);
        }
    }

    /** Restores what {@link #writeState} wrote, into a selection for the same species and cell count. */
    void readState(DataInput in) throws IOException {
        int species = in.readInt();
        int cellCount = in.readInt();
        if (species != n || cellCount != cells) {
            throw new IOException("collider state for " + species + " species and " + cellCount
                    + " cells, this collider has " + n + " species and " + cells + " cells");
        }
        for (int k = 0; k < majorant.length; k++) {
            double m = in.readDouble();
            if (!(m >= 0) || !Double.isFinite(m)) {
                throw new IOException("collider state: majorant " + m + " must be finite and >= 0");
            }
            setMajorantAt(k, m); // also its speed scale, which the acceptance reads
        }
        for (int k = 0; k < n * n; k++) {
            candidates[k] = in.readLong();
            collisions[k] = in.readLong();
        }
    }
}
