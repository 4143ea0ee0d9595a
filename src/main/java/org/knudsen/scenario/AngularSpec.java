package org.knudsen.scenario;

import java.util.Arrays;
import java.util.Locale;
import org.knudsen.physics.AngularLaw;

/**
 * The {@code angular} key of a collision kernel as written in the scenario: {@code "isotropic"},
 * {@code "strong-cutoff"}, {@code { law = "vss", alpha = 1.4 }} or
 * {@code { law = "tabulated", cos_theta = [...], b = [...] }}. {@link #law()} builds the physics object.
 */
public sealed interface AngularSpec {
    /** The physics angular law b(cos θ) (normalised, PHYSICS.md §0). */
    AngularLaw law();

    /** The TOML value that parses back to this spec. */
    String toToml();

    /** b = 1/(4π). */
    record Isotropic() implements AngularSpec {
        @Override
        public AngularLaw law() {
            return AngularLaw.isotropic();
        }

        @Override
        public String toToml() {
            return "\"isotropic\"";
        }
    }

    /** The (H4) law b ∝ |cos θ| |sin θ|. */
    record StrongCutoff() implements AngularSpec {
        @Override
        public AngularLaw law() {
            return AngularLaw.strongCutoff();
        }

        @Override
        public String toToml() {
            return "\"strong-cutoff\"";
        }
    }

    /** Variable soft sphere, α ≥ 1. */
    record Vss(double alpha) implements AngularSpec {
        @Override
        public AngularLaw law() {
            return AngularLaw.vss(alpha);
        }

        @Override
        public String toToml() {
            return "{ law = \"vss\", alpha = " + TomlText.number(alpha) + " }";
        }
    }

    /** Piecewise-linear b at points cos θ from −1 to 1 (arrays copied; the accessors return copies). */
    record Tabulated(double[] cosTheta, double[] b) implements AngularSpec {
        public Tabulated {
            cosTheta = cosTheta.clone();
            b = b.clone();
        }

        @Override
        public double[] cosTheta() {
            return cosTheta.clone();
        }

        @Override
        public double[] b() {
            return b.clone();
        }

        @Override
        public AngularLaw law() {
            return AngularLaw.tabulated(cosTheta, b);
        }

        @Override
        public String toToml() {
            return "{ law = \"tabulated\", cos_theta = " + TomlText.array(cosTheta) + ", b = " + TomlText.array(b) + " }";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tabulated t && Arrays.equals(cosTheta, t.cosTheta) && Arrays.equals(b, t.b);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(cosTheta) + Arrays.hashCode(b);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Tabulated[cosTheta=%s, b=%s]", Arrays.toString(cosTheta), Arrays.toString(b));
        }
    }
}
