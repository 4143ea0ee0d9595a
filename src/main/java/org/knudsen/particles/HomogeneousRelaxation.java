package org.knudsen.particles;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.knudsen.physics.Maxwellian;
import org.knudsen.physics.Mixture;

/**
 * The spatially homogeneous DSMC (one cell): a store of drifting Maxwellians per species relaxed by
 * {@link CellCollider}, with the species moments sampled at chosen times. Species i has number density
 * c_i = mixture.concentration(i) in a cell of volume V, so its particle weight is W_i = c_i V / N_i.
 *
 * <p>Moments (PHYSICS.md §2 notation; the particles of one species share one weight, so they are plain
 * particle means): U_i = ⟨v⟩_i, T_i = m_i/3 ⟨|v − U_i|²⟩_i, and ⟨|v|⁴⟩_i.
 */
public final class HomogeneousRelaxation {
    private HomogeneousRelaxation() {
    }

    /** Initial Maxwellian of one species: particle count, drift and temperature. */
    public record SpeciesState(int particles, double driftX, double driftY, double driftZ, double temperature) {
        public SpeciesState {
            if (particles < 1) {
                throw new IllegalArgumentException("particles = " + particles + " must be >= 1");
            }
            if (!(temperature > 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("temperature = " + temperature + " must be finite and > 0");
            }
            if (!Double.isFinite(driftX) || !Double.isFinite(driftY) || !Double.isFinite(driftZ)) {
                throw new IllegalArgumentException("drift = (" + driftX + ", " + driftY + ", " + driftZ
                        + ") must be finite");
            }
        }

        /** At rest, temperature 1. */
        public static SpeciesState equilibrium(int particles) {
            return new SpeciesState(particles, 0, 0, 0, 1);
        }
    }

    /** One {@link SpeciesState} per species of the mixture, in the mixture's order, in a cell of this volume. */
    public record InitialState(double volume, List<SpeciesState> species) {
        public InitialState {
            if (!(volume > 0) || !Double.isFinite(volume)) {
                throw new IllegalArgumentException("volume = " + volume + " must be finite and > 0");
            }
            species = List.copyOf(species);
        }
    }

    /**
     * Sampled moments: index [s] over sample times, [i] over species, [d] over x, y, z.
     *
     * @param times        the sampled times (multiples of dt: round(t/dt)·dt)
     * @param meanVelocity U_i at each time, [s][i][d]
     * @param temperature  T_i at each time, [s][i]
     * @param fourthMoment ⟨|v|⁴⟩_i at each time, [s][i]
     * @param collisions   simulated collision events per unordered pair over the run, [i][j] = [j][i]
     * @param weights      W_i, real molecules per particle
     * @param steps        number of collision steps taken
     */
    public record Result(double[] times, double[][][] meanVelocity, double[][] temperature,
                         double[][] fourthMoment, long[][] collisions, double[] weights, long steps) {
    }

    /** Builds the store (W_i = c_i V / N_i, Maxwellian velocities) and runs {@link #run(Mixture, double,
     * ParticleStore, double, double, double[], UniformRandomProvider)} with one seeded stream. */
    public static Result run(Mixture mixture, double epsilon, InitialState init, double dt, double[] sampleTimes,
                             long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ParticleStore store = maxwellianStore(mixture, init, rng);
        return run(mixture, epsilon, store, init.volume(), dt, sampleTimes, rng);
    }

    /** A store with N_i particles per species (grouped by species), W_i = c_i V / N_i, drifting Maxwellians. */
    public static ParticleStore maxwellianStore(Mixture mixture, InitialState init, UniformRandomProvider rng) {
        int n = mixture.size();
        if (init.species().size() != n) {
            throw new IllegalArgumentException("initial state has " + init.species().size()
                    + " species, the mixture has " + n);
        }
        double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            SpeciesState s = init.species().get(i);
            w[i] = mixture.concentration(i) * init.volume() / s.particles();
            total += s.particles();
        }
        ParticleStore store = new ParticleStore(n, total, w);
        Maxwellian maxwellian = new Maxwellian(rng);
        for (int i = 0; i < n; i++) {
            SpeciesState s = init.species().get(i);
            int first = store.append(i, s.particles());
            maxwellian.fill(mixture.mass(i), s.temperature(), s.driftX(), s.driftY(), s.driftZ(),
                    store.vx(), store.vy(), store.vz(), first, first + s.particles());
        }
        return store;
    }

