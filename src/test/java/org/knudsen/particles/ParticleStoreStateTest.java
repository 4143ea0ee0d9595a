package org.knudsen.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** ParticleStore.writeTo / readFrom: the checkpoint of the particles is exact. */
class ParticleStoreStateTest {
    private static byte[] bytesOf(ParticleStore s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(b));
        return b.toByteArray();
    }

    @Test
    void storeRoundTripsBitForBit() throws IOException {
        ParticleStore s = new ParticleStore(3, 0, new double[] {0.5, 0.25, 2});
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        for (int i = 0; i < 3; i++) {
            int first = s.append(i, 100 + i);
            for (int p = first; p < s.size(); p++) {
                s.x()[p] = (float) rng.nextDouble();
                s.y()[p] = (float) rng.nextDouble();
                s.z()[p] = (float) rng.nextDouble();
                s.vx()[p] = rng.nextDouble() - 0.5;
                s.vy()[p] = -0.0;
                s.vz()[p] = Double.MIN_VALUE * p;
            }
        }
        byte[] bytes = bytesOf(s);
        ParticleStore r = ParticleStore.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertEquals(s.size(), r.size());
        assertArrayEquals(s.weights(), r.weights());
        assertArrayEquals(Arrays.copyOf(s.species(), s.size()), Arrays.copyOf(r.species(), r.size()));
        assertArrayEquals(bytes, bytesOf(r), "written again: identical bytes (incl. -0.0 and subnormals)");
    }

    @Test
    void truncatedOrInvalidStateIsRefused() throws IOException {
        ParticleStore s = new ParticleStore(2, 0, new double[] {1, 1});
        s.append(1, 10);
        byte[] bytes = bytesOf(s);
        assertThrows(IOException.class, () -> ParticleStore.readFrom(
                new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 1)))));
        byte[] badSpecies = bytes.clone();
        badSpecies[bytes.length - 1] = 5;
        assertThrows(IOException.class, () -> ParticleStore.readFrom(
                new DataInputStream(new ByteArrayInputStream(badSpecies))));
    }
}
