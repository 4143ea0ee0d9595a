package org.knudsen.linear;

/**
 * A degree-≤1 perturbation of one Fourier mode, the linearised drifted Maxwellian M^ε (PHYSICS.md §7, §12):
 * ĥ_i(v) = ĉ_i/c_{∞,i} + m_i ε û_i v·k̂, with complex per-species density amplitudes ĉ_i and drift amplitudes û_i
 * along k̂ (physical fields Re[ĉ e^{ik·x}], Re[û e^{ik·x}]). The particle runs start with a cosine density mode and a
 * sine-phase drift: real ĉ, imaginary û ({@link #cosineDensitySineDrift}). Used as initial data of an evolution and as
 * the reference (e.g. a Maxwell–Stefan solution) against which deviations are measured.
 */
public record MaxwellianMode(double[] densityRe, double[] densityIm, double[] driftRe, double[] driftIm) {
    public MaxwellianMode {
        int n = densityRe.length;
        if (densityIm.length != n || driftRe.length != n || driftIm.length != n) {
            throw new IllegalArgumentException("Maxwellian mode: all four amplitude arrays need one entry per species");
        }
        densityRe = densityRe.clone();
        densityIm = densityIm.clone();
        driftRe = driftRe.clone();
        driftIm = driftIm.clone();
    }

    /** c̃_i = a_i cos(k·x), ũ_i = b_i sin(k·x) along k̂: ĉ = a, û = −i b. */
    public static MaxwellianMode cosineDensitySineDrift(double[] cosineDensity, double[] sineDrift) {
        double[] minus = new double[sineDrift.length];
        for (int i = 0; i < minus.length; i++) {
            minus[i] = -sineDrift[i];
        }
        return new MaxwellianMode(cosineDensity, new double[cosineDensity.length], new double[sineDrift.length], minus);
    }

    public int species() {
        return densityRe.length;
    }

    @Override
    public double[] densityRe() {
        return densityRe.clone();
    }

    @Override
    public double[] densityIm() {
        return densityIm.clone();
    }

    @Override
    public double[] driftRe() {
        return driftRe.clone();
    }

    @Override
    public double[] driftIm() {
        return driftIm.clone();
    }

    /** Its complex Burnett coefficients (interleaved re, im) in the basis: ĉ_i/√c_i on Ψ_{i,00}, √(m_i c_i) ε û_i on Ψ_{i,01}. */
    double[] coefficients(BurnettBasis basis, org.knudsen.physics.Mixture mixture, double epsilon) {
        double[] c = new double[2 * basis.size()];
        for (int i = 0; i < species(); i++) {
            double ci = mixture.concentration(i), s = Math.sqrt(mixture.mass(i) * ci) * epsilon;
            int d = basis.index(0, i, 0), u = basis.index(1, i, 0);
            c[2 * d] = densityRe[i] / Math.sqrt(ci);
            c[2 * d + 1] = densityIm[i] / Math.sqrt(ci);
            c[2 * u] = s * driftRe[i];
            c[2 * u + 1] = s * driftIm[i];
        }
        return c;
    }
}
