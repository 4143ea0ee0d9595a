package org.knudsen.physics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * N ≥ 1 species with reference concentrations c_{i,∞} and one collision kernel per unordered pair;
 * {@link #kernel(int, int)} is symmetric by construction (B_ij = B_ji). Immutable.
 */
public final class Mixture {
    private final List<Species> species;
    private final double[] concentration;
    private final CollisionKernel[][] kernels;
    private final Map<String, Integer> index = new HashMap<>();

    private Mixture(List<Species> species, double[] concentration, CollisionKernel[][] kernels) {
        this.species = Collections.unmodifiableList(new ArrayList<>(species));
        this.concentration = concentration;
        this.kernels = kernels;
        for (int i = 0; i < species.size(); i++) {
            index.put(species.get(i).name(), i);
        }
    }

    public int size() {
        return species.size();
    }

    public List<Species> species() {
        return species;
    }

    public Species species(int i) {
        return species.get(i);
    }

    public String name(int i) {
        return species.get(i).name();
    }

    public double mass(int i) {
        return species.get(i).mass();
    }

    /** The masses m_i in species order (a new array). */
    public double[] masses() {
        double[] m = new double[size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = mass(i);
        }
        return m;
    }

    /** Reference concentration c_{i,∞}. */
    public double concentration(int i) {
        return concentration[i];
    }

    public double[] concentrations() {
        return concentration.clone();
    }

    public double totalConcentration() {
        double sum = 0;
        for (double c : concentration) {
            sum += c;
        }
        return sum;
    }

    /** μ_ij = m_i m_j / (m_i + m_j). */
    public double reducedMass(int i, int j) {
        return mass(i) * mass(j) / (mass(i) + mass(j));
    }

    public CollisionKernel kernel(int i, int j) {
        return kernels[i][j];
    }

    /** Index of the species with this name, or −1. */
    public int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    /** The rule of a reference concentration c_{i,∞}. */
    public static final String CONCENTRATION_RULE = "reference concentration c_inf must be finite and > 0";

    /** c_{i,∞} itself, or a {@link ParameterException} for "concentration". */
    public static double requireConcentration(double c) {
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new ParameterException("concentration", CONCENTRATION_RULE);
        }
        return c;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects species and kernels; every pair without an explicit kernel gets the default one. */
    public static final class Builder {
        private final List<Species> species = new ArrayList<>();
        private final List<Double> concentration = new ArrayList<>();
        private final Map<String, CollisionKernel> pairKernels = new HashMap<>();
        private CollisionKernel defaultKernel;

        public Builder species(String name, double mass, double referenceConcentration) {
            Species s = new Species(name, mass);
            for (Species other : species) {
                if (other.name().equals(name)) {
                    throw new IllegalArgumentException("duplicate species name '" + name + "'");
                }
            }
            requireConcentration(referenceConcentration);
            species.add(s);
            concentration.add(referenceConcentration);
            return this;
        }

        public Builder defaultKernel(CollisionKernel kernel) {
            this.defaultKernel = kernel;
            return this;
        }

        public Builder pairKernel(String a, String b, CollisionKernel kernel) {
            String key = pairKey(a, b);
            if (pairKernels.containsKey(key)) {
                throw new IllegalArgumentException("collision pair (" + a + ", " + b + ") given twice");
            }
            pairKernels.put(key, kernel);
            return this;
        }

        private static String pairKey(String a, String b) {
            return a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
        }

        public Mixture build() {
            int n = species.size();
            if (n == 0) {
                throw new IllegalArgumentException("a mixture needs at least one species");
            }
            for (String key : pairKernels.keySet()) {
                for (String name : key.split("\u0000")) {
                    if (species.stream().noneMatch(s -> s.name().equals(name))) {
                        throw new IllegalArgumentException("collision pair names unknown species '" + name + "'");
                    }
                }
            }
            CollisionKernel[][] k = new CollisionKernel[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    CollisionKernel kij = pairKernels.getOrDefault(pairKey(species.get(i).name(), species.get(j).name()),
                            defaultKernel);
                    if (kij == null) {
                        throw new IllegalArgumentException("no collision kernel for pair (" + species.get(i).name()
                                + ", " + species.get(j).name() + ") and no default kernel");
                    }
                    k[i][j] = kij;
                    k[j][i] = kij;
                }
            }
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = concentration.get(i);
            }
            return new Mixture(species, c, k);
        }
    }
}
