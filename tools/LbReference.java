import java.nio.file.Files;
import java.nio.file.Path;
import org.knudsen.fluid.LinearModeReference;
import org.knudsen.run.RunPlan;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;

/**
 * The exact linear mode amplitudes (the conc_mode_X_lb columns) of a run's scenario at its output times, at a FIXED
 * Burnett degree: a run picks its degree by the plain particle SE (run.LinearColumns), too loose for the reduced
 * estimates of docs/variance-reduction.md. Source launch, after a build:
 *   $JAVA_HOME/bin/java --add-modules jdk.incubator.vector -cp "target/classes:target/lib/*" tools/LbReference.java \
 *       RUN_DIR/replicas/r0/scenario.toml 32 > lb32.csv
 * Output: t, then one column per species (scenario order).
 */
public class LbReference {
    public static void main(String[] a) throws Exception {
        Scenario s = ScenarioParser.parse(Files.readString(Path.of(a[0])));
        RunPlan plan = RunPlan.of(s);
        int degree = Integer.parseInt(a[1]);
        LinearModeReference r = LinearModeReference.compute(plan.mixture(), plan.closure().delta(plan.mixture()),
                s.epsilon(), plan.grid().lengths(), plan.grid().cells(), plan.meanVelocity(), plan.modes(),
                plan.trackedMode(), plan.outputTimes(), new LinearModeReference.Settings(1e-300, 0, degree, 1, degree));
        double[] t = plan.outputTimes();
        double[][] d = r.trackedDensity();
        StringBuilder sb = new StringBuilder("t");
        for (int i = 0; i < plan.mixture().size(); i++) {
            sb.append(',').append(plan.mixture().name(i));
        }
        System.out.println(sb);
        for (int k = 0; k < t.length; k++) {
            sb = new StringBuilder(Double.toString(t[k]));
            for (double v : d[k]) {
                sb.append(',').append(v);
            }
            System.out.println(sb);
        }
    }
}
