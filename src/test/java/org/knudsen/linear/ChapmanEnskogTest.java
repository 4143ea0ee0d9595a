package org.knudsen.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/** Chapman–Enskog transport from the ε → 0 limit of the linearized operator (PHYSICS.md §5.2–5.4, §12). */
class ChapmanEnskogTest {
    static final double K = 2 * Math.PI;

    /** The N = 3 example of PHYSICS.md §5.3: m = (1, 4, 40), c = (0.4, 0.3, 0.3), C = 1, isotropic. */
    static Mixture section53(double gamma) {
        return Mixture.builder().species("a", 1, 0.4).species("b", 4, 0.3).species("c", 40, 0.3)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.isotropic())).build();
    }

    static Mixture binary(double m1, double m2, double c1, double c2, double gamma) {
        return Mixture.builder().species("a", m1, c1).species("b", m2, c2)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.isotropic())).build();
    }

    static Mixture fourSpecies(double gamma) {
        return Mixture.builder().species("a", 1, 0.1).species("b", 2, 0.2).species("c", 4, 0.3).species("d", 40, 0.4)
                .defaultKernel(new CollisionKernel(1, gamma, AngularLaw.vss(1.5)))
                .pairKernel("a", "b", new CollisionKernel(0.7, gamma, AngularLaw.isotropic()))
                .pairKernel("b", "d", new CollisionKernel(1.9, gamma, AngularLaw.strongCutoff()))
                .pairKernel("c", "c", new CollisionKernel(2.5, gamma, AngularLaw.vss(2.3))).build();
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * Math.abs(expected), what);
    }

    /** γ = 0: the ε → 0 concentration rates are the Maxwell–Stefan rates for N = 2, 3, 4 at every Sonine order. */
    @Test
    void maxwellMoleculesGiveTheMaxwellStefanRates() {
        Mixture[] cases = {binary(1, 4, 0.3, 0.7, 0), section53(0), fourSpecies(0)};
        for (Mixture m : cases) {
            double[] ms = MaxwellStefanLinear.decayRates(m, new int[] {1}, new double[] {1, 1, 1});
            ChapmanEnskog ce = ChapmanEnskog.of(m, 4);
            ChapmanEnskog.ModeRates rates = ce.modeRates(K);
            for (int p = 1; p <= 4; p++) {
                double[] iso = rates.isothermal()[p - 1];
                for (int r = 0; r < ms.length; r++) {
                    assertRelative(ms[r], iso[r], 1e-8, "N=" + m.size() + " P=" + p + " rate " + r);
                }
            }
            // the Fick matrix itself is Maxwell–Stefan's
            double[][] fick = MaxwellStefanLinear.of(m).fickMatrix(), d = ce.transport().fickMatrix();
            for (int i = 0; i < m.size(); i++) {
                for (int j = 0; j < m.size(); j++) {
                    assertEquals(fick[i][j], d[i][j], 1e-10, "Fick " + i + "," + j);
                }
            }
        }
    }

    /** γ = 0: thermal diffusion vanishes, so the coupled rates are the isothermal ones plus a separate thermal rate. */
    @Test
    void maxwellMoleculesDecoupleTheThermalMode() {
        for (Mixture m : new Mixture[] {section53(0), fourSpecies(0)}) {
            ChapmanEnskog ce = ChapmanEnskog.of(m, 4);
            double[][] g = ce.reducedOperator(4);
            int n = m.size();
            for (int a = 0; a < n - 1; a++) {
                assertEquals(0, g[a][n - 1], 1e-12 * Math.abs(g[n - 1][n - 1]), "coupling to the thermal mode");
            }
            ChapmanEnskog.ModeRates r = ce.modeRates(K);
            double[] coupled = r.coupledRates().clone(), iso = r.isothermalRates();
            double thermal = coupled[r.thermalIndex()[3]];
            double[] rest = Arrays.stream(coupled).filter(x -> x != thermal).toArray();
            assertArrayEquals(iso, rest, 1e-9 * iso[iso.length - 1]);
            for (SonineSeries kT : ce.transport().thermalDiffusionRatios()) {
                assertEquals(0, kT.converged(), 1e-12);
            }
        }
    }

    /** P = 1 (drifted Maxwellians) is Maxwell–Stefan with Δ_ij for every γ (PHYSICS.md §1, §5.4). */
    @Test
    void firstApproximationIsMaxwellStefanForAnyGamma() {
        for (double gamma : new double[] {0.5, 1}) {
            for (Mixture m : new Mixture[] {section53(gamma), fourSpecies(gamma)}) {
                double[][] fick = MaxwellStefanLinear.of(m).fickMatrix();
                double[][] d = ChapmanEnskog.of(m, 2).transport().fickFirstApproximation();
                for (int i = 0; i < m.size(); i++) {
                    for (int j = 0; j < m.size(); j++) {
                        assertEquals(fick[i][j], d[i][j], 1e-11, "gamma=" + gamma + " Fick " + i + "," + j);
                    }
                }
            }
        }
    }

    /**
     * Hard spheres, PHYSICS.md §5.3 mixture: the Sonine table of §5.4 (P = 1..7, given to 7 digits) and the converged
     * isothermal rates 12.5204 and 21.004 (±2e-4); the last Sonine term changes every rate by < 1e-6.
     */
    @Test
    void hardSphereIsothermalRatesOfSection54() {
        ChapmanEnskog ce = ChapmanEnskog.of(section53(1), 40);
        ChapmanEnskog.ModeRates r = ce.modeRates(K);
        double[] slow = {12.19024, 12.48185, 12.51221, 12.51797, 12.51951, 12.52005, 12.52026};
        double[] fast = {19.74773, 20.74282, 20.92184, 20.97230, 20.99044, 20.99806, 21.00161};
        for (int p = 1; p <= 7; p++) {
            // PHYSICS.md's P = 6, 7 entries carry ~2e-5 of quadrature error (its converged values match ours)
            double tol = p <= 5 ? 6e-6 : 3e-5;
            assertEquals(slow[p - 1], r.isothermal()[p - 1][0], tol, "slow P=" + p);
            assertEquals(fast[p - 1], r.isothermal()[p - 1][1], tol, "fast P=" + p);
        }
        double[] iso = r.isothermalRates();
        assertRelative(12.5204, iso[0], 2e-4, "slow isothermal");
        assertRelative(21.004, iso[1], 2e-4, "fast isothermal");
        for (int m = 0; m < 2; m++) {
            double a = r.isothermal()[39][m], b = r.isothermal()[38][m];
            assertTrue(Math.abs(a - b) / a < 1e-6, "isothermal rate " + m + " converged: " + Math.abs(a - b) / a);
        }
        for (int m = 0; m < 3; m++) {
            double a = r.coupled()[39][m], b = r.coupled()[38][m];
            assertTrue(Math.abs(a - b) / a < 1e-6, "coupled rate " + m + " converged: " + Math.abs(a - b) / a);
        }
        System.out.println("section 5.3 hard spheres, P=40: isothermal " + Arrays.toString(iso) + ", coupled "
                + Arrays.toString(r.coupledRates()) + " (thermal at " + r.thermalIndex()[39] + ")");
    }

    /**
     * Trace diffusion of hard spheres (PHYSICS.md §5.4 table): D/D_1 with D_1 = Δ_12/c_2 tends to the Lorentz value
     * 32/(9π) for a light tracer (slow Sonine convergence from below) and to 1 for a heavy one (Rayleigh).
     */
    @Test
    void traceDiffusionLimits() {
        double lorentz = 32 / (9 * Math.PI);
        double[] ratio = new double[3];
        double[][] masses = {{1e-4, 1}, {1, 1}, {1e4, 1}};
        for (int c = 0; c < 3; c++) {
            Mixture m = binary(masses[c][0], masses[c][1], 1e-9, 1, 1);
            ChapmanEnskog ce = ChapmanEnskog.of(m, 60);
            double d1 = org.knudsen.physics.TransportCoefficients.delta(m, 0, 1) / 1;
            ratio[c] = ce.transport().fickEigenvalues()[0].converged() / d1;
            SonineSeries s = ce.transport().fickEigenvalues()[0];
            System.out.printf("trace %g:%g  D/D1 P=1 %.6f P=7 %.6f P=20 %.6f P=60 %.6f%n", masses[c][0], masses[c][1],
                    s.at(1) / d1, s.at(7) / d1, s.at(20) / d1, s.at(60) / d1);
            if (c == 0) {
                for (int p = 2; p <= 60; p++) {
                    assertTrue(s.at(p) >= s.at(p - 1) - 1e-12, "Lorentz limit is approached from below");
                }
            }
        }
        assertEquals(lorentz, ratio[0], 3e-4 * lorentz, "light tracer (1:1e4): Lorentz 32/(9 pi)");
        assertEquals(1.0190, ratio[1], 1e-4, "equal masses (PHYSICS 5.4: 1.0190)");
        assertEquals(1, ratio[2], 1e-5, "heavy tracer: Rayleigh limit 1");
    }

    /**
     * A single hard-sphere gas (C = πd², isotropic; knudsen units k = T = 1): the first approximations
     * η₁ = (5/16)√(m/π)/d² and λ₁ = (75/64)(1/m)√(m/π)/d², and the Sonine-converged ratios η/η₁ = 1.016034,
     * λ/λ₁ = 1.025218 of Pekeris & Alterman, Proc. Natl. Acad. Sci. 43, 998 (1957), as quoted by Chapman & Cowling,
     * The Mathematical Theory of Non-uniform Gases, 3rd ed. (1970).
     */
    @Test
    void singleSpeciesHardSphereViscosityAndConductivity() {
        double mass = 2.5, d = 0.7, strength = Math.PI * d * d;
        Mixture m = Mixture.builder().species("a", mass, 1.3)
                .defaultKernel(new CollisionKernel(strength, 1, AngularLaw.isotropic())).build();
        ChapmanEnskog.Transport t = ChapmanEnskog.of(m, 30).transport();
        double eta1 = 5.0 / 16 * Math.sqrt(mass / Math.PI) / (d * d);
        double lambda1 = 75.0 / 64 / mass * Math.sqrt(mass / Math.PI) / (d * d);
        assertRelative(eta1, t.shearViscosity().first(), 1e-13, "eta_1");
        assertRelative(lambda1, t.thermalConductivity().first(), 1e-13, "lambda_1");
        assertEquals(1.016034, t.shearViscosity().converged() / eta1, 1e-6, "eta/eta_1");
        assertEquals(1.025218, t.thermalConductivity().converged() / lambda1, 1e-6, "lambda/lambda_1");
        assertTrue(t.shearViscosity().lastRelativeChange() < 1e-8);
        assertTrue(t.thermalConductivity().lastRelativeChange() < 1e-8);
    }

    /** Maxwell molecules: η = 4/(3 C b^(2)) (stress relaxes at (3/4) n C b^(2)) and the Eucken ratio λ = (15/4) η/m exactly. */
    @Test
    void maxwellMoleculeViscosityAndEuckenRatio() {
        double mass = 3;
        Mixture m = Mixture.builder().species("a", mass, 0.8)
                .defaultKernel(new CollisionKernel(1.7, 0, AngularLaw.vss(1.8))).build();
        ChapmanEnskog.Transport t = ChapmanEnskog.of(m, 4).transport();
        assertRelative(4 / (3 * 1.7 * AngularLaw.vss(1.8).viscosityIntegral()), t.shearViscosity().converged(), 1e-13, "eta");
        assertRelative(15.0 / 4 / mass * t.shearViscosity().converged(), t.thermalConductivity().converged(), 1e-13,
                "Eucken");
    }

    /** Hard spheres: heavy species go to the cold side (k_T > 0), the ratios sum to zero, and they converge in P. */
    @Test
    void thermalDiffusionOfHardSpheres() {
        ChapmanEnskog ce = ChapmanEnskog.of(section53(1), 40);
        SonineSeries[] kT = ce.transport().thermalDiffusionRatios();
        double sum = 0;
        for (SonineSeries s : kT) {
            sum += s.converged();
            System.out.println("k_T series " + s.at(2) + " " + s.at(5) + " " + s.at(10) + " " + s.at(20) + " " + s.at(30)
                    + " " + s.at(40) + " last change " + s.lastRelativeChange());
        }
        for (SonineSeries s : kT) {
            assertTrue(s.lastRelativeChange() < 1e-6, "k_T converged: " + s.lastRelativeChange());
        }
        assertEquals(0, sum, 1e-14);
        assertTrue(kT[0].converged() < 0 && kT[2].converged() > 0, "light to hot, heavy to cold");
        System.out.println("k_T (section 5.3 hard spheres) first " + kT[0].first() + ", " + kT[1].first() + ", "
                + kT[2].first() + "; converged " + kT[0].converged() + ", " + kT[1].converged() + ", " + kT[2].converged());
        System.out.println("viscosity " + ce.transport().shearViscosity().first() + " -> "
                + ce.transport().shearViscosity().converged() + ", conductivity "
                + ce.transport().thermalConductivity().first() + " -> " + ce.transport().thermalConductivity().converged());
    }

    /**
     * Nearly isotopic rigid spheres: the first approximation (P = 2) of the thermal-diffusion ratio is
     * [k_T]_1 = (105/118) x_1 x_2 (m_1 − m_2)/(m_1 + m_2) (Chapman & Cowling, 3rd ed., rigid elastic spheres of nearly
     * equal mass), to O(Δm); the heavier species goes to the cold side.
     */
    @Test
    void isotopicHardSphereThermalDiffusionRatio() {
        double dm = 1e-3;
        ChapmanEnskog ce = ChapmanEnskog.of(binary(1 + dm, 1, 0.5, 0.5, 1), 12);
        SonineSeries kT = ce.transport().thermalDiffusionRatios()[0];
        double first = 105.0 / 118 * 0.25 * dm / (2 + dm);
        assertRelative(first, kT.first(), 1e-5, "[k_T]_1");
        assertRelative(-kT.converged(), ce.transport().thermalDiffusionRatios()[1].converged(), 1e-12, "sum zero");
        System.out.println("isotopic rigid spheres: k_T/[k_T]_1 with 12 Sonine terms = " + kT.converged() / first);
    }
}
