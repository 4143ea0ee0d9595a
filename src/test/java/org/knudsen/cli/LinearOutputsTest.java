package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.io.StrictJson;
import org.knudsen.io.TimeSeriesReader;
import org.knudsen.linear.LinearizedBoltzmann;
import org.knudsen.linear.MaxwellianMode;
import org.knudsen.linear.ModeDynamics;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.TestScenarios;

/** Where users see the linear solver: info's keys, a run's _lb columns, sweep --linear. */
class LinearOutputsTest extends CommandLineTest {
    /** info --json: the linear keys have the shape of ms_decay_rates (one list of N − 1 numbers per mode). */
    @Test
    void infoJsonHasTheLinearRatesInTheShapeOfTheMaxwellStefanRates() throws Exception {
        assertEquals(0, knudsen("info", "--json"), err::toString);
        JsonNode j = StrictJson.parse(out.toString());
        for (String key : List.of("ms_decay_rates", "chapman_enskog_decay_rates", "linear_boltzmann_decay_rates",
                "linear_boltzmann_isolated", "linear_boltzmann_degree_change")) {
            assertEquals(1, j.get(key).size(), key);
            assertEquals(2, j.get(key).get(0).size(), key);
        }
        assertEquals(16, j.get("linear_boltzmann_degree").asInt());
        assertEquals("maxwell-stefan", j.get("closure").asText());
        // γ = 0: the ε → 0 limit is Maxwell–Stefan; at ε = 0.1 the kinetic rates are far below it (PHYSICS.md §5.4)
        for (int q = 0; q < 2; q++) {
            double ms = j.get("ms_decay_rates").get(0).get(q).asDouble();
            assertEquals(ms, j.get("chapman_enskog_decay_rates").get(0).get(q).asDouble(), 1e-9 * ms);
            assertTrue(j.get("linear_boltzmann_decay_rates").get(0).get(q).asDouble() < 0.7 * ms);
        }
        assertEquals(0, knudsen("info"), err::toString);
        assertTrue(out.toString().contains("linearized Boltzmann decay rates of mode 0"), out::toString);
    }

    /** info still works for one species and for a homogeneous scenario: the linear lists are empty, as the MS ones. */
    @Test
    void infoWorksForOneSpeciesAndHomogeneousScenarios(@TempDir Path dir) throws Exception {
        String one = """
                [scaling]
                epsilon = 0.1
                [[species]]
                name = "X"
                mass = 1
                concentration = 1
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { X = 0.0 }
                """;
        String homogeneous = """
                [[species]]
                name = "X"
                mass = 1
                concentration = 0.5
                [[species]]
                name = "Y"
                mass = 3
                concentration = 0.5
                """;
        for (String toml : List.of(one, homogeneous)) {
            Path file = dir.resolve("s.toml");
            Files.writeString(file, toml);
            out.getBuffer().setLength(0);
            assertEquals(0, knudsen("info", file.toString(), "--json"), err::toString);
            JsonNode j = StrictJson.parse(out.toString());
            assertEquals(0, j.get("linear_boltzmann_decay_rates").size());
            assertEquals(0, j.get("chapman_enskog_decay_rates").size());
            assertEquals(0, knudsen("info", file.toString()), err::toString);
        }
    }

