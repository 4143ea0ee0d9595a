package org.knudsen.linear;

import java.util.List;

/**
 * The exact linear evolution ĥ(t) = e^{tA} ĥ(0) of one Fourier mode (PHYSICS.md §12) at the given times.
 * <p>
 * Conventions: the perturbation is F_i = μ_i (1 + h_i), h = Re[ĥ(t, v) e^{ik·x}], with complex amplitudes per unit
 * volume. ĥ is stored by its complex Burnett coefficients (orthonormal in L²(μ), {@link BurnettBasis} order), so
 * ‖ĥ‖² = Σ |coefficient|² is the paper's norm Σ_i ∫ |μ_i ĥ_i|² μ_i^{−1} dv of the complex amplitude; the spatial mean
 * over a period of Σ_i ∫ (μ_i h_i)² μ_i^{−1} dv is ‖ĥ‖²/2 per unit volume. Amplitudes: density ĉ_i = ∫ μ_i ĥ_i dv,
 * drift û_i = ∫ μ_i ĥ_i v·k̂ dv / (ε c_{∞,i}) (the ε u_i of M^ε), mixture temperature
 * T̂ = Σ_i ∫ μ_i ĥ_i (m_i|v|²/3 − 1) dv / C_∞.
 *
 * @param times           the output times
 * @param epsilon         ε
 * @param degree          Burnett degree K
 * @param concentration   c_{∞,i}
 * @param mass            m_i
 * @param densityRe       Re ĉ_i(t) [time][species], likewise the other amplitude arrays
 * @param coefficientsRe  Re of all Burnett coefficients [time][index]
 */
public record LinearEvolution(double[] times, double epsilon, int degree, double[] concentration, double[] mass,
                              double[][] densityRe, double[][] densityIm, double[] temperatureRe,
                              double[] temperatureIm, double[][] driftRe, double[][] driftIm,
                              double[][] coefficientsRe, double[][] coefficientsIm) {

    /** Builds the amplitudes from complex coefficient vectors (interleaved) per time. */
    static LinearEvolution of(double[] times, double epsilon, BurnettBasis basis, double[] concentration,
                              double[] mass, double[][] coefficients) {
        int nt = times.length, n = basis.species(), size = basis.size();
        double total = 0;
        for (double c : concentration) {
            total += c;
        }
        double[][] dr = new double[nt][n], di = new double[nt][n], ur = new double[nt][n], ui = new double[nt][n];
        double[] tr = new double[nt], ti = new double[nt];
        double[][] cr = new double[nt][size], ci = new double[nt][size];
        for (int t = 0; t < nt; t++) {
            for (int k = 0; k < size; k++) {
                cr[t][k] = coefficients[t][2 * k];
                ci[t][k] = coefficients[t][2 * k + 1];
            }
            for (int i = 0; i < n; i++) {
                double sc = Math.sqrt(concentration[i]);
                int d = basis.index(0, i, 0), e = basis.index(0, i, 1), u = basis.index(1, i, 0);
                dr[t][i] = sc * cr[t][d];
                di[t][i] = sc * ci[t][d];
                double su = epsilon * Math.sqrt(mass[i] * concentration[i]);
                ur[t][i] = cr[t][u] / su;
                ui[t][i] = ci[t][u] / su;
                // m|v|²/3 − 1 = (√6/3) ψ_10: T̂ gets (√6/3) √c_i × coefficient of Ψ_{i,10}
                if (basis.degree() >= 2) {
                    tr[t] += Math.sqrt(6 * concentration[i]) / 3 * cr[t][e] / total;
                    ti[t] += Math.sqrt(6 * concentration[i]) / 3 * ci[t][e] / total;
                }
            }
        }
        return new LinearEvolution(times.clone(), epsilon, basis.degree(), concentration.clone(), mass.clone(), dr, di,
                tr, ti, ur, ui, cr, ci);
    }

    private BurnettBasis basis() {
        return new BurnettBasis(concentration.length, degree);
    }

    /** Positions of the Burnett coefficients of Hermite degree ≤ 3 (2n + l ≤ 3: the m = 0 part of the 20 moments). */
    public int[] lowDegreeIndices() {
        BurnettBasis b = basis();
        int n = concentration.length;
        int[][] nl = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 2}, {0, 3}};
        java.util.List<Integer> idx = new java.util.ArrayList<>();
        for (int[] p : nl) {
            if (2 * p[0] + p[1] <= degree) {
                for (int i = 0; i < n; i++) {
                    idx.add(b.index(p[1], i, p[0]));
                }
            }
        }
        return idx.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Complex Burnett coefficients of Hermite degree ≤ 3 at time index t: {re[], im[]} over {@link #lowDegreeIndices()}. */
    public double[][] lowDegreePart(int t) {
        int[] idx = lowDegreeIndices();
        double[][] out = new double[2][idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[0][k] = coefficientsRe[t][idx[k]];
            out[1][k] = coefficientsIm[t][idx[k]];
        }
        return out;
    }

    /**
     * ‖ĥ(t) − ĥ_ref(t)‖ in L²(μ) (the norm of the complex amplitude, see the class comment), in full and restricted to
     * Hermite degree ≤ 3, against a degree-≤1 reference given per output time (e.g. the linearised M^ε of a
     * Maxwell–Stefan solution).
     */
    public DeviationNorms deviationFrom(List<MaxwellianMode> reference) {
        if (reference.size() != times.length) {
            throw new IllegalArgumentException("reference needs one state per output time: " + reference.size()
                    + " != " + times.length);
        }
        BurnettBasis b = basis();
        int n = concentration.length;
        double[] full = new double[times.length], low = new double[times.length];
        int[] lowIdx = lowDegreeIndices();
        for (int t = 0; t < times.length; t++) {
            double[] re = coefficientsRe[t].clone(), im = coefficientsIm[t].clone();
            MaxwellianMode r = reference.get(t);
            double[] dRe = r.densityRe(), dIm = r.densityIm(), uRe = r.driftRe(), uIm = r.driftIm();
            for (int i = 0; i < n; i++) {
                int d = b.index(0, i, 0), u = b.index(1, i, 0);
                double sc = Math.sqrt(concentration[i]), su = epsilon * Math.sqrt(mass[i] * concentration[i]);
                re[d] -= dRe[i] / sc;
                im[d] -= dIm[i] / sc;
                re[u] -= su * uRe[i];
                im[u] -= su * uIm[i];
            }
            double sFull = 0, sLow = 0;
            for (int k = 0; k < re.length; k++) {
                sFull += re[k] * re[k] + im[k] * im[k];
            }
            for (int k : lowIdx) {
                sLow += re[k] * re[k] + im[k] * im[k];
            }
            full[t] = Math.sqrt(sFull);
            low[t] = Math.sqrt(sLow);
        }
        return new DeviationNorms(times.clone(), full, low);
    }

    /** ‖ĥ − ĥ_ref‖ per time, in full and for Hermite degree ≤ 3. */
    public record DeviationNorms(double[] times, double[] full, double[] degreeAtMost3) {
    }
}
