package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.knudsen.particles.HomogeneousRelaxation.InitialState;
import org.knudsen.particles.HomogeneousRelaxation.SpeciesState;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/**
 * The collider's checkpoint state (NTC majorants and counters, {@link NtcSelection#writeState}): its layout, and that a
 * collider restored from it continues bit-identically, for every angular-law kind, γ = 0, ½, 1 and another γ, and
 * unequal species weights. Deterministic: no statistical assertion.
 */
class CollisionStateTest {
    private static final int CELLS = 2;

    private static Mixture mixture() {
        return Mixture.builder().species("A", 1, 0.5).species("B", 4, 0.3).species("C", 40, 0.2)
                .defaultKernel(new CollisionKernel(1, 0.5, AngularLaw.vss(1.4)))
                .pairKernel("A", "A", new CollisionKernel(1.3, 0, AngularLaw.isotropic()))
                .pairKernel("A", "C", new CollisionKernel(0.8, 1, AngularLaw.tabulated(
                        new double[] {-1, -0.2, 0.4, 1}, new double[] {0.5, 1, 2, 1.5})))
                .pairKernel("B", "B", new CollisionKernel(1.1, 0.3, AngularLaw.strongCutoff())).build();
    }

    /** Particle counts not proportional to c_i, so the species weights differ. */
    private static ParticleStore store(Mixture m) {
        InitialState init = new InitialState(1.0, List.of(new SpeciesState(300, 0.2, 0, 0, 1.5),
                new SpeciesState(250, -0.1, 0.1, 0, 1.0), new SpeciesState(120, 0, 0, 0.3, 0.7)));
        return HomogeneousRelaxation.maxwellianStore(m, init, RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
    }

    private static void steps(CellCollider collider, ParticleStore store, int count, UniformRandomProvider rng) {
        // both cells hold all the particles (the store lists the species one after another), each with its majorants
        for (int s = 0; s < count; s++) {
            collider.collide(store, 0, 0, store.size(), 0.5, 0.02, 0.7, rng);
            collider.collide(store, 1, 0, store.size(), 1.5, 0.02, 0.7, rng);
        }
    }

    private static byte[] state(CellCollider collider) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        collider.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void restoredColliderContinuesBitIdentically() throws IOException {
        Mixture m = mixture();
        ParticleStore a = store(m), b = store(m);
        CellCollider continuous = new CellCollider(m, a.weights(), CELLS);
        CellCollider first = new CellCollider(m, b.weights(), CELLS);
        UniformRandomProvider rngA = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        UniformRandomProvider rngB = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        steps(continuous, a, 40, rngA);
        steps(first, b, 15, rngB);
        CellCollider resumed = new CellCollider(m, b.weights(), CELLS);
        resumed.readState(new DataInputStream(new ByteArrayInputStream(state(first))));
        steps(resumed, b, 25, rngB);
        assertArrayEquals(a.vx(), b.vx());
        assertArrayEquals(a.vy(), b.vy());
        assertArrayEquals(a.vz(), b.vz());
        assertArrayEquals(state(continuous), state(resumed));
        for (int i = 0; i < 3; i++) {
            for (int j = i; j < 3; j++) {
                assertEquals(continuous.collisions(i, j), resumed.collisions(i, j));
                assertTrue(continuous.collisions(i, j) > 0, "pair " + i + j + " collided");
            }
        }
        // γ = 0 (pair A-A): B̄ = C = B_max, every candidate collides
        assertEquals(continuous.candidates(0, 0), continuous.collisions(0, 0));
    }

    @Test
    void stateLayoutIsSpeciesCellsMajorantsThenCounters() throws IOException {
        Mixture m = mixture();
        ParticleStore store = store(m);
        CellCollider collider = new CellCollider(m, store.weights(), CELLS);
        steps(collider, store, 3, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        int n = 3;
        ByteBuffer buf = ByteBuffer.wrap(state(collider));
        assertEquals(4 + 4 + 8 * CELLS * n * n + 16 * n * n, buf.remaining());
        assertEquals(n, buf.getInt());
        assertEquals(CELLS, buf.getInt());
        for (int cell = 0; cell < CELLS; cell++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double majorant = buf.getDouble();
                    assertTrue(i <= j ? majorant > 0 : majorant == 0, "majorant of cell " + cell + " pair " + i + j);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long candidates = buf.getLong(), collisions = buf.getLong();
                assertEquals(i <= j ? collider.candidates(i, j) : 0, candidates);
                assertEquals(i <= j ? collider.collisions(i, j) : 0, collisions);
            }
        }
    }

    @Test
    void stateOfAnotherShapeIsRejected() throws IOException {
        Mixture m = mixture();
        ParticleStore store = store(m);
        byte[] saved = state(new CellCollider(m, store.weights(), CELLS));
        CellCollider other = new CellCollider(m, store.weights(), CELLS + 1);
        IOException e = assertThrows(IOException.class,
                () -> other.readState(new DataInputStream(new ByteArrayInputStream(saved))));
        assertTrue(e.getMessage().contains("cells"), e.getMessage());
    }
}
