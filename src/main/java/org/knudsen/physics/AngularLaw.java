package org.knudsen.physics;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The angular part b(cos θ) of a collision kernel, as a normalised shape: 2π ∫ b(x) dx = 1
 * (PHYSICS.md §0), so that the strength C_ij of the kernel is the total collision-rate coefficient.
 * Each law samples x = cos θ exactly from the density 2π b(x) on [−1, 1].
 */
public sealed interface AngularLaw permits AngularLaw.Isotropic, AngularLaw.VariableSoftSphere,
        AngularLaw.StrongCutoff, TabulatedAngularLaw {

    /** b(x) for x = cos θ, normalised so that 2π ∫ b = 1. */
    double density(double cosTheta);

    /** b^(1) = 2π ∫ b(x)(1 − x) dx, the momentum-transfer integral (PHYSICS.md §0); the only one in Δ_ij. */
    double momentumTransfer();

    /** b^(2) = 2π ∫ b(x)(1 − x²) dx, the viscosity-type integral (BKW rate, PHYSICS.md §4). */
    double viscosityIntegral();

    /** Draws x = cos θ with density 2π b(x). */
    double sampleCosTheta(UniformRandomProvider rng);

    /**
     * The Legendre moment β_l = 2π ∫ b(x) P_l(x) dx (β_0 = 1). By the Funk–Hecke theorem the σ-average
     * ∫ b(ĝ·σ) Y_lm(σ) dσ = β_l Y_lm(ĝ), so these numbers are all of the angular law that the linearized
     * collision operator sees (PHYSICS.md §12); b^(1) = β_0 − β_1 and b^(2) = (2/3)(β_0 − β_2).
     * Exact (closed forms or exact piecewise integration), to rounding.
     */
    double legendreMoment(int l);

    /** A short description for tables and summaries. */
    String describe();

    /** Rejects a negative Legendre degree. */
    private static void requireDegree(int l) {
        if (l < 0) {
            throw new IllegalArgumentException("Legendre degree " + l + " < 0");
        }
    }

    /** Isotropic scattering, b = 1/(4π); hard spheres when γ = 1. */
    static AngularLaw isotropic() {
        return Isotropic.INSTANCE;
    }

    /** Variable soft sphere with exponent α ≥ 1 (α = 1 is isotropic). */
    static AngularLaw vss(double alpha) {
        return new VariableSoftSphere(alpha);
    }

    /** The strong angular cutoff b ∝ |cos θ| |sin θ| of the paper's (H4), sampled exactly. */
    static AngularLaw strongCutoff() {
        return StrongCutoff.INSTANCE;
    }

    /** A law given as points (x_k, b_k) on [−1, 1], linear between them, normalised on construction. */
    static AngularLaw tabulated(double[] cosTheta, double[] b) {
        return new TabulatedAngularLaw(cosTheta, b);
    }

    /** b = 1/(4π): b^(1) = 1, b^(2) = 2/3. */
    final class Isotropic implements AngularLaw {
        static final Isotropic INSTANCE = new Isotropic();

        private Isotropic() {
        }

        @Override
        public double density(double x) {
            return Math.abs(x) <= 1 ? 1 / (4 * Math.PI) : 0;
        }

        @Override
        public double momentumTransfer() {
            return 1;
        }

        @Override
        public double viscosityIntegral() {
            return 2.0 / 3.0;
        }

        @Override
        public double sampleCosTheta(UniformRandomProvider rng) {
            return 2 * rng.nextDouble() - 1;
        }

        @Override
        public double legendreMoment(int l) {
            requireDegree(l);
            return l == 0 ? 1 : 0;
        }

        @Override
        public String describe() {
            return "isotropic";
        }
    }

    /** VSS: x = 2U^{1/α} − 1, i.e. 2π b(x) = (α/2)((1+x)/2)^{α−1}; b^(1) = 2/(α+1), b^(2) = 4α/((α+1)(α+2)). */
    record VariableSoftSphere(double alpha) implements AngularLaw {
        public VariableSoftSphere {
            if (!(alpha >= 1) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("vss alpha = " + alpha + " must be finite and >= 1");
            }
        }

        @Override
        public double density(double x) {
            if (Math.abs(x) > 1) {
                return 0;
            }
            return alpha / 2 * Math.pow((1 + x) / 2, alpha - 1) / (2 * Math.PI);
        }

        @Override
        public double momentumTransfer() {
            return 2 / (alpha + 1);
        }

        @Override
        public double viscosityIntegral() {
            return 4 * alpha / ((alpha + 1) * (alpha + 2));
        }

        @Override
        public double sampleCosTheta(UniformRandomProvider rng) {
            return 2 * Math.pow(rng.nextDouble(), 1 / alpha) - 1;
        }

        /**
         * β_l = α ∫_0^1 y^{α−1} P_l(2y−1) dy = Π_{k=1}^{l} (α − k)/(α + k), from the shifted-Legendre moment
         * ∫_0^1 y^s P_l(2y−1) dy = s(s−1)…(s−l+1)/((s+1)…(s+l+1)); the product form has no cancellation.
         */
        @Override
        public double legendreMoment(int l) {
            requireDegree(l);
            double beta = 1;
            for (int k = 1; k <= l && beta != 0; k++) {
                beta *= (alpha - k) / (alpha + k);
            }
            return beta;
        }

        @Override
        public String describe() {
            return "vss(alpha=" + alpha + ")";
        }
    }

    /**
     * (H4) law b ∝ |x| √(1 − x²). The raw shape has ‖b‖ = b^(1) = 4π/3 and b^(2) = 4π/5 (PHYSICS.md §0),
     * so the normalised law has b = 3|x|√(1−x²)/(4π), b^(1) = 1, b^(2) = 3/5. Sampled as |x| = √(1 − U^{2/3}).
     */
    final class StrongCutoff implements AngularLaw {
        static final StrongCutoff INSTANCE = new StrongCutoff();

        private StrongCutoff() {
        }

        @Override
        public double density(double x) {
            return Math.abs(x) <= 1 ? Math.abs(x) * Math.sqrt(1 - x * x) * 3 / (4 * Math.PI) : 0;
        }

        @Override
        public double momentumTransfer() {
            return 1;
        }

        @Override
        public double viscosityIntegral() {
            return 0.6;
        }

        @Override
        public double sampleCosTheta(UniformRandomProvider rng) {
            double abs = Math.sqrt(1 - Math.pow(rng.nextDouble(), 2.0 / 3.0));
            return rng.nextBoolean() ? abs : -abs;
        }

        /**
         * β_l = 3 ∫_0^{π/2} cos θ sin²θ P_l(cos θ) dθ for even l (0 for odd l, b being even), with
         * P_l(cos θ) = Σ_k g_k g_{l−k} cos((l−2k)θ), g_k = C(2k,k)/4^k, and cos θ sin²θ = (cos θ − cos 3θ)/4:
         * a finite sum of ∫_0^{π/2} cos(jθ) dθ = sin(jπ/2)/j over odd j, all terms of one size, no cancellation.
         */
        @Override
        public double legendreMoment(int l) {
            requireDegree(l);
            if (l % 2 == 1) {
                return 0;
            }
            double sum = 0;
            double gk = 1;                       // g_k, updated by g_{k+1} = g_k (2k+1)/(2k+2)
            double[] g = new double[l + 1];
            for (int k = 0; k <= l; k++) {
                g[k] = gk;
                gk *= (2.0 * k + 1) / (2.0 * k + 2);
            }
            for (int k = 0; k <= l; k++) {
                int j = l - 2 * k;
                sum += g[k] * g[l - k] * (halfPeriodCosine(j + 1) + halfPeriodCosine(j - 1)
                        - halfPeriodCosine(j + 3) - halfPeriodCosine(j - 3)) / 8;
            }
            return 3 * sum;
        }

        /** ∫_0^{π/2} cos(jθ) dθ for odd j: sin(jπ/2)/j = (−1)^{(|j|−1)/2}/|j|. */
        private static double halfPeriodCosine(int j) {
            int a = Math.abs(j);
            return ((a - 1) / 2 % 2 == 0 ? 1.0 : -1.0) / a;
        }

        @Override
        public String describe() {
            return "strong-cutoff(H4)";
        }
    }
}
