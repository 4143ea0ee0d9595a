package org.knudsen.linear;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.numbers.gamma.LogGamma;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;

/**
 * Exact matrix elements of the linearized mixture operator L (PHYSICS.md §12) in the Burnett basis, by oscillator
 * algebra instead of quadrature.
 * <p>
 * For the pair (i, j) put a = √m_i v, b = √m_j v*, c = √(m_i/M), s = √(m_j/M). Then A = c a + s b, B = s a − c b is
 * an orthogonal map (A = √M V, B = √μ g), μ_i μ_j* dv dv* = c_i c_j φ(A) φ(B) dA dB with φ the standard Gaussian, and
 * a collision keeps A and turns B into B' = |B| σ: a' = c A + s B', b' = s A − c B'. A Burnett function of a expands
 * in products of Burnett functions of A and B with the one-particle oscillator bracket (Moshinsky's bracket with the
 * second particle in its ground state; derived from the Fischer inner product, in which a polynomial depending on
 * x = cX + sY only has ∂_X = c∇, ∂_Y = s∇):
 * <pre>
 *   ψ_nl(cA + sB) = Σ_{N L n1 l1} c^{2N+L} s^{2n1+l1} √((2L+1)(2l1+1)/(2l+1)) ⟨L0 l1 0|l0⟩ 𝒩'_nl/(𝒩'_NL 𝒩'_{n1 l1})
 *                   [ψ_NL(A) ⊗ ψ_{n1 l1}(B)]_l ,     2N + L + 2n1 + l1 = 2n + l,  𝒩'²_nl = 2^n n! (2n+2l+1)!!.
 * </pre>
 * The A-integral is orthonormality; the σ-integral acts on the B-part by Funk–Hecke, multiplying angular momentum
 * l1 by β_{l1} = 2π∫b P_{l1} ({@link org.knudsen.physics.AngularLaw#legendreMoment}); |B|^γ enters only through the
 * radial matrix ρ_{l1} of {@link GaussLaguerre#radialPowerMatrix}. Gain minus loss therefore carries (β_{l1} − 1),
 * and the coupling coefficients sum to δ over m, so L is block-diagonal in l and the same for every m:
 * <pre>
 *   X_l(n,n') = 𝒩'_nl 𝒩'_n'l Σ_{l1} (β_{l1} − 1) Σ_d W_{l1}(d) R_{l1}(n−d, n'−d),
 * </pre>
 * W collecting the A-parts (shift d = N + (L+l1−l)/2) and R the B-parts. The post-collision partner b' = sA − cB'
 * uses the bracket with (c, s) → (s, −c). Then
 * L[(p,n),(q,n')] = δ_pq Σ_j C_pj μ_pj^{−γ/2} c_j X^{aa'}_{pj} + C_pq μ_pq^{−γ/2} √(c_p c_q) X^{ab'}_{pq}.
 * For γ = 0 every ρ is the identity and each block is diagonal in n (Maxwell molecules keep the degree).
 */
final class CollisionAssembler {
    private final Mixture mixture;
    private final int species;
    private final Map<Double, double[][][]> radial = new HashMap<>();   // γ → ρ_{l1}
    private final double[][][] legendre;                                // [i][j] → β_{l1}

    CollisionAssembler(Mixture mixture) {
        this.mixture = mixture;
        this.species = mixture.size();
        this.legendre = new double[species][species][];
    }

    /** β_{l1} of pair (i, j) for l1 ≤ maxL (cached; the law's closed forms cost O(l) each). */
    private double[] beta(int i, int j, int maxL) {
        double[] b = legendre[i][j];
        if (b == null || b.length <= maxL) {
            b = new double[maxL + 1];
            for (int l = 0; l <= maxL; l++) {
                b[l] = mixture.kernel(i, j).angular().legendreMoment(l);
            }
            legendre[i][j] = b;
            legendre[j][i] = b;
        }
        return b;
    }

