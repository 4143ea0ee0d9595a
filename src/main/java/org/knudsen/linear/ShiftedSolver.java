package org.knudsen.linear;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_ZDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * (Ã − σ I)⁻¹ for a complex shift σ by block elimination of the block-tridiagonal Ã, from the highest l down to
 * l = 0 (EJML complex LU with partial pivoting inside each block). That order is the stable one: the high-l blocks
 * L_l/ε² − σ are far from singular (no collision invariants), the Schur complements stay dissipative, and the
 * near-singular slow physics is met last, in the small l = 0 block. Complex vectors are interleaved (re, im).
 */
final class ShiftedSolver {
    private final ModeOperator a;
    private final int degree;
    private final LinearSolverDense<ZMatrixRMaj>[] schur;
    private final ZMatrixRMaj[] upper, lower;          // U_l (s_l × s_{l+1}), Lo_l (s_{l+1} × s_l)

    @SuppressWarnings("unchecked")
    ShiftedSolver(ModeOperator a, double shiftRe, double shiftIm) {
        this.a = a;
        BurnettBasis basis = a.basis;
        this.degree = basis.degree();
        int species = basis.species();
        schur = new LinearSolverDense[degree + 1];
        upper = new ZMatrixRMaj[degree];
        lower = new ZMatrixRMaj[degree];
        for (int l = 0; l < degree; l++) {
            int s = basis.blockSize(l), su = basis.blockSize(l + 1), rc = basis.radialCount(l), rcUp = basis.radialCount(l + 1);
            upper[l] = new ZMatrixRMaj(s, su);
            lower[l] = new ZMatrixRMaj(su, s);
            for (int i = 0; i < species; i++) {
                for (int n = 0; n < rc; n++) {
                    double same = a.upperSame[l][i * rc + n], low = a.upperLower[l][i * rc + n];
                    if (same != 0) {
                        upper[l].set(i * rc + n, i * rcUp + n, same, 0);
                        lower[l].set(i * rcUp + n, i * rc + n, -same, 0);
                    }
                    if (low != 0) {
                        upper[l].set(i * rc + n, i * rcUp + n - 1, low, 0);
                        lower[l].set(i * rcUp + n - 1, i * rc + n, -low, 0);
                    }
                }
            }
        }
        for (int l = degree; l >= 0; l--) {
            int s = basis.blockSize(l);
            ZMatrixRMaj d = new ZMatrixRMaj(s, s);
            double[] blk = a.diag[l];
            for (int r = 0; r < s; r++) {
                for (int c = 0; c < s; c++) {
                    d.set(r, c, blk[r * s + c] - (r == c ? shiftRe : 0), r == c ? -shiftIm : 0);
                }
            }
            if (l < degree) {
                // Ŝ_l = D_l − U_l Ŝ_{l+1}⁻¹ Lo_l
                ZMatrixRMaj z = new ZMatrixRMaj(basis.blockSize(l + 1), s);
                schur[l + 1].solve(lower[l], z);
                ZMatrixRMaj uz = new ZMatrixRMaj(s, s);
                CommonOps_ZDRM.mult(upper[l], z, uz);
                CommonOps_ZDRM.subtract(d, uz, d);
            }
            LinearSolverDense<ZMatrixRMaj> lu = LinearSolverFactory_ZDRM.lu(s);
            ZMatrixRMaj copy = d.copy();
            if (!lu.setA(copy)) {
                throw new ArithmeticException("shifted mode matrix is singular at l=" + l);
            }
            schur[l] = lu;
        }
    }

    /** x = (Ã − σ)⁻¹ b for interleaved complex vectors. */
    double[] solve(double[] b) {
        BurnettBasis basis = a.basis;
        ZMatrixRMaj[] y = new ZMatrixRMaj[degree + 1];
        for (int l = 0; l <= degree; l++) {
            int off = basis.blockOffset(l), s = basis.blockSize(l);
            y[l] = new ZMatrixRMaj(s, 1);
            System.arraycopy(b, 2 * off, y[l].data, 0, 2 * s);
        }
        for (int l = degree - 1; l >= 0; l--) {
            ZMatrixRMaj t = new ZMatrixRMaj(basis.blockSize(l + 1), 1), ut = new ZMatrixRMaj(basis.blockSize(l), 1);
            schur[l + 1].solve(y[l + 1], t);
            CommonOps_ZDRM.mult(upper[l], t, ut);
            CommonOps_ZDRM.subtract(y[l], ut, y[l]);
        }
        double[] x = new double[b.length];
        ZMatrixRMaj prev = null;
        for (int l = 0; l <= degree; l++) {
            int s = basis.blockSize(l);
            ZMatrixRMaj rhs = y[l];
            if (l > 0) {
                ZMatrixRMaj lx = new ZMatrixRMaj(s, 1);
                CommonOps_ZDRM.mult(lower[l - 1], prev, lx);
                CommonOps_ZDRM.subtract(rhs, lx, rhs);
            }
            ZMatrixRMaj xl = new ZMatrixRMaj(s, 1);
            schur[l].solve(rhs, xl);
            System.arraycopy(xl.data, 0, x, 2 * basis.blockOffset(l), 2 * s);
            prev = xl;
        }
        return x;
    }
}
