package org.knudsen.particles;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.CollisionLaw;
import org.knudsen.physics.Mixture;

/**
 * Binary collisions of the particles of one cell over one time step: No-Time-Counter (NTC) majorant pair
 * selection per species pair (PHYSICS.md §3 "NTC"), in the scaled equation (rates × 1/ε², §0, §10).
 *
 * <p><b>Candidates.</b> For each unordered species pair (i ≤ j) with N_i, N_j particles in the cell of
 * volume V_c, the expected candidate number per step is
 * <pre>  N_c = P_ij · W_max · B_max,ij · Δt / (ε² V_c),   P_ij = N_i N_j (i ≠ j),  ½ N_i (N_i − 1) (i = j),</pre>
 * with W_max = max(W_i, W_j). The fractional part is drawn as a Bernoulli variable each step
 * (floor(N_c) + [U &lt; frac(N_c)]): unbiased, and it leaves no remainder state to carry across cell
 * re-sorts. The first particle is uniform in species i, the partner uniform among the OTHER particles of
 * species j.
 *
 * <p><b>Acceptance and the adaptive majorant, without under-count.</b> A candidate with relative speed |g|
 * collides with the expected multiplicity r = B̄_ij(|g|)/B_max,ij, B̄ = C_ij |g|^γ
 * ({@link CollisionKernel#integratedRate}): if r ≤ 1 once with probability r (usual NTC acceptance); if
 * r &gt; 1 (the majorant was too low) floor(r) + [U &lt; frac(r)] times in a row, each with a fresh σ.
 * B_max stays fixed within the step, so the expected number of events per step is exactly
 * P_ij W_max E[B̄] Δt/(ε² V_c) whatever the majorant: there is no under-count. |g| is invariant under a
 * collision, so the repeated events of one pair all have the same rate B̄; the only residual effect is that
 * those events are lumped in one step (a time-discretisation effect of the order of NTC's own, and only
 * for the rare candidates above the majorant). After the step B_max is raised to 1.05 × the largest B̄ seen.
 * The first time a cell is used, B_max = C (5 s_ij)^γ where s_ij² = s_i² + s_j², s_i² the per-component
 * mean square of v − u_cell of species i in the cell (drifts included) (P(χ₃ &gt; 5) ≈ 1.5e−5); for γ = 0, B_max = C and every
 * candidate is accepted.
 *
 * <p><b>Weights.</b> With W_i ≠ W_j (the N_c formula above uses W_max), an accepted collision always updates
 * the particle of the species with the smaller weight and updates the other one with probability
 * W_min/W_max. Mass, momentum and energy are then conserved exactly for equal weights and in expectation
 * otherwise. The event counters count simulated events; real events are W_min × that.
 *
 * <p>Post-collision velocities come from {@link CollisionLaw#postCollision} (the one place of the law), with
 * cos θ from the pair's angular law and φ uniform (a rejection-sampled unit 2-D vector, no trigonometry).
 * Nothing is allocated per step or per collision.
 *
 * <p><b>Speed.</b> For isotropic and VSS laws cos θ is drawn inline with the law's own formula (no interface
 * call per collision; other laws use their sampler). The acceptance U &lt; r = (|g| s)^γ, s = (B_max/C)^{-1/γ}
 * cached with each majorant, is decided by the exact squeeze x ≤ x^γ ≤ 1 + γ(x − 1) (x = |g| s ≤ 1, γ ≤ 1)
 * and the power is taken only when U falls between the bounds; the random numbers drawn are the same as
 * without the squeeze. A sorted store is served by {@link #collideSorted} straight from the sort's groups. One instance is single-threaded: a parallel solver uses
 * one collider per block of cells, created with that block's cell count.
 */
public final class CellCollider {
    private static final double MAJORANT_QUANTILE = 5.0;
    private static final double MAJORANT_RAISE = 1.05;

    private final int n;
    private final double[] mass;
    private final double[] weight;
    private final double[] strength; // per ordered pair index i*n+j (symmetric)
    private final double[] gamma;
    private final AngularLaw[] law;
    // per pair: how to draw cos θ without an interface call per collision (ISOTROPIC, VSS or OTHER = the law's own
    // sampler), and 1/α for VSS — the formulas are those of AngularLaw, written out in sampleCosTheta below
    private final int[] lawKind;
    private final double[] inverseAlpha;
    private static final int ISOTROPIC = 0, VSS = 1, OTHER = 2;
    private final int cells;
    private final double[] majorant; // cell*n*n + i*n + j for i <= j; 0 = not yet initialised
    private final double[] speedScale; // same index: (B_max/C)^{-1/γ}, so that B̄/B_max = (|g| · speedScale)^γ
    private final long[] candidates;
    private final long[] collisions;
    private final int[] start;
    private final double[] meanSquare;
    private final double[] post = new double[6];
    private int[] order = new int[0];

