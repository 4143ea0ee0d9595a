package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class StreamKernelTest {
    private static final PeriodicGrid GRID = new PeriodicGrid(new int[] {13, 7, 5}, new double[] {1.0, 0.3, 2.7});

    /** Particles anywhere in the box with velocities up to several box lengths per step, both signs. */
    private static ParticleStore randomStore(long seed, int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ParticleStore store = new ParticleStore(3, n, new double[] {1, 1, 1});
        double[] l = GRID.lengths();
        for (int s = 0; s < 3; s++) {
            store.append(s, n / 3);
        }
        for (int p = 0; p < store.size(); p++) {
            store.species()[p] = (byte) rng.nextInt(3);
            store.setPosition(p, PeriodicGrid.stored(rng.nextDouble() * l[0], l[0]),
                    PeriodicGrid.stored(rng.nextDouble() * l[1], l[1]), PeriodicGrid.stored(rng.nextDouble() * l[2], l[2]));
            // mostly thermal, some far jumps, some exactly at the box edge after the step
            double scale = p % 17 == 0 ? 40 : 1;
            store.vx()[p] = scale * (2 * rng.nextDouble() - 1);
            store.vy()[p] = scale * (2 * rng.nextDouble() - 1);
            store.vz()[p] = scale * (2 * rng.nextDouble() - 1);
        }
        store.x()[0] = Math.nextDown(1.0f); // lands on L after rounding when moved up by half an ulp
        store.vx()[0] = 1e-9;
        store.x()[1] = 0f;
        store.vx()[1] = -1e-12; // just below 0: wraps to the float nearest L, which must become 0
        return store;
    }

    /** The Vector-API kernel and its scalar twin move the particles to bit-identical positions and keys. */
    @Test
    void vectorAndScalarStreamKernelsAgreeBitForBit() {
        ParticleStore a = randomStore(7L, 3001), b = randomStore(7L, 3001);
        int[] ka = new int[a.size()], kb = new int[b.size()];
        for (int step = 0; step < 5; step++) {
            StreamKernels.scalar().streamAndKey(a, GRID, 0, a.size(), 0.37, ka);
            StreamKernels.vector().streamAndKey(b, GRID, 0, b.size(), 0.37, kb);
            assertArrayEquals(a.x(), b.x());
            assertArrayEquals(a.y(), b.y());
            assertArrayEquals(a.z(), b.z());
            assertArrayEquals(ka, kb);
        }
    }

    /**
     * Free streaming is x + v·factor modulo the box, to the float precision of a stored position (half an
     * ulp of L), every position stays in [0, L), and the key is the (cell, species) group of the new position.
     */
    @Test
    void streamingIsTranslationModuloTheBoxToFloatPrecision() {
        ParticleStore store = randomStore(11L, 2000);
        double[] l = GRID.lengths();
        double factor = 0.37;
        float[][] before = {store.x().clone(), store.y().clone(), store.z().clone()};
        int[] key = new int[store.size()];
        StreamKernels.best().streamAndKey(store, GRID, 0, store.size(), factor, key);
        float[][] after = {store.x(), store.y(), store.z()};
        double[][] v = {store.vx(), store.vy(), store.vz()};
        for (int p = 0; p < store.size(); p++) {
            for (int d = 0; d < 3; d++) {
                double exact = before[d][p] + v[d][p] * factor;
                double diff = after[d][p] - exact;
                diff -= l[d] * Math.rint(diff / l[d]); // periodic distance
                assertTrue(Math.abs(diff) <= Math.ulp((float) l[d]) * 0.5 + 1e-15 * Math.abs(exact),
                        "particle " + p + " axis " + d + ": off by " + diff);
                assertTrue(after[d][p] >= 0 && after[d][p] < l[d], "inside the box");
            }
            assertEquals(GRID.cellIndex(after[0][p], after[1][p], after[2][p]) * 3 + store.species()[p], key[p]);
        }
    }
}
