package org.knudsen.particles;

/** The importance weights w = μ/f of freshly drawn particles (docs/variance-reduction.md). */
final class InitialWeights {
    private InitialWeights() {
    }

    /**
     * w = μ/f of particles [from, to) of species i (mass m) drawn from c_i(x) M(v; d, 1), μ = c_∞ M(v; 0, 1):
     * (c_∞ / c_i(x)) exp(m(|d|²/2 − v·d)), exactly 1 where the profile is the reference equilibrium.
     */
    static void fill(ParticleStore store, double m, double referenceConcentration, InitialProfile profile, int i,
                     double[] d, int from, int to) {
        double[] w = store.importance(), vx = store.vx(), vy = store.vy(), vz = store.vz();
        float[] x = store.x(), y = store.y(), z = store.z();
        double half = 0.5 * (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        for (int p = from; p < to; p++) {
            double exponent = m * (half - (vx[p] * d[0] + vy[p] * d[1] + vz[p] * d[2]));
            w[p] = referenceConcentration / profile.density(i, x[p], y[p], z[p])
                    * (exponent == 0 ? 1 : Math.exp(exponent));
        }
    }
}
