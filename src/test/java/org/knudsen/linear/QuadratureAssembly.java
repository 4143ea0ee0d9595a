package org.knudsen.linear;

import org.apache.commons.numbers.gamma.LogGamma;
import org.knudsen.GaussRules;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.CollisionKernel;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TabulatedAngularLaw;
import org.knudsen.physics.TanhSinh;

/**
 * The second, independent route to the blocks of L (PHYSICS.md §12 "Galerkin"): brute tensor quadrature of the
 * collision integrals with the Burnett functions evaluated directly (explicit Laguerre polynomials), no oscillator
 * brackets, no Funk–Hecke, no Legendre moments. By rotation invariance the m-averaged element
 * (1/(2l+1)) Σ_m ⟨ψ_nlm, · ψ_n'lm⟩ = (1/4π) ∫ R_nl R_n'l P_l(cos) is computed with B = r ẑ and σ in the xz-plane:
 * Gauss–Hermite (probabilists') in the three components of A, exact for the polynomial degree; in r, the polynomial
 * f(r) split into even and odd parts, each integrated by a Gauss–Laguerre rule in t = r²/2 with the weight
 * t^{(1+γ)/2} resp. t^{(2+γ)/2} (exact); in x = cos θ, tanh–sinh of 2π b(x) split at the law's kinks (converged
 * to rounding). Slow (8-D work reduced to 5-D): for low degrees only.
 */
final class QuadratureAssembly {
    private QuadratureAssembly() {
    }

