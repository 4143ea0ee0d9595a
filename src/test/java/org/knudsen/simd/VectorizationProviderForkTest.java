package org.knudsen.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kernel selection in forked JVMs (the same java binary and test class path) that narrow or remove the Vector
 * API: {@code -XX:MaxVectorSize=8} and {@code =16}, no {@code --add-modules jdk.incubator.vector}, and the switch
 * {@code -Dknudsen.simd}. Each fork runs {@link ForkedKernelRun} (a small spatial DSMC); its particles must equal
 * bit for bit, and its moment sums to rounding, those of the scalar twins ({@code -Dknudsen.simd=scalar}).
 */
class VectorizationProviderForkTest {
    private static final String MODULE = "jdk.incubator.vector";
    /** A Vector-API class of knudsen (or of the JDK) named in -Xlog:class+load output. */
    private static final Pattern VECTOR_CLASS_LOADED =
            Pattern.compile("org\\.knudsen\\.simd\\.(VectorStreamKernel|VectorMomentAccumulator|VectorKernels)\\b|jdk\\.incubator\\.vector\\.");

    private static Fork reference;

    /** What a forked JVM printed. */
    private record Fork(List<String> command, int exit, String output) {
        String value(String key) {
            Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(output);
            assertTrue(m.find(), () -> "no " + key + "= in the output of " + command + ":\n" + output);
            return m.group(1);
        }

        String kernels() {
            return value("kernels");
        }

        double[] moments() {
            String[] parts = value("moments").split(",");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i]);
            }
            return v;
        }

        boolean loadedVectorClasses() {
            return VECTOR_CLASS_LOADED.matcher(output).find();
        }
    }

    private static Fork fork(boolean vectorModule, String... jvmOptions) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        if (vectorModule) {
            command.addAll(List.of("--add-modules", MODULE));
        }
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkedKernelRun.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> command + " did not finish");
        return new Fork(command, p.exitValue(), output);
    }

    private static Fork succeeded(Fork f) {
        assertEquals(0, f.exit(), () -> f.command() + " failed:\n" + f.output());
        return f;
    }

    @BeforeAll
    static void scalarReference() throws Exception {
        reference = succeeded(fork(true, "-Dknudsen.simd=scalar", "-Xlog:class+load=info"));
    }

    /** Same particles bit for bit, and moment sums within 1e-12 of Σ|term| (bounded by √(n Σ He²) for signed sums). */
    private static void assertSameNumbersAsTheScalarTwins(Fork f) {
        assertEquals(reference.value("particles"), f.value("particles"), () -> f.command() + ": particles");
        double[] expected = reference.moments(), actual = f.moments();
        assertEquals(expected.length, actual.length);
        for (int g = 0; g < expected.length; g += MomentAccumulator.SLOTS) {
            double n = expected[g + MomentAccumulator.SUM];
            for (int k = 0; k < MomentAccumulator.SLOTS; k++) {
                double scale = k < MomentAccumulator.SUM_SQUARES
                        ? Math.sqrt(n * expected[g + MomentAccumulator.SUM_SQUARES + k]) : Math.abs(expected[g + k]);
                String where = f.command() + ": group " + (g / MomentAccumulator.SLOTS) + ", slot " + k;
                assertEquals(expected[g + k], actual[g + k], 1e-12 * scale + 1e-300, where);
            }
        }
    }

    @Test
    @Timeout(120)
    void theScalarSwitchIsHonouredAndLoadsNoVectorClass() {
        assertEquals("stream scalar, moments scalar", reference.kernels());
        assertFalse(reference.loadedVectorClasses(), reference.output());
        assertTrue(reference.output().contains("-Dknudsen.simd=scalar"), "the choice is logged: " + reference.output());
    }

    @Test
    @Timeout(120)
    void withoutTheIncubatorModuleTheScalarTwinsRunAndNoVectorClassIsLoaded() throws Exception {
        Fork f = succeeded(fork(false, "-Xlog:class+load=info"));
        assertEquals("stream scalar, moments scalar", f.kernels());
        assertFalse(f.loadedVectorClasses(), f.output());
        assertTrue(f.output().contains("--add-modules " + MODULE), "the log names the remedy: " + f.output());
        assertSameNumbersAsTheScalarTwins(f);
    }

    @Test
    @Timeout(120)
    void eightByteVectorsFallBackToTheScalarTwins() throws Exception {
        Fork f = succeeded(fork(true, "-XX:MaxVectorSize=8"));
        assertEquals("stream scalar, moments scalar", f.kernels(), f.output());
        assertSameNumbersAsTheScalarTwins(f);
    }

    @Test
    @Timeout(120)
    void sixteenByteVectorsStreamScalarAndTakeMomentsScalarOrAt128Bits() throws Exception {
        Fork f = succeeded(fork(true, "-XX:MaxVectorSize=16"));
        assertTrue(f.kernels().matches("stream scalar, moments (scalar|vector-128)"), f.kernels()); // stream masks need 4 lanes
        assertSameNumbersAsTheScalarTwins(f);
    }

    @Test
    @Timeout(120)
    void theDefaultChoiceGivesTheScalarTwinsNumbers() throws Exception {
        Fork f = succeeded(fork(true));
        if (KernelWidths.maxBits() >= 256) {
            assertTrue(f.kernels().matches("stream vector-\\d+, moments vector-\\d+"), f.kernels());
        }
        assertSameNumbersAsTheScalarTwins(f);
    }

    @Test
    @Timeout(120)
    void theVectorSwitchFailsNamingTheReasonWhenTheKernelsCannotBeBuilt() throws Exception {
        Fork noModule = fork(false, "-Dknudsen.simd=vector");
        assertEquals(3, noModule.exit(), noModule.output());
        assertTrue(noModule.value("error").contains("-Dknudsen.simd=vector") && noModule.value("error").contains(MODULE),
                noModule.output());
        Fork narrow = fork(true, "-Dknudsen.simd=vector", "-XX:MaxVectorSize=8");
        assertEquals(3, narrow.exit(), narrow.output());
        assertTrue(narrow.value("error").contains("-Dknudsen.simd=vector") && narrow.value("error").contains("kernel"),
                narrow.output());
    }

    @Test
    @Timeout(120)
    void anUnknownSwitchValueIsAnError() throws Exception {
        Fork f = fork(true, "-Dknudsen.simd=avx");
        assertEquals(3, f.exit(), f.output());
        assertTrue(f.value("error").contains("-Dknudsen.simd=avx") && f.value("error").contains("scalar or vector"), f.output());
    }
}
