package org.knudsen.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The probe in this JVM (the build adds jdk.incubator.vector); forks that narrow it: {@link VectorizationProviderForkTest}. */
class VectorizationProviderTest {
    @Test
    void theChoiceIsMadeOnceAndIsTheAutomaticOne() {
        assertSame(VectorizationProvider.get(), VectorizationProvider.get());
        assertEquals(VectorizationProvider.lookup(System.getProperty(VectorizationProvider.PROPERTY)).name(),
                VectorizationProvider.get().name());
    }

    @Test
    void underTheBuildTheVectorKernelsAreChosenWhereTheCpuHasVectorsOf256BitsOrMore() {
        if (KernelWidths.maxBits() >= 256) {
            String name = VectorizationProvider.lookup(null).name();
            assertTrue(name.matches("stream vector-\\d+, moments vector-\\d+"), name);
            assertEquals(name, VectorizationProvider.lookup("vector").name());
            assertEquals(name, VectorizationProvider.vector().name());
        }
    }

    @Test
    void theSwitch() {
        assertEquals("stream scalar, moments scalar", VectorizationProvider.lookup("scalar").name());
        assertEquals("stream scalar, moments scalar", VectorizationProvider.scalar().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorizationProvider.lookup("fast"));
        assertTrue(e.getMessage().contains("-Dknudsen.simd=fast"), e.getMessage());
    }

    @Test
    void explicitWidthsForBenchmarks() {
        for (int bits : KernelWidths.BITS) {
            if (bits <= KernelWidths.maxBits()) {
                assertEquals("vector-" + bits, VectorizationProvider.vectorMomentAccumulator(bits).name());
                if (bits >= 256) {
                    assertEquals("vector-" + bits, VectorizationProvider.vectorStreamKernel(bits).name());
                } else {
                    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                            () -> VectorizationProvider.vectorStreamKernel(bits));
                    assertTrue(e.getMessage().contains("masks need 4 lanes"), e.getMessage());
                }
            } else {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> VectorizationProvider.vectorMomentAccumulator(bits));
                assertTrue(e.getMessage().contains("wider than"), e.getMessage());
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> VectorizationProvider.vectorMomentAccumulator(64));
        assertThrows(UnsupportedOperationException.class, () -> VectorizationProvider.vectorStreamKernel(0));
    }
}
