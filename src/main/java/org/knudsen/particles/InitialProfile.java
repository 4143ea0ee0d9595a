package org.knudsen.particles;

/**
 * The initial state the particles are drawn from: per species a density c_i(x) and, per cell, the drift
 * of its Maxwellian (ε u_i in the diffusive scaling; temperature 1). The Maxwell–Stefan initial data
 * M^{ε,in} is one such profile; a uniform equilibrium is another.
 */
public interface InitialProfile {

    /** c_i(x, y, z) ≥ 0. */
    double density(int species, double x, double y, double z);

    /** An upper bound of c_i over the cell (used for exact rejection sampling of positions). */
    double densityBound(int species, int cell);

    /** The drift of species i in cell c, written to out[0..2]. */
    void drift(int species, int cell, double[] out);

    /** Equilibrium at the reference concentrations: c_i = c_{∞,i}, no drift. */
    static InitialProfile uniform(double[] concentration) {
        double[] c = concentration.clone();
        return new InitialProfile() {
            @Override
            public double density(int species, double x, double y, double z) {
                return c[species];
            }

            @Override
            public double densityBound(int species, int cell) {
                return c[species];
            }

            @Override
            public void drift(int species, int cell, double[] out) {
                out[0] = out[1] = out[2] = 0;
            }
        };
    }
}