    /**
     * @param mixture        species masses and kernels
     * @param speciesWeights W_i per species (as in the {@link ParticleStore})
     * @param cellCount      number of cells this collider serves (each keeps its own majorants)
     */
    public CellCollider(Mixture mixture, double[] speciesWeights, int cellCount) {
        n = mixture.size();
        if (speciesWeights == null || speciesWeights.length != n) {
            throw new IllegalArgumentException("speciesWeights must have one entry per species (" + n + ")");
        }
        if (cellCount < 1) {
            throw new IllegalArgumentException("cellCount = " + cellCount + " must be >= 1");
        }
        mass = new double[n];
        weight = speciesWeights.clone();
        strength = new double[n * n];
        gamma = new double[n * n];
        law = new AngularLaw[n * n];
        lawKind = new int[n * n];
        inverseAlpha = new double[n * n];
        for (int i = 0; i < n; i++) {
            mass[i] = mixture.mass(i);
            for (int j = 0; j < n; j++) {
                CollisionKernel k = mixture.kernel(i, j);
                strength[i * n + j] = k.strength();
                gamma[i * n + j] = k.gamma();
                law[i * n + j] = k.angular();
                if (k.angular() instanceof AngularLaw.Isotropic) {
                    lawKind[i * n + j] = ISOTROPIC;
                } else if (k.angular() instanceof AngularLaw.VariableSoftSphere v) {
                    lawKind[i * n + j] = VSS;
                    inverseAlpha[i * n + j] = 1 / v.alpha();
                } else {
                    lawKind[i * n + j] = OTHER;
                }
            }
        }
        cells = cellCount;
        majorant = new double[cellCount * n * n];
        speedScale = new double[cellCount * n * n];
        candidates = new long[n * n];
        collisions = new long[n * n];
        start = new int[n + 1];
        meanSquare = new double[n];
    }

