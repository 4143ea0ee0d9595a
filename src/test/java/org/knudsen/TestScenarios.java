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

}
