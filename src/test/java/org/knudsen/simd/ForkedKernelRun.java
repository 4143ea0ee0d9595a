package org.knudsen.simd;

import java.util.StringJoiner;
import org.knudsen.bench.WorkloadRun;
import org.knudsen.particles.CellSort;
import org.knudsen.particles.InitialProfile;
import org.knudsen.particles.ParticleStore;
import org.knudsen.physics.Grid;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/**
 * The program {@link VectorizationProviderForkTest} runs in a forked JVM: the provider's choice, then a small
 * spatial DSMC with importance weights (ternary mixture, 8×3×2 cells, 600 particles per cell, 2 threads, 20 steps)
 * through the chosen stream and smoothing kernels and the moment sums of every (cell, species) group by the chosen
 * moment kernel. Prints {@code kernels=}, {@code particles=} (a hash of every position, velocity, species and weight
 * bit) and {@code moments=} (every sum, in hex); on a provider error {@code error=} and exit status 3.
 */
public final class ForkedKernelRun {
    private ForkedKernelRun() {
    }

    public static void main(String[] args) {
        VectorizationProvider provider;
        try {
            provider = VectorizationProvider.get();
        } catch (IllegalStateException e) {
            System.out.println("error=" + e.getMessage());
            System.exit(3);
            return;
        }
        System.out.println("kernels=" + provider.name());
        Mixture mixture = Mixture.builder().species("A", 1, 0.4).species("B", 4, 0.3).species("C", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, 0, AngularLaw.isotropic())).build();
        Grid grid = Grid.of(new int[] {8, 3, 2}, new double[] {1, 0.4, 0.3});
        double w = mixture.totalConcentration() * grid.cellVolume() / 600;
        try (SpatialDsmc dsmc = new SpatialDsmc(mixture, grid, 0.1, new double[] {w, w, w}, 2, 42L)) {
            // importance weights against a reference 5 % denser in A than the particles' state: weights ≠ 1, so the
            // smoothing runs (≥ 160 particles per species and cell: the 32 functions of three axes)
            double[] reference = mixture.concentrations();
            reference[0] *= 1.05;
            dsmc.enableImportanceWeights(reference);
            dsmc.initialise(InitialProfile.uniform(mixture.concentrations()));
            for (int s = 0; s < 20; s++) {
                dsmc.step(2e-3);
            }
            ParticleStore store = dsmc.store();
            System.out.println("particles=" + store.size() + ":" + WorkloadRun.checksum(store));
            CellSort sort = dsmc.sort();
            int groups = grid.cellCount() * mixture.size();
            double[] sums = new double[groups * MomentAccumulator.SLOTS];
            for (int g = 0; g < groups; g++) {
                provider.momentAccumulator().accumulate(store.vx(), store.vy(), store.vz(), sort.groupStart(g),
                        sort.groupStart(g + 1), Math.sqrt(mixture.mass(g % mixture.size())), sums,
                        g * MomentAccumulator.SLOTS);
            }
            StringJoiner j = new StringJoiner(",");
            for (double s : sums) {
                j.add(Double.toHexString(s));
            }
            System.out.println("moments=" + j);
        }
    }
}
