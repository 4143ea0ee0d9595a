package org.knudsen.physics;

/**
 * The Hermite basis of L²(ℝ³, μ_i^{-1/2}) up to degree 3 (PHYSICS.md §7): for a multi-index α,
 * H^{(i)}_α(v) = Π_k He_{α_k}(√m_i v_k) / √(c_{∞,i} α!), with probabilists' Hermite polynomials He_n.
 * This class fixes the order of the 20 multi-indices used everywhere in knudsen.
 */
public final class HermiteBasis {
    private HermiteBasis() {
    }

    /** Number of multi-indices of degree ≤ 3. */
    public static final int SIZE = 20;

    /** The multi-indices, by degree: 0 (1), 1 (3), 2 (6), 3 (10). */
    private static final int[][] INDEX = {
        {0, 0, 0},
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1},
        {2, 0, 0}, {0, 2, 0}, {0, 0, 2}, {1, 1, 0}, {1, 0, 1}, {0, 1, 1},
        {3, 0, 0}, {0, 3, 0}, {0, 0, 3}, {2, 1, 0}, {2, 0, 1}, {1, 2, 0}, {0, 2, 1}, {1, 0, 2}, {0, 1, 2}, {1, 1, 1},
    };

    /** Positions of the degree-1 indices e_x, e_y, e_z and of the diagonal degree-2 indices 2e_x, 2e_y, 2e_z. */
    public static final int X = 1, Y = 2, Z = 3, XX = 4, YY = 5, ZZ = 6;

    public static int[] index(int a) {
        return INDEX[a].clone();
    }

    public static int degree(int a) {
        return INDEX[a][0] + INDEX[a][1] + INDEX[a][2];
    }

    /** First position of the multi-indices of degree d (0, 1, 4, 10); firstOfDegree(4) = SIZE. */
    public static int firstOfDegree(int d) {
        return switch (d) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 4;
            case 3 -> 10;
            default -> SIZE;
        };
    }

    /** α! = α₁! α₂! α₃!. */
    public static double factorial(int a) {
        double f = 1;
        for (int k : INDEX[a]) {
            for (int q = 2; q <= k; q++) {
                f *= q;
            }
        }
        return f;
    }

    /** The normalisation 1/√(c_∞ α!) that turns the He product into H_α. */
    public static double normalisation(int a, double referenceConcentration) {
        return 1 / Math.sqrt(referenceConcentration * factorial(a));
    }

    /** He_n(x) for n ≤ 3. */
    public static double he(int n, double x) {
        return switch (n) {
            case 0 -> 1;
            case 1 -> x;
            case 2 -> x * x - 1;
            case 3 -> x * (x * x - 3);
            default -> throw new IllegalArgumentException("Hermite degree " + n + " > 3");
        };
    }

    /** The unnormalised product Π_k He_{α_k}(w_k) at the scaled velocity w = √m v. */
    public static double heProduct(int a, double wx, double wy, double wz) {
        return he(INDEX[a][0], wx) * he(INDEX[a][1], wy) * he(INDEX[a][2], wz);
    }

    /** H^{(i)}_α(v) = Π_k He_{α_k}(√m v_k) / √(c_∞ α!). */
    public static double value(int a, double mass, double referenceConcentration, double vx, double vy, double vz) {
        double s = Math.sqrt(mass);
        return heProduct(a, s * vx, s * vy, s * vz) * normalisation(a, referenceConcentration);
    }

    /**
     * ∫ M_i H_α dv for the drifting Maxwellian of density c, drift d (temperature 1), exactly
     * c Π_k (√m d_k)^{α_k} / √(c_∞ α!), since E[He_n(Z + s)] = sⁿ (PHYSICS.md §7).
     */
    public static double maxwellianMoment(int a, double mass, double referenceConcentration, double density,
                                          double driftX, double driftY, double driftZ) {
        double sm = Math.sqrt(mass);
        return density * Math.pow(sm * driftX, INDEX[a][0]) * Math.pow(sm * driftY, INDEX[a][1])
                * Math.pow(sm * driftZ, INDEX[a][2]) * normalisation(a, referenceConcentration);
    }
}
