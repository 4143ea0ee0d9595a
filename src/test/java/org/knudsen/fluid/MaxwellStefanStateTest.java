package org.knudsen.fluid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.Grid;

/** Checkpoint state of the Maxwell–Stefan solver: a restored solver continues bit-identically. */
class MaxwellStefanStateTest {
    private static MaxwellStefanSolver solver(Mixture m, Grid grid) {
        return MaxwellStefanSolver.forMixture(m, grid, null, 0.3,
                List.of(new FourierMode(new int[] {1, 0, 0}, new double[] {0.3, -0.1, -0.2}),
                        new FourierMode(new int[] {3, 0, 0}, new double[] {-0.1, 0.2, -0.1})),
                IntegratorOptions.defaults());
    }

    @Test
    void restoredSolverContinuesWithBitIdenticalStepsAndDenseOutput() throws IOException {
        Mixture m = FluidTestSupport.example3(1.0);
        Grid grid = Grid.of(new int[] {32, 1, 1}, new double[] {1, 1, 1});
        MaxwellStefanSolver straight = solver(m, grid);
        MaxwellStefanSolver first = solver(m, grid);
        double[][] a = new double[3][grid.points()], b = new double[3][grid.points()];
        first.concentrationsAt(0.013, a); // some adaptive steps, mid-step dense output
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.writeState(new DataOutputStream(bytes));
        MaxwellStefanSolver resumed = solver(m, grid);
        resumed.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(first.time(), resumed.time());
        assertEquals(first.acceptedSteps(), resumed.acceptedSteps());
        for (double t : new double[] {0.013, 0.02, 0.05, 0.2}) {
            straight.concentrationsAt(t, a);
            resumed.concentrationsAt(t, b);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(a[i], b[i], 0.0, "species " + i + " at t = " + t);
            }
        }
        assertEquals(straight.acceptedSteps(), resumed.acceptedSteps());
        assertEquals(straight.evaluations(), resumed.evaluations());
    }

    @Test
    void stateOfAnotherGridIsRefused() throws IOException {
        Mixture m = FluidTestSupport.example3(1.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        solver(m, Grid.of(new int[] {32, 1, 1}, new double[] {1, 1, 1})).writeState(new DataOutputStream(bytes));
        MaxwellStefanSolver other = solver(m, Grid.of(new int[] {16, 1, 1}, new double[] {1, 1, 1}));
        assertThrows(IOException.class,
                () -> other.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }
}