    /** ρ_{l1} of size ≥ count for this γ (cached, grown on demand). */
    private double[][] rho(double gamma, int l1, int count) {
        double[][][] byL = radial.computeIfAbsent(gamma, g -> new double[0][][]);
        if (byL.length <= l1) {
            byL = java.util.Arrays.copyOf(byL, l1 + 1);
            radial.put(gamma, byL);
        }
        if (byL[l1] == null || byL[l1].length < count) {
            byL[l1] = GaussLaguerre.radialPowerMatrix(l1, count, gamma);
        }
        return byL[l1];
    }

    /**
     * The block L_l restricted to radial indices n < radialCount for every species, row-major
     * [(p·radialCount + n), (q·radialCount + n')], symmetric and negative semi-definite in L²(μ).
     */
    double[] block(int l, int radialCount) {
        int size = species * radialCount;
        int maxDegree = 2 * (radialCount - 1) + l;
        if (BurnettBasis.logFischerNorm(radialCount - 1, l) > 300) {
            throw new IllegalArgumentException("Burnett degree " + maxDegree + " too high for double range");
        }
        double[] out = new double[size * size];
        double[] x = new double[radialCount * radialCount];
        for (int p = 0; p < species; p++) {
            for (int j = 0; j < species; j++) {
                CollisionKernel kernel = mixture.kernel(p, j);
                double gamma = kernel.gamma();
                double strength = kernel.strength() * Math.pow(mixture.reducedMass(p, j), -gamma / 2);
                double total = mixture.mass(p) + mixture.mass(j);
                double lnC = 0.5 * Math.log(mixture.mass(p) / total), lnS = 0.5 * Math.log(mixture.mass(j) / total);
                double[] beta = beta(p, j, maxDegree);
                // gain of species p's own function (a'), minus its loss
                pairTerm(x, l, radialCount, beta, gamma, lnC, lnC, lnS, lnS, false);
                add(out, size, radialCount, p, p, strength * mixture.concentration(j), x);
                // gain through the partner's function (b' = sA − cB'), minus the partner's loss
                pairTerm(x, l, radialCount, beta, gamma, lnC, lnS, lnS, lnC, true);
                add(out, size, radialCount, p, j,
                        strength * Math.sqrt(mixture.concentration(p) * mixture.concentration(j)), x);
            }
        }
        return out;
    }

    private static void add(double[] out, int size, int rc, int p, int q, double weight, double[] x) {
        for (int n = 0; n < rc; n++) {
            for (int m = 0; m < rc; m++) {
                out[(p * rc + n) * size + q * rc + m] += weight * x[n * rc + m];
            }
        }
    }

