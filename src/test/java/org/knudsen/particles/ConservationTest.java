package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knudsen.particles.HomogeneousRelaxation.InitialState;
import org.knudsen.particles.HomogeneousRelaxation.SpeciesState;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/** Each collision conserves momentum and energy (PHYSICS.md §0 law), so equal weights conserve the store's totals. */
class ConservationTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0})
    void equalWeightCollisionsConserveTotalMomentumAndEnergyToRounding(double gamma) {
        Mixture mixture = Mixture.builder().species("A", 1, 0.5).species("B", 4, 0.3).species("C", 40, 0.2)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.vss(1.5))).build();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77L);
        // N_i ∝ c_i: equal weights
        InitialState init = new InitialState(1.0, List.of(new SpeciesState(500, 1.0, -0.3, 0.2, 2.0),
                new SpeciesState(300, -0.5, 0.4, 0.0, 0.5), new SpeciesState(200, 0.1, 0.0, -0.3, 1.0)));
        ParticleStore store = HomogeneousRelaxation.maxwellianStore(mixture, init, rng);
        double[] masses = {1, 4, 40};
        double[] before = new double[4], after = new double[4];
        store.momentumAndEnergy(masses, 0, store.size(), before);
        double momentumScale = 0;
        for (int p = 0; p < store.size(); p++) {
            momentumScale += store.weight(store.species()[p]) * masses[store.species()[p]]
                    * Math.sqrt(store.vx()[p] * store.vx()[p] + store.vy()[p] * store.vy()[p]
                    + store.vz()[p] * store.vz()[p]);
        }
        CellCollider collider = new CellCollider(mixture, store.weights(), 1);
        for (int step = 0; step < 2000; step++) {
            collider.collide(store, 0, 0, store.size(), 1.0, 0.05, 1.0, rng);
        }
        store.momentumAndEnergy(masses, 0, store.size(), after);
        long events = collider.totalCollisions();
        System.out.printf("gamma=%.1f: %d collisions, dP/scale = %.2e %.2e %.2e, dE/E = %.2e%n", gamma, events,
                (after[0] - before[0]) / momentumScale, (after[1] - before[1]) / momentumScale,
                (after[2] - before[2]) / momentumScale, (after[3] - before[3]) / before[3]);
        for (int d = 0; d < 3; d++) {
            assertEquals(before[d], after[d], 1e-12 * momentumScale, "momentum component " + d);
        }
        assertEquals(before[3], after[3], 1e-12 * before[3], "energy");
        assertEquals(true, events > 40_000, "collisions: " + events);
    }
}
