package org.knudsen.fluid;

/**
 * Multi-indices α = (α_x, α_y, α_z) of the Hermite basis of PHYSICS.md §7, ordered by degree and, within a
 * degree, lexicographically descending: 000 | 100 010 001 | 200 110 101 020 011 002 | 300 210 201 120 111 102 030
 * 021 012 003 | … Degrees 0..3 give 1 + 3 + 6 + 10 = 20 indices.
 */
public final class HermiteIndex {
    private HermiteIndex() {
    }

    /** Number of multi-indices with |α| ≤ maxDegree: (d+1)(d+2)(d+3)/6. */
    public static int count(int maxDegree) {
        if (maxDegree < 0) {
            throw new IllegalArgumentException("Hermite degree = " + maxDegree + " must be >= 0");
        }
        return (maxDegree + 1) * (maxDegree + 2) * (maxDegree + 3) / 6;
    }

    /** All α with |α| ≤ maxDegree in the order of this class: result[k] = {α_x, α_y, α_z}. */
    public static int[][] upToDegree(int maxDegree) {
        int[][] out = new int[count(maxDegree)][];
        int k = 0;
        for (int deg = 0; deg <= maxDegree; deg++) {
            for (int ax = deg; ax >= 0; ax--) {
                for (int ay = deg - ax; ay >= 0; ay--) {
                    out[k++] = new int[] {ax, ay, deg - ax - ay};
                }
            }
        }
        return out;
    }

    /** α! = α_x! α_y! α_z!. */
    public static double factorial(int[] alpha) {
        double f = 1;
        for (int a : alpha) {
            for (int j = 2; j <= a; j++) {
                f *= j;
            }
        }
        return f;
    }

    /** Probabilists' Hermite polynomial He_n(x) by He_{n+1} = x He_n − n He_{n−1}. */
    public static double he(int n, double x) {
        if (n == 0) {
            return 1;
        }
        double prev = 1;
        double cur = x;
        for (int k = 1; k < n; k++) {
            double next = x * cur - k * prev;
            prev = cur;
            cur = next;
        }
        return cur;
    }

    /** H^(i)_α(v) = Π_k He_{α_k}(√m v_k) / √(c_∞ α!) (PHYSICS.md §7). */
    public static double basis(int[] alpha, double mass, double cInf, double vx, double vy, double vz) {
        double s = Math.sqrt(mass);
        return he(alpha[0], s * vx) * he(alpha[1], s * vy) * he(alpha[2], s * vz) / Math.sqrt(cInf * factorial(alpha));
    }
}
