package org.knudsen.moments;

import org.knudsen.particles.ParticleStore;

/**
 * Fourier amplitudes of the species concentrations from particle positions (PHYSICS.md §10):
 * for c_i(x) = c̄_i + a cos(k·x) + b sin(k·x), the estimator â = (2/|V|) Σ_p W_i cos(k·x_p) is unbiased for a,
 * with variance estimated by (2/|V|)² Σ_p W_i² cos²(k·x_p) (Poisson counts; for a fixed total the true
 * variance is slightly smaller, so the SE is conservative).
 */
public final class ModeAmplitudes {
    private ModeAmplitudes() {
    }

    /** cos(k·x_c) at every cell centre of the grid. */
    public static double[] cellCosines(org.knudsen.physics.Grid grid, double[] k) {
        double[] cosine = new double[grid.cellCount()];
        double[] centre = new double[3];
        for (int c = 0; c < cosine.length; c++) {
            grid.cellCentre(c, centre);
            cosine[c] = Math.cos(k[0] * centre[0] + k[1] * centre[1] + k[2] * centre[2]);
        }
        return cosine;
    }

    /** Cosine amplitude (2/P) Σ_c f_c cos(k·x_c) of a field given at the P cell centres (exact for a resolved mode). */
    public static double gridAmplitude(double[] field, double[] cellCosines) {
        double sum = 0;
        for (int c = 0; c < field.length; c++) {
            sum += field[c] * cellCosines[c];
        }
        return 2 * sum / field.length;
    }

    /**
     * Cosine amplitude and its standard error for every species, written to amplitude[i] and se[i].
     *
     * @param k      the wavevector (not the integer mode)
     * @param volume |V|, the box volume
     */
    public static void cosineAmplitudes(ParticleStore store, double[] k, double volume, double[] amplitude, double[] se) {
        int n = store.speciesCount();
        double[] sum = new double[n], sumSq = new double[n];
        var x = store.x();
        var y = store.y();
        var z = store.z();
        byte[] species = store.species();
        for (int p = 0, size = store.size(); p < size; p++) {
            double c = Math.cos(k[0] * x[p] + k[1] * y[p] + k[2] * z[p]);
            sum[species[p]] += c;
            sumSq[species[p]] += c * c;
        }
        scale(store, volume, sum, sumSq, amplitude, se);
    }

    /** amplitude[i] = (2W_i/|V|) Σ, se[i] = (2W_i/|V|) (Σ²)^{1/2} from the per-species sums of the terms and their squares. */
    private static void scale(ParticleStore store, double volume, double[] sum, double[] sumSq, double[] amplitude,
                              double[] se) {
        for (int i = 0; i < sum.length; i++) {
            double scale = 2 * store.weight(i) / volume;
            amplitude[i] = scale * sum[i];
            se[i] = scale * Math.sqrt(sumSq[i]);
        }
    }

    /**
     * The variance-reduced cosine amplitudes with importance weights w = μ/f (docs/variance-reduction.md):
     * â − â_μ + a_μ = (2W_i/|V|) Σ_p (1 − w_p) cos(k·x_p), since the shadow estimate â_μ = (2W_i/|V|) Σ w_p cos(k·x_p)
     * has the exact value a_μ = 0 of the uniform equilibrium. The SE (2W_i/|V|) (Σ (1 − w_p)² cos²)^{1/2} treats the
     * terms as independent (as the plain SE does); the replica SE is the measure of record. Also the weight moments
     * over all particles: out[0] mean, out[1] variance, out[2] largest |w − 1|, and the shadow mass Σ_p W_i w_p m_i of
     * every species into shadowMass. The plain amplitudes and SEs of {@link #cosineAmplitudes} come out of the same pass
     * (each cosine taken once), into plainAmplitude and plainSe.
     */
    public static void reducedCosineAmplitudes(ParticleStore store, double[] k, double volume, double[] masses,
                                               double[] plainAmplitude, double[] plainSe, double[] amplitude,
                                               double[] se, double[] shadowMass, double[] weights) {
        int n = store.speciesCount();
        double[] sum = new double[n], sumSq = new double[n], mass = new double[n];
        double[] plainSum = new double[n], plainSumSq = new double[n];
        var x = store.x();
        var y = store.y();
        var z = store.z();
        byte[] species = store.species();
        double[] w = store.importance();
        double wSum = 0, wSq = 0, spread = 0;
        int size = store.size();
        for (int p = 0; p < size; p++) {
            double cosine = Math.cos(k[0] * x[p] + k[1] * y[p] + k[2] * z[p]);
            plainSum[species[p]] += cosine;
            plainSumSq[species[p]] += cosine * cosine;
            double d = 1 - w[p];
            double c = d == 0 ? 0 : d * cosine;
            sum[species[p]] += c;
            sumSq[species[p]] += c * c;
            mass[species[p]] += w[p];
            wSum += w[p];
            wSq += w[p] * w[p];
            spread = Math.max(spread, Math.abs(d));
        }
        scale(store, volume, plainSum, plainSumSq, plainAmplitude, plainSe);
        scale(store, volume, sum, sumSq, amplitude, se);
        for (int i = 0; i < n; i++) {
            shadowMass[i] = masses[i] * store.weight(i) * mass[i];
        }
        double mean = size > 0 ? wSum / size : 1;
        weights[0] = mean;
        weights[1] = size > 0 ? Math.max(0, wSq / size - mean * mean) : 0;
        weights[2] = spread;
    }
}