    /**
     * Relaxes a prepared one-cell store of volume V with steps of dt and samples the moments at each sample
     * time (after round(t/dt) steps; sample times must be ≥ 0 and non-decreasing; 0 samples the start).
     */
    public static Result run(Mixture mixture, double epsilon, ParticleStore store, double volume, double dt,
                             double[] sampleTimes, UniformRandomProvider rng) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt = " + dt + " must be finite and > 0");
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + " must be finite and > 0");
        }
        int n = mixture.size();
        int samples = sampleTimes.length;
        long[] stepAt = new long[samples];
        for (int s = 0; s < samples; s++) {
            if (!(sampleTimes[s] >= 0) || (s > 0 && sampleTimes[s] < sampleTimes[s - 1])) {
                throw new IllegalArgumentException("sampleTimes[" + s + "] = " + sampleTimes[s]
                        + " must be >= 0 and not before the previous sample time");
            }
            stepAt[s] = Math.round(sampleTimes[s] / dt);
        }
        double[] masses = new double[n];
        for (int i = 0; i < n; i++) {
            masses[i] = mixture.mass(i);
        }
        CellCollider collider = new CellCollider(mixture, store.weights(), 1);
        double[] times = new double[samples];
        double[][][] u = new double[samples][n][3];
        double[][] temperature = new double[samples][n];
        double[][] fourth = new double[samples][n];
        long step = 0;
        for (int s = 0; s < samples; s++) {
            while (step < stepAt[s]) {
                collider.collide(store, 0, 0, store.size(), volume, dt, epsilon, rng);
                step++;
            }
            times[s] = step * dt;
            sampleMoments(store, masses, 0, store.size(), u[s], temperature[s], fourth[s]);
        }
        long[][] counts = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                counts[i][j] = collider.collisions(i, j);
            }
        }
        return new Result(times, u, temperature, fourth, counts, store.weights(), step);
    }

    /**
     * Per-species U_i (into meanVelocity[i][0..2]), T_i = m_i/3 ⟨|v − U_i|²⟩ and ⟨|v|⁴⟩ over [from, to);
     * species without particles get NaN.
     */
    public static void sampleMoments(ParticleStore store, double[] masses, int from, int to,
                                     double[][] meanVelocity, double[] temperature, double[] fourthMoment) {
        int n = store.speciesCount();
        double[] vx = store.vx(), vy = store.vy(), vz = store.vz();
        byte[] sp = store.species();
        long[] count = new long[n];
        double[] sx = new double[n], sy = new double[n], sz = new double[n], s2 = new double[n], s4 = new double[n];
        for (int p = from; p < to; p++) {
            int i = sp[p];
            double v2 = vx[p] * vx[p] + vy[p] * vy[p] + vz[p] * vz[p];
            count[i]++;
            sx[i] += vx[p];
            sy[i] += vy[p];
            sz[i] += vz[p];
            s2[i] += v2;
            s4[i] += v2 * v2;
        }
        for (int i = 0; i < n; i++) {
            double c = count[i];
            double ux = sx[i] / c, uy = sy[i] / c, uz = sz[i] / c;
            meanVelocity[i][0] = ux;
            meanVelocity[i][1] = uy;
            meanVelocity[i][2] = uz;
            // ⟨|v − U|²⟩ = ⟨|v|²⟩ − |U|² (moments are O(1) here, cancellation harmless)
            temperature[i] = masses[i] / 3 * (s2[i] / c - (ux * ux + uy * uy + uz * uz));
            fourthMoment[i] = s4[i] / c;
        }
    }
}
