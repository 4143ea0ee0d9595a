package org.knudsen.physics;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The angular part b(cos θ) of a collision kernel, as a normalised shape: 2π ∫ b(x) dx = 1
 * (PHYSICS.md §0), so that the strength C_ij of the kernel is the total collision-rate coefficient.
 * Each law samples x = cos θ exactly from the density 2π b(x) on [−1, 1].
 *
 * <p>{@link Kind} is the one table of the laws: each entry's name in a scenario file, its parameters and how to
 * build it; a law's constructor is the one place its parameter rules are checked ({@link ParameterException}
 * names the parameter, so a reader of the file can point at the key).
 */
public sealed interface AngularLaw permits AngularLaw.Isotropic, AngularLaw.VariableSoftSphere,
        AngularLaw.StrongCutoff, TabulatedAngularLaw {

    /** The law's entry in the table of laws. */
    Kind kind();

    /**
     * The law's parameters as given, in the order of {@link Kind#parameters()}: one array per parameter, of length 1
     * for a number (fresh copies); {@code kind().create(parameterValues())} builds an equal law.
     */
    double[][] parameterValues();

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

    /**
     * The table of angular laws: the name that selects a law in a scenario file ({@code angular = "isotropic"} for a
     * law without parameters, {@code { law = "vss", alpha = 1.4 }} otherwise; DESIGN.md, "Scenario file"), its
     * parameters in order, and the constructor that checks them.
     */
    enum Kind {
        /** b = 1/(4π). */
        ISOTROPIC("isotropic"),
        /** The (H4) law b ∝ |cos θ| |sin θ|. */
        STRONG_CUTOFF("strong-cutoff"),
        /** Variable soft sphere, α ≥ 1. */
        VSS("vss", Parameter.number("alpha", "α")),
        /** Piecewise-linear b at points cos θ from −1 to 1, normalised on construction. */
        TABULATED("tabulated", Parameter.list("cos_theta"), Parameter.list("b"));

        private final String tomlName;
        private final List<Parameter> parameters;

        Kind(String tomlName, Parameter... parameters) {
            this.tomlName = tomlName;
            this.parameters = List.of(parameters);
        }

        /** The law's name in a scenario file. */
        public String tomlName() {
            return tomlName;
        }

        /** The parameters, in the order {@link #create} takes them. */
        public List<Parameter> parameters() {
            return parameters;
        }

        /** The entry with this scenario-file name, or null. */
        public static Kind byTomlName(String name) {
            for (Kind k : values()) {
                if (k.tomlName.equals(name)) {
                    return k;
                }
            }
            return null;
        }

        /**
         * Builds the law from its parameter values in the order of {@link #parameters()} (an array of length 1 for a
         * number).
         *
         * @throws ParameterException if a value breaks the law's rules
         */
        public AngularLaw create(double[]... values) {
            if (values.length != parameters.size()) {
                throw new IllegalArgumentException(tomlName + " angular law takes " + parameters.size()
                        + " parameter(s), got " + values.length);
            }
            for (int p = 0; p < values.length; p++) {
                if (values[p] == null || (!parameters.get(p).list() && values[p].length != 1)) {
                    throw new IllegalArgumentException(tomlName + " angular law: parameter " + parameters.get(p).name()
                            + " must be " + (parameters.get(p).list() ? "an array" : "one number"));
                }
            }
            return switch (this) {
                case ISOTROPIC -> Isotropic.INSTANCE;
                case STRONG_CUTOFF -> StrongCutoff.INSTANCE;
                case VSS -> new VariableSoftSphere(values[0][0]);
                case TABULATED -> new TabulatedAngularLaw(values[0], values[1]);
            };
        }
    }

    /**
     * One parameter of a law: its name in a scenario file, whether it is a list of numbers or one number, and the
     * placeholder that stands for its value in messages.
     */
    record Parameter(String name, boolean list, String placeholder) {
        static Parameter number(String name, String placeholder) {
            return new Parameter(name, false, placeholder);
        }

        static Parameter list(String name) {
            return new Parameter(name, true, "[...]");
        }
    }

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

        /** cos θ = 2U − 1 from one uniform U (the sampler's formula, for callers that draw U themselves). */
        public static double cosTheta(double u) {
            return 2 * u - 1;
        }

        @Override
        public Kind kind() {
            return Kind.ISOTROPIC;
        }

        @Override
        public double[][] parameterValues() {
            return new double[0][];
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
            return cosTheta(rng.nextDouble());
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
    final class VariableSoftSphere implements AngularLaw {
        private final double alpha;
        private final FixedPower inverseAlphaPower; // U ↦ U^{1/α}, the per-event power (FixedPower says why)

        public VariableSoftSphere(double alpha) {
            if (!(alpha >= 1) || !Double.isFinite(alpha)) {
                throw new ParameterException(Kind.VSS.tomlName() + " angular law", "alpha", Double.toString(alpha),
                        "VSS exponent must be finite and >= 1 (1 = isotropic)");
            }
            this.alpha = alpha;
            this.inverseAlphaPower = new FixedPower(1 / alpha);
        }

        public double alpha() {
            return alpha;
        }

        /** cos θ = 2U^{1/α} − 1 from one uniform U (the sampler's formula, for callers that draw U themselves). */
        public double cosTheta(double u) {
            return 2 * inverseAlphaPower.of(u) - 1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VariableSoftSphere v && Double.compare(alpha, v.alpha) == 0;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(alpha);
        }

        @Override
        public String toString() {
            return "VariableSoftSphere[alpha=" + alpha + "]";
        }

        @Override
        public Kind kind() {
            return Kind.VSS;
        }

        @Override
        public double[][] parameterValues() {
            return new double[][] {{alpha}};
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
            return cosTheta(rng.nextDouble());
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
        public Kind kind() {
            return Kind.STRONG_CUTOFF;
        }

        @Override
        public double[][] parameterValues() {
            return new double[0][];
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
