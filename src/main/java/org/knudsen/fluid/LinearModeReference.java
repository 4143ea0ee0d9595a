package org.knudsen.fluid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knudsen.linear.LinearEvolution;
import org.knudsen.linear.LinearizedBoltzmann;
import org.knudsen.linear.MaxwellianMode;
import org.knudsen.linear.ModeDynamics;
import org.knudsen.physics.Mixture;

/**
 * The exact linear evolution of a run's own initial data and its deviation from the linearised M^ε of the linear
 * Maxwell–Stefan solution (PHYSICS.md §12): the noise-free reference that a particle run is compared with at its ε.
 * <p>
 * Initial data. The particles start from M^{ε,in} (PHYSICS.md §7, §9): per mode, the density ε c̃_i cos(k·x) and the
 * drift ε u_i of the Maxwell–Stefan-compatible velocities (Theorem 2.1 (iii), {@link CompatibleInitialData}), which to
 * first order is u_i = |k| (D ĉ)_i / c_{∞,i} sin(k·x) along k̂ with ĉ = ε c̃ and D the Fick matrix of the solver's
 * Δ_ij: {@link MaxwellianMode#cosineDensitySineDrift}. Modes whose wavevectors are equal or opposite are one Fourier
 * mode (cos is even; the compatible drift of −k equals that of k), so their amplitudes add.
 * <p>
 * Reference. The linear Maxwell–Stefan solution of the same Δ_ij, ĉ(t) = e^{−|k|² t D} ĉ(0), with its compatible
 * drift at every t, is the degree-≤1 state that {@link LinearEvolution#deviationFrom} subtracts. A constant ū only
 * turns both by the phase e^{−ik·ū t} (PHYSICS.md §5.2), which leaves the deviation unchanged; the norm is that of the
 * frame moving with ū (equal to the lab-frame Hermite norm of the run up to O(ε|ū|) relative).
 * <p>
 * Units of the run's columns. Cosine amplitudes of c_i (those of {@code conc_mode_<name>}). The deviation is
 * ‖F − M^ε‖ in L²_x L²_v(μ^{−1/2}) over the box, Hermite degree ≤ 3, like {@code dev_norm}: a mode Re[ĝ e^{ik·x}]
 * has L²_x norm √(|V|/2) |ĝ| (PHYSICS.md §7; the complex norm of {@link LinearEvolution}), and the run's estimator sees
 * cell averages, which multiply a mode by Π_d sinc(k_d h_d/2) = Π_d sin(π n_d/N_d)/(π n_d/N_d); distinct modes are
 * orthogonal in L²_x, so their squared norms add.
 * <p>
 * Degree. Each Fourier mode is evolved at Burnett degrees K = start, start + step, … ≤ max until the amplitudes and
 * the deviation change from K − step to K by at most the tolerance (absolute, or relative to their largest value);
 * the last degree is kept, with {@link #converged()} false if the cap was reached first.
 */
public final class LinearModeReference {
    /** How the degree is chosen: stop when both changes are ≤ max(absolute, relative × largest value). */
    public record Settings(double absoluteTolerance, double relativeTolerance, int startDegree, int step, int maxDegree) {
        public Settings {
            if (startDegree < 3 || step < 1 || maxDegree < startDegree) {
                throw new IllegalArgumentException("linear reference degrees: start " + startDegree + " >= 3, step "
                        + step + " >= 1, max " + maxDegree + " >= start");
            }
        }
    }

    private final double[][] trackedDensity;   // [time][species]
    private final double[] deviation;          // [time]
    private final int degree;
    private final double change;
    private final boolean converged;
    private final double seconds;

    private LinearModeReference(double[][] trackedDensity, double[] deviation, int degree, double change,
                                boolean converged, double seconds) {
        this.trackedDensity = trackedDensity;
        this.deviation = deviation;
        this.degree = degree;
        this.change = change;
        this.converged = converged;
        this.seconds = seconds;
    }

