package org.knudsen.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.InputException;

/**
 * The body of a spatial run's {@code checkpoint.bin} ({@link CheckpointFile} frames it): the scenario (SHA-256 and
 * text), the position (step, total steps, time, snapshot counter), the time-series rows written so far (for the
 * plots and to cut timeseries.csv back on resume), then the particle solver, the exact Dormand–Prince state of the
 * Maxwell–Stefan solver, the run statistics and (version 2) the open averaging window.
 */
final class RunCheckpoint {
    /** Version of the run-level body (the sections below it carry their own versions). */
    static final int VERSION = 2;

    /** Where a checkpoint left the run. */
    record Position(long step, int snapshots, List<double[]> rows) {
    }

    /** The solvers whose state a checkpoint holds. */
    record Solvers(ParticleRun particles, MaxwellStefanSolver fluid, RunStatistics stats) {
    }

    private RunCheckpoint() {
    }

    static void write(RunPlan plan, String scenarioText, String scenarioSha256, Position at, Solvers solvers) {
        CheckpointFile.write(plan.dir().resolve(CheckpointFile.FILE_NAME), o -> {
            o.writeInt(VERSION);
            o.writeUTF(scenarioSha256);
            byte[] text = scenarioText.getBytes(StandardCharsets.UTF_8);
            o.writeInt(text.length);
            o.write(text);
            o.writeLong(at.step());
            o.writeLong(plan.steps());
            o.writeDouble(at.step() * plan.dt());
            o.writeInt(at.snapshots());
            int width = at.rows().get(0).length;
            o.writeLong(at.rows().size());
            o.writeInt(width);
            for (double[] r : at.rows()) {
                for (double v : r) {
                    o.writeDouble(v);
                }
            }
            writeSolvers(o, solvers);
        });
    }

    private static void writeSolvers(DataOutput o, Solvers solvers) throws IOException {
        solvers.particles().writeState(o);
        solvers.fluid().writeState(o);
        solvers.stats().writeState(o);
        solvers.particles().writeWindowState(o);
    }

    /**
     * Loads the last complete checkpoint of the plan's directory ({@code .prev} if the last one is damaged) into the
     * solvers and returns its position.
     *
     * @throws InputException (exit 2) if none is usable or it belongs to another scenario
     */
    static Position read(RunPlan plan, String scenarioSha256, int width, Solvers solvers, Consumer<String> warnings) {
        Path file = plan.dir().resolve(CheckpointFile.FILE_NAME);
        return CheckpointFile.readWithFallback(file, in -> read(in, file, plan, scenarioSha256, width, solvers), warnings);
    }

    private static Position read(DataInput in, Path file, RunPlan plan, String scenarioSha256, int width,
                                 Solvers solvers) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("run state version " + version + ", this knudsen reads " + VERSION);
        }
        String sha = in.readUTF();
        if (!sha.equals(scenarioSha256)) {
            throw new InputException(file + ": belongs to another scenario (sha256 " + sha + "), but "
                    + plan.dir().resolve("scenario.toml") + " has sha256 " + scenarioSha256
                    + "; resume needs the scenario.toml the run was started with");
        }
        int textLength = in.readInt();
        if (textLength < 0 || textLength > (1 << 26)) {
            throw new IOException("scenario text length " + textLength);
        }
        in.readFully(new byte[textLength]); // kept in the file for the record; the hash above ties it to scenario.toml
        long savedStep = in.readLong();
        long totalSteps = in.readLong();
        in.readDouble();
        int savedSnapshot = in.readInt();
        if (totalSteps != plan.steps() || savedStep < 0 || savedStep > totalSteps || savedSnapshot < 0) {
            throw new IOException("step " + savedStep + " of " + totalSteps + " (this scenario has " + plan.steps()
                    + " steps), snapshot " + savedSnapshot);
        }
        long rowCount = in.readLong();
        int savedWidth = in.readInt();
        if (savedWidth != width || rowCount < 1 || rowCount > savedStep + 1) {
            throw new IOException(rowCount + " time-series rows of " + savedWidth + " values (expected 1.."
                    + (savedStep + 1) + " rows of " + width + ")");
        }
        List<double[]> rows = new ArrayList<>();
        for (long k = 0; k < rowCount; k++) {
            double[] r = new double[width];
            for (int c = 0; c < width; c++) {
                r[c] = in.readDouble();
            }
            rows.add(r);
        }
        solvers.particles().readState(in);
        if (solvers.particles().steps() != savedStep) {
            throw new IOException("the particle solver has made " + solvers.particles().steps() + " steps, the run "
                    + savedStep);
        }
        solvers.fluid().readState(in);
        solvers.stats().readState(in);
        solvers.particles().readWindowState(in);
        return new Position(savedStep, savedSnapshot, rows);
    }

    /** The particle and Maxwell–Stefan state of loaded solvers, as bytes (tests compare runs by it). */
    static byte[] solverBytes(Solvers solvers) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream o = new java.io.DataOutputStream(bytes);
            solvers.particles().writeState(o);
            solvers.fluid().writeState(o);
            solvers.particles().writeWindowState(o);
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
