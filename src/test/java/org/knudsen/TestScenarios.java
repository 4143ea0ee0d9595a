package org.knudsen;

import java.nio.file.Path;
import java.util.Locale;

/** Scenarios shared by the tests of several packages (one copy, so a schema change is made once). */
public final class TestScenarios {
    private TestScenarios() {
    }

    /**
     * A binary mixture (masses 1 and 4, hard spheres, ε = 0.5) with one concentration mode on 16 cells × 50
     * particles; 200 steps of dt = 0.005 to t = 1, a sample every 10 steps (about 0.3 s).
     */
    public static String tiny(Path dir, int threads, double checkpointEvery) {
        return String.format(Locale.ROOT, """
                name = "tiny"
                seed = 7
                threads = %d
                [scaling]
                epsilon = 0.5
                [domain]
                length = [1.0, 1.0, 1.0]
                cells = [16, 1, 1]
                [[species]]
                name = "A"
                mass = 1.0
                concentration = 0.5
                [[species]]
                name = "B"
                mass = 4.0
                concentration = 0.5
                [collisions]
                gamma = 1.0
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { A = 0.2, B = -0.2 }
                [particles]
                per_cell = 50
                [time]
                dt = 0.005
                end = 1.0
                [output]
                dir = "%s"
                every = 0.05
                checkpoint_every = %s
                """, threads, dir.toString().replace("\\", "/"), checkpointEvery);
    }


    /**
     * A binary mixture of Maxwell molecules in the Maxwell–Stefan regime (the cross-check's case, see CheckCommandTest):
     * masses 1 and 1, c∞ = 0.5/0.5, C = 10 (Δ = 0.2), one mode ε c̃ = ±0.3 on L = 1.
     */
    public static String binary(long seed, double epsilon, int cells, int perCell, double end, double every, Path dir) {
        return String.format(Locale.ROOT, """
                name = "binary-check"
                seed = %d
                threads = 1
                [scaling]
                epsilon = %s
                [domain]
                length = [1.0, 1.0, 1.0]
                cells = [%d, 1, 1]
                [[species]]
                name = "A"
                mass = 1.0
                concentration = 0.5
                [[species]]
                name = "B"
                mass = 1.0
                concentration = 0.5
                [collisions]
                gamma = 0.0
                strength = 10.0
                angular = "isotropic"
                [fluid]
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { A = %s, B = %s }
                [particles]
                per_cell = %d
                [time]
                end = %s
                [output]
                dir = "%s"
                every = %s
                """, seed, epsilon, cells, 0.3 / epsilon, -0.3 / epsilon, perCell, end,
                dir.toString().replace("\\", "/"), every);
    }


    /** The PHYSICS.md §5.3 ternary mixture on a small box; {@code particles} may be empty for a fluid-only run. */
    public static String ternary(Path dir, String particles, double amplitude, double end) {
        return """
                name = "tiny"
                seed = 7
                threads = 2
                [scaling]
                epsilon = 0.3
                [domain]
                length = [1.0, 1.0, 1.0]
                cells = [16, 1, 1]
                [[species]]
                name = "A"
                mass = 1.0
                concentration = 0.4
                [[species]]
                name = "B"
                mass = 4.0
                concentration = 0.3
                [[species]]
                name = "C"
                mass = 40.0
                concentration = 0.3
                [fluid]
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { A = %s, B = %s, C = %s }
                %s
                [time]
                end = %s
                [output]
                dir = "%s"
                every = %s
                """.formatted(2 * amplitude, -amplitude, -amplitude, particles, end,
                dir.toString().replace("\\", "/"), end / 10);
    }
}