    /** Block l of L at total degree K (rows/cols as in {@link BurnettBasis}), by quadrature. */
    static double[][] blocks(Mixture mixture, int degree) {
        int species = mixture.size();
        BurnettBasis basis = new BurnettBasis(species, degree);
        double[][] out = new double[degree + 1][];
        for (int l = 0; l <= degree; l++) {
            out[l] = new double[basis.blockSize(l) * basis.blockSize(l)];
        }
        for (int p = 0; p < species; p++) {
            for (int j = 0; j < species; j++) {
                CollisionKernel k = mixture.kernel(p, j);
                double strength = k.strength() * Math.pow(mixture.reducedMass(p, j), -k.gamma() / 2);
                double total = mixture.mass(p) + mixture.mass(j);
                double c = Math.sqrt(mixture.mass(p) / total), s = Math.sqrt(mixture.mass(j) / total);
                double[][][][] terms = pairIntegrals(degree, c, s, k);  // [term][l][n][n']: Gaa', Naa, Gab', Nab
                for (int l = 0; l <= degree; l++) {
                    int rc = basis.radialCount(l), size = basis.blockSize(l);
                    for (int n = 0; n < rc; n++) {
                        for (int m = 0; m < rc; m++) {
                            out[l][(p * rc + n) * size + p * rc + m] += strength * mixture.concentration(j)
                                    * (terms[0][l][n][m] - terms[1][l][n][m]);
                            out[l][(p * rc + n) * size + j * rc + m] += strength
                                    * Math.sqrt(mixture.concentration(p) * mixture.concentration(j))
                                    * (terms[2][l][n][m] - terms[3][l][n][m]);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Rule {nodes, weights} from a Jacobi matrix ({@link GaussRules#golubWelsch}). */
    static double[][] golubWelsch(double[] diag, double[] off, double mass) {
        return GaussRules.golubWelsch(diag, off, mass);
    }

    /** Probabilists' Gauss–Hermite for the standard normal density. */
    static double[][] hermite(int n) {
        return GaussRules.hermite(n);
    }

    /** Gauss–Laguerre for ∫_0^∞ t^a e^{−t} (unnormalised). */
    static double[][] laguerre(int n, double a) {
        return GaussRules.laguerre(n, a);
    }

    /** R_nl(ρ) = (−1)^n 𝔑_nl L_n^{(l+1/2)}(ρ²/2) ρ^l, 𝔑² = (2π)^{3/2} n! / (2^{l+1/2} Γ(n+l+3/2)), into r[l][n]. */
    static void radial(double rho, int degree, double[][] r) {
        double t = rho * rho / 2;
        double pow = 1;
        for (int l = 0; l <= degree; l++) {
            double alpha = l + 0.5, lPrev = 0, lCur = 1;
            for (int n = 0; 2 * n + l <= degree; n++) {
                r[l][n] = (n % 2 == 0 ? 1 : -1) * NORM[l][n] * lCur * pow;
                double lNext = ((2 * n + 1 + alpha - t) * lCur - (n + alpha) * lPrev) / (n + 1);
                lPrev = lCur;
                lCur = lNext;
            }
            pow *= rho;
        }
    }

    private static final double[][] NORM = new double[16][8];

    static {
        for (int l = 0; l < 16; l++) {
            for (int n = 0; n < 8; n++) {
                NORM[l][n] = Math.sqrt(Math.pow(2 * Math.PI, 1.5) * Math.exp(LogGamma.value(n + 1.0)
                        - (l + 0.5) * Math.log(2) - LogGamma.value(n + l + 1.5)));
            }
        }
    }

    private static double[][][][] pairIntegrals(int degree, double c, double s, CollisionKernel kernel) {
        double gamma = kernel.gamma();
        AngularLaw law = kernel.angular();
        int nr = degree + 2;
        double[][] even = laguerre(nr, (1 + gamma) / 2), odd = laguerre(nr, (2 + gamma) / 2);
        double[][] gh = hermite(degree + 1);
        double[][] xs = angularNodes(law);
        double[][][][] acc = new double[4][degree + 1][degree / 2 + 1][degree / 2 + 1];
        double[][] ra = new double[degree + 1][degree / 2 + 1], rap = new double[degree + 1][degree / 2 + 1];
        double[][] rb = new double[degree + 1][degree / 2 + 1], rbp = new double[degree + 1][degree / 2 + 1];
        double pref = Math.pow(2 * Math.PI, -1.5);
        for (int parity = 0; parity < 2; parity++) {
            double[][] rule = parity == 0 ? even : odd;
            double base = Math.pow(2, parity == 0 ? (1 + gamma) / 2 : (2 + gamma) / 2);
            for (int k = 0; k < nr; k++) {
                double r0 = Math.sqrt(2 * rule[0][k]);
                for (int sign = -1; sign <= 1; sign += 2) {
                    double r = sign * r0;
                    // even part (f(r)+f(−r))/2; odd part (f(r)−f(−r))/(2r) times the extra √(2t) = r0 in the weight
                    double wr = pref * base * rule[1][k] * (parity == 0 ? 0.5 : 0.5 * sign / r0);
                    for (int i1 = 0; i1 < gh[0].length; i1++) {
                        for (int i2 = 0; i2 < gh[0].length; i2++) {
                            for (int i3 = 0; i3 < gh[0].length; i3++) {
                                double w = wr * gh[1][i1] * gh[1][i2] * gh[1][i3];
                                double ax = gh[0][i1], ay = gh[0][i2], az = gh[0][i3];
                                double[] a = {c * ax, c * ay, c * az + s * r};
                                double[] b = {s * ax, s * ay, s * az - c * r};
                                radial(norm(a), degree, ra);
                                radial(norm(b), degree, rb);
                                double cab = cos(a, b);
                                for (int l = 0; l <= degree; l++) {
                                    double pab = TanhSinh.legendre(l, cab);
                                    for (int n = 0; 2 * n + l <= degree; n++) {
                                        for (int m = 0; 2 * m + l <= degree; m++) {
                                            acc[1][l][n][m] += w * ra[l][n] * ra[l][m];
                                            acc[3][l][n][m] += w * ra[l][n] * rb[l][m] * pab;
                                        }
                                    }
                                }
                                for (int q = 0; q < xs[0].length; q++) {
                                    double x = xs[0][q], sx = Math.sqrt(Math.max(0, 1 - x * x));
                                    double wq = w * xs[1][q];
                                    double[] ap = {c * ax + s * r * sx, c * ay, c * az + s * r * x};
                                    double[] bp = {s * ax - c * r * sx, s * ay, s * az - c * r * x};
                                    radial(norm(ap), degree, rap);
                                    radial(norm(bp), degree, rbp);
                                    double caa = cos(a, ap), cabp = cos(a, bp);
                                    for (int l = 0; l <= degree; l++) {
                                        double p1 = TanhSinh.legendre(l, caa), p2 = TanhSinh.legendre(l, cabp);
                                        for (int n = 0; 2 * n + l <= degree; n++) {
                                            for (int m = 0; 2 * m + l <= degree; m++) {
                                                acc[0][l][n][m] += wq * ra[l][n] * rap[l][m] * p1;
                                                acc[2][l][n][m] += wq * ra[l][n] * rbp[l][m] * p2;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return acc;
    }

    private static double norm(double[] a) {
        return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    }

    private static double cos(double[] a, double[] b) {
        double na = norm(a), nb = norm(b);
        if (na == 0 || nb == 0) {
            return 1;   // measure-zero node; P_l(1)·R(0) is harmless since R_nl(0) = 0 for l > 0
        }
        return Math.max(-1, Math.min(1, (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (na * nb)));
    }

    /** x-nodes and weights of ∫ 2π b(x) f(x) dx by tanh–sinh (step 1/32) split at the law's kinks. */
    static double[][] angularNodes(AngularLaw law) {
        double[] kinks;
        if (law instanceof TabulatedAngularLaw) {
            kinks = tabulatedKinks;
        } else if (law instanceof AngularLaw.StrongCutoff) {
            kinks = new double[] {0};
        } else {
            kinks = new double[0];
        }
        java.util.List<double[]> nodes = new java.util.ArrayList<>();
        double from = -1;
        for (int seg = 0; seg <= kinks.length; seg++) {
            double to = seg < kinks.length ? kinks[seg] : 1;
            double half = (to - from) / 2, h = 1.0 / 24;
            for (int k = -108; k <= 108; k++) {
                double t = k * h, u = Math.PI / 2 * Math.sinh(t);
                double w = Math.PI / 2 * Math.cosh(t) / (Math.cosh(u) * Math.cosh(u));
                double gap = 2 / (Math.exp(2 * Math.abs(u)) + 1);
                double x = u >= 0 ? to - half * gap : from + half * gap;
                if (w == 0 || x <= from || x >= to) {
                    continue;
                }
                nodes.add(new double[] {x, 2 * Math.PI * law.density(x) * w * h * half});
            }
            from = to;
        }
        double[][] out = new double[2][nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            out[0][i] = nodes.get(i)[0];
            out[1][i] = nodes.get(i)[1];
        }
        return out;
    }

    /** Breakpoints of the tabulated law used in the tests (set by the test that builds it). */
    static double[] tabulatedKinks = {0};
}