    /**
     * A run writes conc_mode_<name>_lb and dev_norm_lb: at t = 0 they are the initial data (ε c̃, the Maxwell–Stefan
     * value, and F = M^ε), and every row equals the linear evolution of that data, computed here independently.
     */
    @Test
    void runWritesTheExactLinearEvolutionOfItsInitialData(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path file = tmp.resolve("tiny.toml");
        Files.writeString(file, TestScenarios.ternary(dir, "[particles]\nper_cell = 200", 0.1, 0.18));
        assertEquals(0, knudsen("run", file.toString()), err::toString);
        TimeSeriesReader series = TimeSeriesReader.read(dir.resolve("timeseries.csv"));
        double[] t = series.column("t");
        String[] names = {"A", "B", "C"};
        double[] c0 = {0.3 * 0.2, -0.3 * 0.1, -0.3 * 0.1};
        for (int i = 0; i < 3; i++) {
            assertEquals(c0[i], series.column("conc_mode_" + names[i] + "_lb")[0], 1e-15);
            assertEquals(series.column("conc_mode_" + names[i] + "_ms")[0], series.column("conc_mode_" + names[i] + "_lb")[0],
                    1e-12);
        }
        assertEquals(0, series.column("dev_norm_lb")[0], 1e-15);
        JsonNode summary = StrictJson.file(dir.resolve("summary.json"));
        int degree = summary.get("linear_reference").get("degree").asInt();
        assertTrue(degree >= 8);
        // independent: the evolution of the same Maxwellian data at the degree the run chose
        Scenario s = ScenarioParser.parse(Files.readString(dir.resolve("scenario.toml")), "resolved");
        double k = 2 * Math.PI;
        double[][] fick = org.knudsen.fluid.MaxwellStefanLinear.of(s.mixture()).fickMatrix();
        double[] drift = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                drift[i] += k * fick[i][j] * c0[j] / s.mixture().concentration(i);
            }
        }
        var ev = ModeDynamics.of(LinearizedBoltzmann.assemble(s.mixture(), degree), k, 0.3)
                .evolve(MaxwellianMode.cosineDensitySineDrift(c0, drift), t);
        for (int r = 0; r < t.length; r++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(ev.densityRe()[r][i], series.column("conc_mode_" + names[i] + "_lb")[r], 1e-14);
            }
        }
        assertTrue(summary.get("final").has("dev_norm_lb"));
    }

    /** The _lb column names take part in the output-name clash rule: species "A" and "A_lb" would share one. */
    @Test
    void linearColumnNamesCannotClash(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("clash.toml");
        Files.writeString(file, TestScenarios.ternary(tmp.resolve("clash"), "[particles]\nper_cell = 20", 0.1, 0.18)
                .replace("name = \"C\"", "name = \"A_lb\"").replace("C = ", "A_lb = "));
        assertEquals(2, knudsen("run", file.toString()));
        assertTrue(err.toString().contains("conc_mode_A_lb"), err::toString);
    }

    /**
     * sweep --linear: one row per ε down to 10⁻³ with the documented columns, and sup‖F − M‖/ε bounded as ε → 0
     * (Theorem 2.2); for hard spheres with the Maxwell–Stefan closure it tends to a non-zero constant (the O(ε)
     * Chapman–Enskog density deviation, PHYSICS.md §8.4), for Maxwell molecules it falls.
     */
    @Test
    void linearSweepReachesSmallEpsilonAndStaysBounded(@TempDir Path tmp) throws Exception {
        for (double gamma : new double[] {0, 1}) {
            Path file = tmp.resolve("s" + gamma + ".toml");
            Files.writeString(file, TestScenarios.ternary(tmp.resolve("unused"), "[particles]\nper_cell = 10", 0.1, 0.1)
                    .replace("[fluid]", "[collisions]\ngamma = " + gamma + "\n[fluid]").replace("epsilon = 0.3", "epsilon = 0.1"));
            Path dir = tmp.resolve("sweep" + gamma);
            out.getBuffer().setLength(0);
            assertEquals(0, knudsen("sweep", file.toString(), "--linear", "--eps", "0.1,0.01,0.001", "--dir",
                    dir.toString()), err::toString);
            TimeSeriesReader sweep = TimeSeriesReader.read(dir.resolve("linear_sweep.csv"));
            assertEquals(List.of("epsilon", "sup_dev_norm_lb", "sup_dev_norm_lb_over_eps", "t_of_sup", "degree",
                    "last_change", "converged", "cells", "seconds"), sweep.columns());
            assertEquals(3, sweep.rows().size());
            double[] ratio = sweep.column("sup_dev_norm_lb_over_eps");
            System.out.printf("gamma=%.0f sup|F-M|/eps at eps = 0.1, 0.01, 0.001: %.4g %.4g %.4g%n", gamma, ratio[0],
                    ratio[1], ratio[2]);
            for (double r : ratio) {
                assertTrue(r > 0 && r < 2 * ratio[0], "bounded: " + r);
            }
            if (gamma == 0) {
                assertTrue(ratio[2] < ratio[1] && ratio[1] < ratio[0], "Maxwell molecules: falls as eps -> 0");
            } else {
                assertEquals(ratio[1], ratio[2], 0.5 * ratio[1], "hard spheres: tends to a constant");
            }
            assertTrue(Files.size(dir.resolve("linear_sweep.png")) > 1000);
        }
        assertEquals(2, knudsen("sweep", "--linear", "--eps", "0"));
        assertTrue(err.toString().contains("--eps"));
    }
}
