package org.knudsen.fluid;

import org.jtransforms.fft.DoubleFFT_1D;
import org.knudsen.physics.Grid;

/**
 * Pseudo-spectral first derivatives on a periodic {@link Grid}, one axis at a time: ∂/∂x_d only needs FFTs
 * along the lines of axis d, which is half the work of a full 3-D transform per derivative. Two real fields are
 * differentiated at once as the real and imaginary parts of one complex line (the derivative is a real operator
 * once the Nyquist bin, whose derivative is ambiguous, is set to zero). The k = 0 bin is multiplied by 0, so every
 * derivative has zero mean on every line: this is what makes the spectral divergence conserve mass to rounding.
 * Not thread-safe (it owns its line buffer); no allocation after construction.
 */
final class SpectralDerivative {
    private final Grid grid;
    private final DoubleFFT_1D[] fft = new DoubleFFT_1D[3];
    private final double[][] ik = new double[3][];
    private final double[][] cellMean = new double[3][];
    private final double[] line;

    SpectralDerivative(Grid grid) {
        this.grid = grid;
        int max = 1;
        for (int d = 0; d < 3; d++) {
            int n = grid.cells(d);
            max = Math.max(max, n);
            if (n > 1) {
                fft[d] = new DoubleFFT_1D(n);
                ik[d] = new double[n];
                cellMean[d] = new double[n];
                for (int b = 0; b < n; b++) {
                    ik[d][b] = (n % 2 == 0 && b == n / 2) ? 0 : grid.wavenumber(d, b);
                    // the mean over a cell of e^{ikx} is sinc(kh/2) e^{ikx_c}; at Nyquist the interpolant is a cosine
                    double half = grid.wavenumber(d, b) * grid.spacing(d) / 2;
                    cellMean[d][b] = b == 0 ? 1 : Math.sin(half) / half;
                }
            }
        }
        line = new double[2 * max];
    }

    Grid grid() {
        return grid;
    }

    /**
     * out{A,B}[offOut..] (=|+=) ∂_d in{A,B}[offIn..] for fields of grid.points() values; inB/outB may be null
     * (then only A is differentiated). With accumulate the result is added to the output. An axis with one point
     * has derivative 0.
     */
    void derivative(int axis, double[] inA, int offInA, double[] inB, int offInB,
                    double[] outA, int offOutA, double[] outB, int offOutB, boolean accumulate) {
        apply(axis, ik[axis], true, inA, offInA, inB, offInB, outA, offOutA, outB, offOutB, accumulate);
    }

    /**
     * Replaces the fields (in place) by the mean of their trigonometric interpolant over the cells along one axis:
     * every Fourier mode is multiplied by sinc(k h/2). Applied along every axis with more than one point, it turns
     * point values at cell centres into exact cell averages of the interpolant.
     */
    void cellAverage(int axis, double[] a, int offA, double[] b, int offB) {
        if (grid.cells(axis) > 1) {
            apply(axis, cellMean[axis], false, a, offA, b, offB, a, offA, b, offB, false);
        }
    }

    /** Multiplies every line along the axis by w (times i when imaginary) in Fourier space. */
    private void apply(int axis, double[] multiplier, boolean imaginary, double[] inA, int offInA, double[] inB,
                       int offInB, double[] outA, int offOutA, double[] outB, int offOutB, boolean accumulate) {
        int n = grid.cells(axis);
        int points = grid.points();
        if (n == 1) {
            if (!accumulate) {
                java.util.Arrays.fill(outA, offOutA, offOutA + points, 0.0);
                if (outB != null) {
                    java.util.Arrays.fill(outB, offOutB, offOutB + points, 0.0);
                }
            }
            return;
        }
        int stride = axis == 0 ? 1 : axis == 1 ? grid.nx() : grid.nx() * grid.ny();
        int lines = points / n;
        DoubleFFT_1D f = fft[axis];
        double[] w = multiplier;
        double[] buf = line;
        for (int l = 0; l < lines; l++) {
            // start of line l: lines enumerate the points with axis index 0
            int start = stride == 1 ? l * n : (l % stride) + (l / stride) * stride * n;
            for (int j = 0, p = start; j < n; j++, p += stride) {
                buf[2 * j] = inA[offInA + p];
                buf[2 * j + 1] = inB == null ? 0.0 : inB[offInB + p];
            }
            f.complexForward(buf);
            for (int j = 0; j < n; j++) {
                double re = buf[2 * j];
                double im = buf[2 * j + 1];
                if (imaginary) { // multiply by i w: (re, im) -> (-w im, w re)
                    buf[2 * j] = -w[j] * im;
                    buf[2 * j + 1] = w[j] * re;
                } else {
                    buf[2 * j] = w[j] * re;
                    buf[2 * j + 1] = w[j] * im;
                }
            }
            f.complexInverse(buf, true);
            if (accumulate) {
                for (int j = 0, p = start; j < n; j++, p += stride) {
                    outA[offOutA + p] += buf[2 * j];
                    if (outB != null) {
                        outB[offOutB + p] += buf[2 * j + 1];
                    }
                }
            } else {
                for (int j = 0, p = start; j < n; j++, p += stride) {
                    outA[offOutA + p] = buf[2 * j];
                    if (outB != null) {
                        outB[offOutB + p] = buf[2 * j + 1];
                    }
                }
            }
        }
    }
}