    /**
     * The reference at the given times (≥ 0, non-decreasing).
     *
     * @param delta        the Δ_ij of the Maxwell–Stefan solver (its closure)
     * @param lengths      box side lengths
     * @param cells        cells per axis of the grid (cell averaging)
     * @param meanVelocity ū
     * @param modes        the scenario's initial modes (amplitudes c̃, scaled by ε here)
     * @param tracked      the integer wavevector whose cosine amplitudes are reported
     */
    public static LinearModeReference compute(Mixture mixture, double[][] delta, double epsilon, double[] lengths,
                                              int[] cells, double[] meanVelocity, List<FourierMode> modes,
                                              int[] tracked, double[] times, Settings settings) {
        return computeUncached(mixture, delta, epsilon, lengths, cells, meanVelocity, modes, tracked, times, settings);
    }

    private static LinearModeReference computeUncached(Mixture mixture, double[][] delta, double epsilon,
                                                       double[] lengths, int[] cells, double[] meanVelocity,
                                                       List<FourierMode> modes, int[] tracked, double[] times,
                                                       Settings settings) {
        long start = System.nanoTime();
        int n = mixture.size(), nt = times.length;
        MaxwellStefanLinear ms = new MaxwellStefanLinear(delta, mixture.concentrations());
        Map<String, double[]> groups = new LinkedHashMap<>();     // canonical wavevector → summed amplitudes
        for (FourierMode m : modes) {
            int[] w = canonical(m.wavevector());
            groups.merge(Arrays.toString(w), m.amplitude(), (a, b) -> {
                double[] s = a.clone();
                for (int i = 0; i < s.length; i++) {
                    s[i] += b[i];
                }
                return s;
            });
        }
        String trackedKey = Arrays.toString(canonical(tracked));
        double[][] density = new double[nt][n];
        double[] deviationSquared = new double[nt];
        LinearizedBoltzmann top = groups.isEmpty() ? null : LinearizedBoltzmann.assemble(mixture, settings.maxDegree());
        int worstDegree = 0;
        double worstChange = 0;
        boolean allConverged = true;
        for (Map.Entry<String, double[]> g : groups.entrySet()) {
            int[] w = parse(g.getKey());
            double[] k = FourierMode.angularWavevector(w, lengths);
            double wavenumber = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
            double[] c0 = g.getValue().clone();
            for (int i = 0; i < n; i++) {
                c0[i] *= epsilon;
            }
            double cellFactor = 1;
            for (int d = 0; d < 3; d++) {
                if (w[d] != 0) {
                    double x = Math.PI * w[d] / cells[d];
                    cellFactor *= Math.sin(x) / x;
                }
            }
            double spatial = Math.sqrt(volume(lengths) / 2) * cellFactor;
            List<MaxwellianMode> reference = msModes(ms, mixture, wavenumber, c0, times);
            Ladder best = null;
            for (int degree = settings.startDegree(); degree <= settings.maxDegree(); degree += settings.step()) {
                LinearEvolution ev = ModeDynamics.of(top.truncated(degree), wavenumber, epsilon)
                        .evolve(reference.get(0), times);
                double[] dev = ev.deviationFrom(reference).degreeAtMost3();
                for (int t = 0; t < nt; t++) {
                    dev[t] *= spatial;
                }
                Ladder next = new Ladder(degree, ev.densityRe(), ev.densityIm(), dev, best, settings);
                best = next;
                if (next.converged) {
                    break;
                }
            }
            worstDegree = Math.max(worstDegree, best.degree);
            worstChange = Math.max(worstChange, best.change);
            allConverged &= best.converged;
            boolean isTracked = g.getKey().equals(trackedKey);
            for (int t = 0; t < nt; t++) {
                deviationSquared[t] += best.deviation[t] * best.deviation[t];
                if (isTracked) {
                    double phase = -(k[0] * meanVelocity[0] + k[1] * meanVelocity[1] + k[2] * meanVelocity[2]) * times[t];
                    for (int i = 0; i < n; i++) {   // Re[ĉ e^{iφ}]
                        density[t][i] = best.densityRe[t][i] * Math.cos(phase) - best.densityIm[t][i] * Math.sin(phase);
                    }
                }
            }
        }
        double[] deviation = new double[nt];
        for (int t = 0; t < nt; t++) {
            deviation[t] = Math.sqrt(deviationSquared[t]);
        }
        return new LinearModeReference(density, deviation, worstDegree, worstChange, allConverged,
                (System.nanoTime() - start) / 1e9);
    }

