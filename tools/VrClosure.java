import java.nio.file.Files;
import java.nio.file.Path;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.linear.BurnettBasis;
import org.knudsen.linear.LinearizedBoltzmann;
import org.knudsen.linear.MaxwellianMode;
import org.knudsen.linear.ModeDynamics;
import org.knudsen.physics.Mixture;
import org.knudsen.run.RunPlan;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;

/**
 * The deterministic limit of the variance-reduced mode amplitudes (docs/variance-reduction.md, "What the reduced
 * estimate follows"): the linear evolution of a run's initial data under the Galerkin projection of the mode operator
 * A = −(i/ε) k v·k̂ + L/ε² on a span of Burnett functions Ψ_{i,nl} (PHYSICS.md §12), i.e. the moment closure that the
 * smoothing of the importance weights imposes on the reduced deviation (velocity part only: the cells and the position
 * functions are not modelled). Source launch, after a build:
 *   $JAVA_HOME/bin/java --add-modules jdk.incubator.vector -cp "target/classes:target/lib/*" tools/VrClosure.java \
 *       RUN_DIR/replicas/r0/scenario.toml DEGREE SPAN [steps] > closure.csv
 * SPAN: "full" (every function of Burnett degree ≤ DEGREE: the exact evolution as DEGREE grows), or the largest radial
 * index n per l, e.g. "0:2,1:2,2:0" (the 17 functions up to S₂), "0:2,1:2,2:1,3:0" (the 29 of WeightProjection);
 * per species separated by '/' (the last one for the rest). DEGREE must hold the span (2n + l ≤ DEGREE; 9 does).
 * "steps": project once per time step of the run (d ← P e^{Δt A} d, the full operator within a step: the smoothing's
 * own time discretization, splitting left out) instead of the continuous projected evolution e^{t PAP}.
 * Output: t, then one column per species (cosine amplitude of c_i at the run's output times).
 */
