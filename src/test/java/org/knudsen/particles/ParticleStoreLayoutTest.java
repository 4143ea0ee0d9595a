package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The store's memory layout (float positions) and the checkpoint layouts it reads. */
class ParticleStoreLayoutTest {
    /** ≤ 40 bytes of state per particle (DESIGN.md: memory per particle): 3 floats, 3 doubles, 1 byte. */
    @Test
    void storeHoldsAParticleIn37Bytes() {
        assertEquals(37, ParticleStore.bytesPerParticle());
        assertEquals(17, ParticleStore.scratchBytesPerParticle() + CellSort.bufferBytesPerParticle());
    }

    /** A layout-1 checkpoint (double positions, written before float positions) is read, positions rounded. */
    @Test
    void layoutOneCheckpointWithDoublePositionsIsStillRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1); // layout version
        out.writeInt(2); // species
        out.writeDouble(0.5);
        out.writeDouble(2.0);
        out.writeInt(2); // particles
        double[][] columns = {{0.1, 0.7}, {0.2, 0.8}, {0.3, 0.9}, {1, -1}, {2, -2}, {3, -3}};
        for (double[] c : columns) {
            for (double v : c) {
                out.writeDouble(v);
            }
        }
        out.write(new byte[] {1, 0});
        ParticleStore s = ParticleStore.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(2, s.size());
        assertEquals(0.1f, s.x()[0]);
        assertEquals(0.9f, s.z()[1]);
        assertEquals(-2.0, s.vy()[1]);
        assertEquals(1, s.species()[0]);
        assertEquals(2.0, s.weight(1));
    }
}