    /** One rung of the degree ladder, with its change from the previous rung. */
    private static final class Ladder {
        final int degree;
        final double[][] densityRe;
        final double[][] densityIm;
        final double[] deviation;
        final double change;
        final boolean converged;

        Ladder(int degree, double[][] densityRe, double[][] densityIm, double[] deviation, Ladder previous,
               Settings s) {
            this.degree = degree;
            this.densityRe = densityRe;
            this.densityIm = densityIm;
            this.deviation = deviation;
            if (previous == null) {
                change = Double.POSITIVE_INFINITY;
                converged = false;
                return;
            }
            double dc = 0, dd = 0, maxC = 0, maxD = 0;
            for (int t = 0; t < deviation.length; t++) {
                for (int i = 0; i < densityRe[t].length; i++) {
                    dc = Math.max(dc, Math.hypot(densityRe[t][i] - previous.densityRe[t][i],
                            densityIm[t][i] - previous.densityIm[t][i]));
                    maxC = Math.max(maxC, Math.hypot(densityRe[t][i], densityIm[t][i]));
                }
                dd = Math.max(dd, Math.abs(deviation[t] - previous.deviation[t]));
                maxD = Math.max(maxD, deviation[t]);
            }
            change = Math.max(dc, dd);
            converged = dc <= Math.max(s.absoluteTolerance(), s.relativeTolerance() * maxC)
                    && dd <= Math.max(s.absoluteTolerance(), s.relativeTolerance() * maxD);
        }
    }

    /** The linear Maxwell–Stefan mode ĉ(t) = e^{−|k|²tD} ĉ(0) with its compatible sine-phase drift, per time. */
    static List<MaxwellianMode> msModes(MaxwellStefanLinear ms, Mixture mixture, double wavenumber, double[] c0,
                                        double[] times) {
        int n = mixture.size();
        double[][] d = ms.fickMatrix();
        double[] a = ms.project(c0);
        double[] theta = ms.thetas();
        List<MaxwellianMode> out = new ArrayList<>();
        for (double t : times) {
            double[] c = new double[n];
            for (int q = 0; q < n - 1; q++) {
                double[] r = ms.rightEigenvector(q);
                double decay = Math.exp(-wavenumber * wavenumber * t / theta[q]);
                for (int i = 0; i < n; i++) {
                    c[i] += a[q] * decay * r[i];
                }
            }
            double[] drift = new double[n];
            for (int i = 0; i < n; i++) {
                double dc = 0;
                for (int j = 0; j < n; j++) {
                    dc += d[i][j] * c[j];
                }
                drift[i] = wavenumber * dc / mixture.concentration(i);
            }
            out.add(MaxwellianMode.cosineDensitySineDrift(c, drift));
        }
        return out;
    }

    /** n or −n, whichever has its first non-zero component positive (3 components). */
    static int[] canonical(int[] n) {
        int[] w = Arrays.copyOf(n, 3);
        for (int d = 0; d < 3; d++) {
            if (w[d] != 0) {
                if (w[d] < 0) {
                    for (int e = 0; e < 3; e++) {
                        w[e] = -w[e];
                    }
                }
                break;
            }
        }
        return w;
    }

    private static int[] parse(String s) {
        return Arrays.stream(s.substring(1, s.length() - 1).split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray();
    }

    private static double volume(double[] lengths) {
        return lengths[0] * lengths[1] * lengths[2];
    }

    /** Cosine amplitudes of c_i of the tracked mode, [time][species]. */
    public double[][] trackedDensity() {
        double[][] out = new double[trackedDensity.length][];
        for (int t = 0; t < out.length; t++) {
            out[t] = trackedDensity[t].clone();
        }
        return out;
    }

    /** ‖F − M^ε‖ of the linear problem in the run's units (class comment), per time. */
    public double[] deviationNorm() {
        return deviation.clone();
    }

    /** The highest Burnett degree kept over the modes (0 without modes). */
    public int degree() {
        return degree;
    }

    /** The largest change of amplitudes or deviation over the last step of the ladder (∞ if only one rung ran). */
    public double lastChange() {
        return change;
    }

    /** Whether every mode met the tolerance before the cap. */
    public boolean converged() {
        return converged;
    }

    /** Wall seconds of the computation (of the first one, for a cached result). */
    public double seconds() {
        return seconds;
    }
}