    /**
     * One collision step for the particles [from, to) of the store, which form cell {@code cell} of volume
     * {@code cellVolume}; the particles may be in any order (per-species index lists are built in a
     * reused scratch array).
     *
     * @param dt      time step Δt
     * @param epsilon Knudsen number ε: all rates are multiplied by 1/ε²
     */
    public void collide(ParticleStore store, int cell, int from, int to, double cellVolume, double dt,
                        double epsilon, UniformRandomProvider rng) {
        check(cell, cellVolume, dt, epsilon);
        if (to - from < 2) {
            return;
        }
        buildSpeciesLists(store.species(), from, to);
        int base = cell * n * n;
        if (majorant[base] == 0) { // all pairs of a cell are initialised together
            initialiseMajorants(store, base);
        }
        double rateScale = dt / (epsilon * epsilon * cellVolume);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                collidePair(store, base, i, j, start[i], start[i + 1] - start[i], start[j], start[j + 1] - start[j],
                        order, rateScale, rng);
            }
        }
    }

    /**
     * The same step for a cell of a sorted store: the particles of species s are
     * [sort.groupStart(sortCell·N + s), sort.groupStart(sortCell·N + s + 1)), so no index lists are needed
     * (the same candidates and random numbers as {@link #collide} on the same particles in the same order).
     *
     * @param cell     this collider's index of the cell (for its majorants)
     * @param sortCell the cell's index in the sort's grid
     */
    public void collideSorted(ParticleStore store, CellSort sort, int cell, int sortCell, double cellVolume,
                              double dt, double epsilon, UniformRandomProvider rng) {
        check(cell, cellVolume, dt, epsilon);
        int first = sort.groupStart(sortCell * n);
        int to = sort.groupStart(sortCell * n + n);
        if (to - first < 2) {
            return;
        }
        int base = cell * n * n;
        if (majorant[base] == 0) {
            buildSpeciesLists(store.species(), first, to);
            initialiseMajorants(store, base);
        }
        double rateScale = dt / (epsilon * epsilon * cellVolume);
        for (int i = 0; i < n; i++) {
            int fi = sort.groupStart(sortCell * n + i), ni = sort.groupStart(sortCell * n + i + 1) - fi;
            for (int j = i; j < n; j++) {
                int fj = sort.groupStart(sortCell * n + j), nj = sort.groupStart(sortCell * n + j + 1) - fj;
                collidePair(store, base, i, j, fi, ni, fj, nj, null, rateScale, rng);
            }
        }
    }

    private void check(int cell, double cellVolume, double dt, double epsilon) {
        if (cell < 0 || cell >= cells) {
            throw new IllegalArgumentException("cell = " + cell + " must lie in [0, " + cells + ")");
        }
        if (!(cellVolume > 0) || !(dt >= 0) || !(epsilon > 0)) {
            throw new IllegalArgumentException("cellVolume = " + cellVolume + ", dt = " + dt + ", epsilon = "
                    + epsilon + ": need cellVolume > 0, dt >= 0, epsilon > 0");
        }
    }

    /** Counting sort of the cell's particle indices by species into {@code order}; start[s] is the offset. */
    private void buildSpeciesLists(byte[] species, int from, int to) {
        int count = to - from;
        if (order.length < count) {
            order = new int[Math.max(count, order.length + (order.length >> 1))];
        }
        Arrays.fill(start, 0);
        for (int p = from; p < to; p++) {
            start[species[p] + 1]++;
        }
        for (int s = 0; s < n; s++) {
            start[s + 1] += start[s];
        }
        // fill using start[s] as a cursor, then shift back
        for (int p = from; p < to; p++) {
            order[start[species[p]]++] = p;
        }
        for (int s = n; s > 0; s--) {
            start[s] = start[s - 1];
        }
        start[0] = 0;
    }

    private void initialiseMajorants(ParticleStore store, int base) {
        // per-component mean square of v − u_cell per species; measured about the common cell mean so that
        // relative drifts between species are included in the relative-speed scale
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
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = Math.sqrt(meanSquare[i] + meanSquare[j]);
                if (!(s > 0)) {
                    s = Math.sqrt(1 / mass[i] + 1 / mass[j]); // empty or cold species: equilibrium scale
                }
                int ij = i * n + j;
                double g = gamma[ij];
                setMajorantAt(base + ij, g == 0 ? strength[ij] : strength[ij] * Math.pow(MAJORANT_QUANTILE * s, g));
            }
        }
    }

    /**
     * NTC for pair (i, j): species i is at [oi, oi + ni) and j at [oj, oj + nj), as positions in
     * {@code index} (particle = index[position]) or, with index == null, as particle numbers directly.
     */
    private void collidePair(ParticleStore store, int base, int i, int j, int oi, int ni, int oj, int nj, int[] index,
                             double rateScale, UniformRandomProvider rng) {
        boolean like = i == j;
        double pairs = like ? 0.5 * ni * (ni - 1.0) : (double) ni * nj;
        if (pairs <= 0) {
            return;
        }
        int ij = i * n + j;
        double bMax = majorant[base + ij];
        double wi = weight[i], wj = weight[j];
        double wMax = Math.max(wi, wj);
        double expected = pairs * wMax * bMax * rateScale;
        long nc = (long) expected;
        if (rng.nextDouble() < expected - nc) {
            nc++;
        }
        if (nc == 0) {
            return;
        }
        double c = strength[ij], g = gamma[ij];
        AngularLaw angular = law[ij];
        int kind = lawKind[ij];
        double invAlpha = inverseAlpha[ij];
        // acceptance U < (|g|/s_max)^γ with s_max = (B_max/C)^{1/γ}; since x ≤ x^γ ≤ 1 + γ(x − 1) on [0, 1]
        // (γ ≤ 1), U < x accepts and U ≥ 1 + γ(x − 1) rejects without the power (a squeeze, exact)
        double scale = speedScale[base + ij];
        double mi = mass[i], mj = mass[j];
        // weighted rule: which side may skip its update, and with what probability it takes it
        boolean weighted = wi != wj;
        double keepProbability = weighted ? Math.min(wi, wj) / wMax : 1;
        boolean iIsHeavier = wi > wj;
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        double[] out = post;
        double seen = 0;
        long events = 0;
        for (long cand = 0; cand < nc; cand++) {
            int a = rng.nextInt(ni);
            int b = like ? rng.nextInt(ni - 1) : rng.nextInt(nj);
            int pl = like ? oi + (b >= a ? b + 1 : b) : oj + b;
            int k = index == null ? oi + a : index[oi + a];
            int l = index == null ? pl : index[pl];
            int repeats;
            if (g == 0) {
                repeats = 1; // B̄ = C = B_max: every candidate collides
            } else {
                double dx = vx[k] - vx[l], dy = vy[k] - vy[l], dz = vz[k] - vz[l];
                double speed = Math.sqrt(dx * dx + dy * dy + dz * dz);
                double x = speed * scale; // r = x^γ
                if (x <= 1) {
                    double u = rng.nextDouble();
                    if (u < x) {
                        repeats = 1;
                    } else if (u >= 1 + g * (x - 1)) {
                        repeats = 0;
                    } else {
                        // B̄ = C|g|^γ (as CollisionKernel.integratedRate), pow avoided for hard spheres and γ = ½
                        double r = (g == 1 ? speed : g == 0.5 ? Math.sqrt(speed) : Math.pow(speed, g)) * c / bMax;
                        repeats = u < r ? 1 : 0;
                    }
                } else {
                    double rate = c * (g == 1 ? speed : g == 0.5 ? Math.sqrt(speed) : Math.pow(speed, g));
                    double r = rate / bMax;
                    seen = Math.max(seen, rate);
                    repeats = (int) r;
                    if (rng.nextDouble() < r - repeats) {
                        repeats++;
                    }
                }
            }
            for (int e = 0; e < repeats; e++) {
                double cosTheta = kind == ISOTROPIC ? 2 * rng.nextDouble() - 1
                        : kind == VSS ? 2 * Math.pow(rng.nextDouble(), invAlpha) - 1
                        : angular.sampleCosTheta(rng);
                double u, w, s;
                do {
                    u = 2 * rng.nextDouble() - 1;
                    w = 2 * rng.nextDouble() - 1;
                    s = u * u + w * w;
                } while (s > 1 || s == 0);
                // (u, w)/√s is uniform on the circle, so its doubled angle φ is too: cos φ, sin φ without trig
                double cosPhi = (u * u - w * w) / s;
                double sinPhi = 2 * u * w / s;
                CollisionLaw.postCollision(mi, mj, vx[k], vy[k], vz[k], vx[l], vy[l], vz[l],
                        cosTheta, cosPhi, sinPhi, out);
                boolean updateK = true, updateL = true;
                if (weighted && rng.nextDouble() >= keepProbability) {
                    if (iIsHeavier) {
                        updateK = false;
                    } else {
                        updateL = false;
                    }
                }
                if (updateK) {
                    vx[k] = out[0];
                    vy[k] = out[1];
                    vz[k] = out[2];
                }
                if (updateL) {
                    vx[l] = out[3];
                    vy[l] = out[4];
                    vz[l] = out[5];
                }
            }
            events += repeats;
        }
        candidates[ij] += nc;
        collisions[ij] += events;
        if (seen > bMax) {
            setMajorantAt(base + ij, MAJORANT_RAISE * seen);
        }
    }

    /** Simulated collision events of the unordered pair (i, j) since construction or the last reset. */
    public long collisions(int i, int j) {
        return collisions[Math.min(i, j) * n + Math.max(i, j)];
    }

    /** NTC candidates drawn for the unordered pair (i, j) since construction or the last reset. */
    public long candidates(int i, int j) {
        return candidates[Math.min(i, j) * n + Math.max(i, j)];
    }

    /** Total simulated collision events over all pairs. */
    public long totalCollisions() {
        long sum = 0;
        for (long c : collisions) {
            sum += c;
        }
        return sum;
    }

    /** The current majorant B_max of pair (i, j) in a cell (0 before the cell's first step). */
    public double majorant(int cell, int i, int j) {
        return majorant[cell * n * n + Math.min(i, j) * n + Math.max(i, j)];
    }

    /**
     * Sets the majorant B_max of pair (i, j) in a cell (e.g. restored from a checkpoint); a value below the
     * true maximum of B̄ is allowed (events are then repeated, see the class comment), 0 re-initialises the
     * cell's majorants at its next step.
     */
    public void setMajorant(int cell, int i, int j, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("majorant = " + value + " must be finite and >= 0");
        }
        setMajorantAt(cell * n * n + Math.min(i, j) * n + Math.max(i, j), value);
    }

    /** Sets B_max at index cell·n² + ij and its speed scale (one power per majorant change, none per candidate). */
    private void setMajorantAt(int index, double value) {
        majorant[index] = value;
        int ij = index % (n * n);
        double g = gamma[ij];
        speedScale[index] = g == 0 || value == 0 ? 0 : Math.pow(value / strength[ij], -1 / g);
    }

    /** Zeroes the event and candidate counters (the majorants are kept). */
    public void resetCounters() {
        Arrays.fill(candidates, 0);
        Arrays.fill(collisions, 0);
    }

    /**
     * Writes what a resumed run needs to continue bit-identically: the per-cell majorants (they adapt during
     * the run) and the candidate and event counters. Everything else is scratch or follows from the mixture.
     */
    public void writeState(DataOutput out) throws IOException {
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

    /** Restores what {@link #writeState} wrote, into a collider built for the same mixture and cell count. */
    public void readState(DataInput in) throws IOException {
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
            setMajorantAt(k, m); // also its speed scale, which the acceptance squeeze reads
        }
        for (int k = 0; k < n * n; k++) {
            candidates[k] = in.readLong();
            collisions[k] = in.readLong();
        }
    }

    public int speciesCount() {
        return n;
    }
}
