package org.knudsen.simd;

/**
 * The periodic wrap of a streamed coordinate into [0, L), rounded to the float a position is stored as. The one
 * place of this arithmetic: the scalar stream kernel and {@code org.knudsen.physics.Grid} call it, and
 * {@link VectorStreamKernel} computes the same operations lane by lane (a test compares them bit for bit).
 */
public final class PeriodicWrap {
    private PeriodicWrap() {
    }

    /**
     * A double position in [0, L] rounded to float and kept inside [0, L): rounding may land on L (when the float
     * nearest to the position is ≥ L), which is the same point as 0 on the torus.
     */
    public static float stored(double wrapped, double length) {
        float f = (float) wrapped;
        return f >= length ? 0f : f;
    }

    /**
     * x + d wrapped into [0, L) and rounded to float, for |x + d| &lt; 2^31 L: k = ⌊(x + d)/L⌋ by truncation and a
     * correction, then one fix-up each way for the rounding of (x + d) − kL.
     *
     * @param xd            x + d
     * @param inverseLength 1/L (passed in so that a loop divides once)
     */
    public static float step(double xd, double length, double inverseLength) {
        double t = xd * inverseLength;
        double k = (int) t;
        if (k > t) {
            k -= 1;
        }
        xd -= k * length;
        if (xd < 0) {
            xd += length;
        }
        if (xd >= length) {
            xd -= length;
        }
        return stored(xd, length);
    }
}