    /**
     * X_l(n, n') for one ordered pair and one of the two terms, into x (rc × rc). lnRowA, lnColA are the logs of
     * the A-coefficients of the row and column brackets (c for a, s for b), lnRowB, lnColB those of the B-parts
     * (s for a, c for b); partner = true adds the (−1)^{l1} of b = sA − cB.
     */
    private void pairTerm(double[] x, int l, int rc, double[] beta, double gamma, double lnRowA, double lnColA,
                          double lnRowB, double lnColB, boolean partner) {
        java.util.Arrays.fill(x, 0);
        int maxDegree = 2 * (rc - 1) + l;
        double[] w = new double[rc];
        double[] r = new double[rc * rc];
        for (int l1 = 0; l1 <= maxDegree; l1++) {
            double factor = beta[l1] - 1;
            if (factor == 0) {
                continue;
            }
            int dMin = Math.max(0, l1 - l);
            int m = rc - dMin;
            if (m <= 0) {
                continue;
            }
            // A-parts: W(d) = Σ_L T'² c_row^{2N+L} c_col^{2N+L} / 𝒩'²_NL, N = d − (L + l1 − l)/2
            java.util.Arrays.fill(w, 0);
            boolean any = false;
            for (int bigL = Math.abs(l - l1); bigL <= l + l1; bigL += 2) {
                int e = (bigL + l1 - l) / 2;
                double logT2 = Math.log((2.0 * bigL + 1) * (2.0 * l1 + 1) / (2.0 * l + 1)) + logClebschZeroSquared(bigL, l1, l);
                for (int bigN = 0; bigN + e < rc; bigN++) {
                    w[bigN + e] += Math.exp(logT2 + (2 * bigN + bigL) * (lnRowA + lnColA)
                            - 2 * logNorm(bigN, bigL));
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            // B-parts: R(n1, n1') = ρ(n1, n1') s_row^{2n1+l1}/𝒩'_{n1 l1} · s_col^{2n1'+l1}/𝒩'_{n1' l1}
            double sign = partner && l1 % 2 == 1 ? -1 : 1;
            double[] rowB = new double[m], colB = new double[m];
            for (int a = 0; a < m; a++) {
                rowB[a] = Math.exp((2 * a + l1) * lnRowB - logNorm(a, l1));
                colB[a] = sign * Math.exp((2 * a + l1) * lnColB - logNorm(a, l1));
            }
            if (gamma == 0) {
                // ρ = identity: Maxwell molecules keep the degree, the block is diagonal in n
                for (int d = dMin; d < rc; d++) {
                    double wd = factor * w[d];
                    for (int nn = d; nn < rc && wd != 0; nn++) {
                        x[nn * rc + nn] += wd * rowB[nn - d] * colB[nn - d];
                    }
                }
                continue;
            }
            double[][] rho = rho(gamma, l1, m);
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    r[a * m + b] = rowB[a] * rho[a][b] * colB[b];
                }
            }
            for (int d = dMin; d < rc; d++) {
                double wd = factor * w[d];
                if (wd == 0) {
                    continue;
                }
                for (int n = d; n < rc; n++) {
                    int rowR = (n - d) * m - d;
                    int rowX = n * rc;
                    for (int np = d; np < rc; np++) {
                        x[rowX + np] += wd * r[rowR + np];
                    }
                }
            }
        }
        double[] scale = new double[rc];
        for (int n = 0; n < rc; n++) {
            scale[n] = Math.exp(logNorm(n, l));
        }
        for (int n = 0; n < rc; n++) {
            for (int np = 0; np < rc; np++) {
                x[n * rc + np] *= scale[n] * scale[np];
            }
        }
    }

    private double[][] logNorms = new double[0][];

    /** Cached {@link BurnettBasis#logFischerNorm}. */
    private double logNorm(int n, int l) {
        if (l >= logNorms.length || n >= logNorms[l].length) {
            int lMax = Math.max(l + 1, logNorms.length), nMax = Math.max(n + 1, logNorms.length == 0 ? 0 : logNorms[0].length);
            double[][] t = new double[Math.max(lMax, 2 * lMax)][Math.max(nMax, 2 * nMax)];
            for (int a = 0; a < t.length; a++) {
                for (int b = 0; b < t[a].length; b++) {
                    t[a][b] = BurnettBasis.logFischerNorm(b, a);
                }
            }
            logNorms = t;
        }
        return logNorms[l][n];
    }

    /** ln ⟨j1 0 j2 0 | J 0⟩² (closed form for zero projections; −∞ when j1 + j2 + J is odd). */
    static double logClebschZeroSquared(int j1, int j2, int bigJ) {
        int twoG = j1 + j2 + bigJ;
        if (twoG % 2 != 0 || bigJ > j1 + j2 || bigJ < Math.abs(j1 - j2)) {
            return Double.NEGATIVE_INFINITY;
        }
        int g = twoG / 2;
        return Math.log(2.0 * bigJ + 1) + lf(2 * g - 2 * j1) + lf(2 * g - 2 * j2) + lf(2 * g - 2 * bigJ) - lf(2 * g + 1)
                + 2 * (lf(g) - lf(g - j1) - lf(g - j2) - lf(g - bigJ));
    }

    private static double lf(int n) {
        return LogGamma.value(n + 1.0);
    }
}
