package org.knudsen.particles;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.knudsen.physics.Grid;
import org.knudsen.physics.Maxwellian;
import org.knudsen.physics.Mixture;
import org.knudsen.simd.PeriodicWrap;

/**
 * The particles of {@link SpatialDsmc#initialise}, drawn block by block from each block's own random stream (so the
 * draw does not depend on the thread count): Poisson counts per (cell, species), positions by rejection, Maxwellian
 * velocities, and with variance reduction the importance weights of the draw ({@link InitialWeights}).
 */
final class InitialDraw {
    private InitialDraw() {
    }

    /**
     * Replaces the store's particles by a draw from the profile (unsorted).
     *
     * @param blockFirstCell         the first cell of every block (blocks + 1 entries)
     * @param blockRng               the random stream of every block
     * @param referenceConcentration c_{∞,i} of the importance weights' reference μ, or null without weights
     */
    static void draw(ParticleStore store, Grid grid, Mixture mixture, InitialProfile profile, int[] blockFirstCell,
                     UniformRandomProvider[] blockRng, double[] referenceConcentration) {
        store.clear();
        // one allocation, no growth copies for 10^8 particles
        store.ensureCapacity(expectedParticles(store, grid, mixture, profile));
        double[] lengths = grid.lengths();
        int[] cells = grid.cells();
        double[] h = {lengths[0] / cells[0], lengths[1] / cells[1], lengths[2] / cells[2]};
        double[] centre = new double[3], drift = new double[3];
        double[] node = {-Math.sqrt(0.6), 0, Math.sqrt(0.6)};
        double[] gw = {5.0 / 18, 8.0 / 18, 5.0 / 18}; // weights for the unit interval
        for (int b = 0; b < blockRng.length; b++) {
            UniformRandomProvider rng = blockRng[b];
            Maxwellian maxwellian = new Maxwellian(rng);
            for (int c = blockFirstCell[b]; c < blockFirstCell[b + 1]; c++) {
                grid.cellCentre(c, centre);
                for (int i = 0; i < mixture.size(); i++) {
                    double integral = 0;
                    for (int a = 0; a < 3; a++) {
                        for (int bb = 0; bb < 3; bb++) {
                            for (int cc = 0; cc < 3; cc++) {
                                integral += gw[a] * gw[bb] * gw[cc] * profile.density(i,
                                        centre[0] + node[a] * h[0] / 2, centre[1] + node[bb] * h[1] / 2,
                                        centre[2] + node[cc] * h[2] / 2);
                            }
                        }
                    }
                    double expected = integral * grid.cellVolume() / store.weight(i);
                    int count = expected > 0 ? PoissonSampler.of(rng, expected).sample() : 0;
                    int first = store.append(i, count);
                    double bound = profile.densityBound(i, c);
                    for (int p = first; p < first + count; p++) {
                        double px, py, pz;
                        do {
                            px = centre[0] + (rng.nextDouble() - 0.5) * h[0];
                            py = centre[1] + (rng.nextDouble() - 0.5) * h[1];
                            pz = centre[2] + (rng.nextDouble() - 0.5) * h[2];
                        } while (rng.nextDouble() * bound > profile.density(i, px, py, pz));
                        store.setPosition(p, PeriodicWrap.stored(Streaming.wrap(px, lengths[0]), lengths[0]),
                                PeriodicWrap.stored(Streaming.wrap(py, lengths[1]), lengths[1]),
                                PeriodicWrap.stored(Streaming.wrap(pz, lengths[2]), lengths[2]));
                    }
                    profile.drift(i, c, drift);
                    maxwellian.fill(mixture.mass(i), 1, drift[0], drift[1], drift[2],
                            store.vx(), store.vy(), store.vz(), first, first + count);
                    if (referenceConcentration != null) {
                        InitialWeights.fill(store, mixture.mass(i), referenceConcentration[i], profile, i, drift,
                                first, first + count);
                    }
                }
            }
        }
    }

    /** Σ_i ∫ c_i / W_i by the cell-centre rule, plus 1 % and 6 standard deviations of the rounding: the capacity to reserve. */
    private static int expectedParticles(ParticleStore store, Grid grid, Mixture mixture, InitialProfile profile) {
        double sum = 0;
        double[] centre = new double[3];
        for (int c = 0, cells = grid.cellCount(); c < cells; c++) {
            grid.cellCentre(c, centre);
            for (int i = 0; i < mixture.size(); i++) {
                sum += profile.density(i, centre[0], centre[1], centre[2]) * grid.cellVolume() / store.weight(i);
            }
        }
        double reserve = sum * 1.01 + 6 * Math.sqrt(sum) + 16;
        return (int) Math.min(Integer.MAX_VALUE - 16, reserve);
    }
}