public class VrClosure {
    public static void main(String[] a) throws Exception {
        Scenario s = ScenarioParser.parse(Files.readString(Path.of(a[0])));
        RunPlan plan = RunPlan.of(s);
        int degree = Integer.parseInt(a[1]);
        String span = a[2];
        Mixture mixture = plan.mixture();
        int n = mixture.size();
        double eps = s.epsilon();
        double[] times = plan.outputTimes();
        FourierMode m = plan.modes().get(0);
        double[] k = FourierMode.angularWavevector(m.wavevector(), plan.grid().lengths());
        double wavenumber = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
        double[] c0 = m.amplitude().clone();
        for (int i = 0; i < n; i++) {
            c0[i] *= eps;
        }
        // the particles' initial data: density ε c̃ cos(k·x), drift u_i = |k| (D ĉ)_i / c_∞,i sin(k·x) (LinearModeReference)
        double[][] fick = new MaxwellStefanLinear(plan.closure().delta(mixture), mixture.concentrations()).fickMatrix();
        double[] drift = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                drift[i] += fick[i][j] * c0[j];
            }
            drift[i] *= wavenumber / mixture.concentration(i);
        }
        MaxwellianMode init = MaxwellianMode.cosineDensitySineDrift(c0, drift);
        LinearizedBoltzmann op = LinearizedBoltzmann.assemble(mixture, degree);
        BurnettBasis basis = op.basis();
        ModeDynamics md = ModeDynamics.of(op, wavenumber, eps);
        int size = basis.size();
        boolean[] keep = new boolean[size];
        for (int l = 0; l <= degree; l++) {
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < basis.radialCount(l); r++) {
                    keep[basis.index(l, i, r)] = span.equals("full") || inSpec(span, i, l, r);
                }
            }
        }
        // "steps": the smoothing's own time discretization, d ← P e^{Δt A} d once per time step of the run (A unrestricted
        // within a step); otherwise the continuous projection e^{t PAP}
        boolean steps = a.length > 3 && a[3].equals("steps");
        double[][] A = new double[size][size];
        double[] e = new double[size], y = new double[size];
        for (int c = 0; c < size; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            md.apply(e, y);
            for (int r = 0; r < size; r++) {
                A[r][c] = steps || keep[r] && keep[c] ? y[r] : 0;
            }
        }
        // initial coefficients: ĉ_i/√c_i on Ψ_{i,00}, √(m_i c_i) ε û_i on Ψ_{i,01}; real form d = i^{-l} c
        double[] dRe = new double[size], dIm = new double[size];
        for (int i = 0; i < n; i++) {
            double sc = Math.sqrt(mixture.concentration(i));
            dRe[basis.index(0, i, 0)] = init.densityRe()[i] / sc;
            dIm[basis.index(0, i, 0)] = init.densityIm()[i] / sc;
            double su = Math.sqrt(mixture.mass(i) * mixture.concentration(i)) * eps;
            // c = su (uRe + i uIm) on l = 1; d = −i c = su (uIm − i uRe)
            dRe[basis.index(1, i, 0)] = su * init.driftIm()[i];
            dIm[basis.index(1, i, 0)] = -su * init.driftRe()[i];
        }
        StringBuilder sb = new StringBuilder("t");
        for (int i = 0; i < n; i++) {
            sb.append(',').append(mixture.name(i));
        }
        System.out.println(sb);
        double[] xr = dRe.clone();
        double prev = 0;
        double dt = plan.dt();
        double[][] step = null;
        if (steps) { // the one-step propagator e^{Δt A}, column by column
            step = new double[size][size];
            for (int c = 0; c < size; c++) {
                double[] unit = new double[size];
                unit[c] = 1;
                double[] column = expTimes(A, dt, unit);
                for (int r = 0; r < size; r++) {
                    step[r][c] = column[r];
                }
            }
        }
        for (double t : times) {
            if (steps) {
                for (long left = Math.round((t - prev) / dt); left > 0; left--) {
                    double[] next = new double[size];
                    for (int r = 0; r < size; r++) {
                        if (keep[r]) {
                            double acc = 0;
                            for (int c = 0; c < size; c++) {
                                acc += step[r][c] * xr[c];
                            }
                            next[r] = acc;
                        }
                    }
                    xr = next;
                }
            } else {
                xr = expTimes(A, t - prev, xr);
            }
            prev = t;
            sb = new StringBuilder(Double.toString(t));
            for (int i = 0; i < n; i++) {
                sb.append(',').append(Math.sqrt(mixture.concentration(i)) * xr[basis.index(0, i, 0)]);
            }
            System.out.println(sb);
        }
    }

    /** spec "0:2,1:2,2:0" = max radial n per l (absent l: none); per species separated by '/' (one = all). */
    static boolean inSpec(String spec, int species, int l, int r) {
        String[] per = spec.split("/");
        String mine = per[Math.min(species, per.length - 1)];
        for (String part : mine.split(",")) {
            String[] lr = part.split(":");
            if (Integer.parseInt(lr[0]) == l) {
                return r <= Integer.parseInt(lr[1]);
            }
        }
        return false;
    }

    /** e^{hA} x: Taylor series of order 12 on substeps with h·‖A‖₁ ≤ 0.5 (remainder below 1e-16 per substep). */
    static double[] expTimes(double[][] A, double h, double[] x) {
        if (h == 0) {
            return x;
        }
        double norm = 0;
        for (double[] row : A) {
            double s = 0;
            for (double v : row) {
                s += Math.abs(v);
            }
            norm = Math.max(norm, s);
        }
        int steps = (int) Math.ceil(h * norm / 0.5);
        double dt = h / steps;
        double[] v = x.clone();
        for (int st = 0; st < steps; st++) {
            double[] term = v.clone(), sum = v.clone();
            for (int p = 1; p <= 12; p++) {
                double[] next = new double[v.length];
                for (int r = 0; r < v.length; r++) {
                    double acc = 0;
                    double[] row = A[r];
                    for (int c = 0; c < v.length; c++) {
                        acc += row[c] * term[c];
                    }
                    next[r] = acc * dt / p;
                }
                term = next;
                for (int r = 0; r < v.length; r++) {
                    sum[r] += term[r];
                }
            }
            v = sum;
        }
        return v;
    }
}
