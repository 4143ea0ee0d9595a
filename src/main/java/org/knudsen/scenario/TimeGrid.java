package org.knudsen.scenario;

import java.util.Locale;

/**
 * The time grid of a run (PHYSICS.md §10): the step Δt, the steps per output interval and the number of output
 * intervals, chosen so that every output time t_k = k · output.every and the end time fall on a step. With
 * {@code dt = "auto"} the step is the largest Δt ≤ 0.2 ε²/max_i ν_i that divides output.every; an explicit dt must
 * divide output.every; time.end must be a whole number of output intervals. Nothing is rounded silently.
 *
 * @param dt             the step
 * @param stepsPerSample steps between two output times, ≥ 1
 * @param samples        output intervals up to time.end, ≥ 1 (the run writes samples + 1 rows, t = 0 included)
 * @param every          the output interval as the scenario gives it (output.every, or time.end / 50)
 */
public record TimeGrid(double dt, long stepsPerSample, long samples, double every) {
    /** More steps than this cannot finish (10^12 steps of even one particle take days). */
    public static final long MAX_STEPS = 1_000_000_000_000L;
    /** Relative tolerance for "a whole number of": decimal inputs like 0.5 / 0.01 are not exact in binary. */
    private static final double WHOLE = 1e-9;

    public long steps() {
        return stepsPerSample * samples;
    }

    public double end() {
        return steps() * dt;
    }

    /**
     * Output time k (k = 0 … samples): the double nearest to the decimal product k × every, where every is the
     * shortest decimal of the output interval ({@link Double#toString}), e.g. 0.35 and not step × dt =
     * 0.35000000000000003. The same instant as step × dt to rounding (dt divides every), so it is the time at which
     * the outputs sample, and what they print: the shortest decimal of the output grid, without binary noise. A pure
     * function of the scenario, so a resumed run gives the same bits.
     */
    public double outputTime(long k) {
        if (k < 0 || k > samples) {
            throw new IllegalArgumentException("output " + k + " is not one of 0.." + samples);
        }
        return new java.math.BigDecimal(Double.toString(every)).multiply(java.math.BigDecimal.valueOf(k)).doubleValue();
    }

    /**
     * The grid of a scenario with {@code [time]}: output.every defaults to time.end / 50. Returns null after reporting
     * what is wrong.
     */
    static TimeGrid resolve(TimeSpec time, Double every, double autoDt, ScenarioProblems problems) {
        double end = time.end();
        double interval = every != null ? every : end / 50;
        String intervalKey = every != null ? "output.every" : "time.end / 50 (no output.every)";
        double intervals = end / interval;
        long samples = Math.round(intervals);
        if (samples < 1 || Math.abs(intervals - samples) > WHOLE * intervals) {
            problems.add("time.end", String.format(Locale.ROOT, "must be a whole number of output intervals %s = %s "
                    + "(it is %.6g of them), so that the last output falls on time.end; e.g. time.end = %s",
                    intervalKey, TomlText.number(interval), intervals,
                    TomlText.number(Math.max(1, samples) * interval)));
            return null;
        }
        long perSample;
        double dt;
        if (time.isAuto()) {
            if (!(autoDt > 0) || !Double.isFinite(autoDt)) {
                problems.add("time.dt", "\"auto\"", "the automatic step 0.2 eps^2/max nu_i = " + autoDt
                        + " is not a positive number (see the collision rates)");
                return null;
            }
            double ratio = interval / autoDt;
            if (!(ratio < MAX_STEPS)) {
                problems.add("time.dt", "\"auto\"", String.format(Locale.ROOT, "output.every / (0.2 eps^2/max nu_i) = "
                        + "%.3g steps per output interval; more than %d steps cannot finish", ratio, MAX_STEPS));
                return null;
            }
            perSample = Math.max(1, (long) Math.ceil(ratio * (1 - 1e-12)));
            dt = interval / perSample;
        } else {
            dt = time.dt().getAsDouble();
            double ratio = interval / dt;
            perSample = Math.round(ratio);
            if (perSample < 1 || Math.abs(ratio - perSample) > WHOLE * ratio) {
                long n = Math.max(1, (long) Math.ceil(ratio));
                problems.add("time.dt", String.format(Locale.ROOT, "must divide %s = %s into whole steps (it gives %.6g "
                        + "steps); e.g. dt = %s (%d steps per output interval) or dt = \"auto\"", intervalKey,
                        TomlText.number(interval), ratio, TomlText.number(interval / n), n));
                return null;
            }
        }
        if ((double) perSample * samples > MAX_STEPS) {
            problems.add(time.isAuto() ? "time.end" : "time.dt", String.format(Locale.ROOT, "the run would take %.3g "
                    + "steps (time.end / dt), more than %d: it cannot finish; shorten time.end or raise epsilon or dt",
                    (double) perSample * samples, MAX_STEPS));
            return null;
        }
        return new TimeGrid(dt, perSample, samples, interval);
    }
}
