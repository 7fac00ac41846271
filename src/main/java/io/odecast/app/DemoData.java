package io.odecast.app;

import io.odecast.examples.LotkaVolterra;
import io.odecast.ode.OdeMethod;
import io.odecast.ode.OdeSolver;
import io.odecast.ode.SolverOptions;
import io.odecast.train.Dataset;
import io.odecast.train.HareLynx;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The demo's streams: the hare–lynx record and noisy, irregularly sampled Lotka–Volterra sensors. */
final class DemoData {

    private DemoData() {
    }

    /** One observation to replay, with its JSON value. */
    record Event(String series, double time, double[] values, List<String> variables) {
        String json() {
            StringBuilder s = new StringBuilder("{\"t\": ").append(time).append(", \"values\": {");
            for (int i = 0; i < values.length; i++) {
                s.append(i == 0 ? "" : ", ").append('"').append(variables.get(i)).append("\": ").append(values[i]);
            }
            return s.append("}}").toString();
        }
    }

    /** Every series' events, interleaved by their position in each series so all series advance together. */
    static List<Event> events(int sensors, int points, long seed) {
        List<List<Event>> series = new ArrayList<>();
        Dataset hl = HareLynx.dataset();
        List<Event> hudson = new ArrayList<>();
        for (int i = 0; i < hl.size(); i++) {
            hudson.add(new Event("hudson-bay", hl.time(i), hl.values()[i], hl.variables()));
        }
        series.add(hudson);
        SplittableRandom random = new SplittableRandom(seed);
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-8, 1e-8));
        for (int k = 0; k < sensors; k++) {
            double[] times = new double[points];
            for (int i = 1; i < points; i++) {
                times[i] = times[i - 1] + random.nextDouble(0.3, 0.9);
            }
            LotkaVolterra lv = new LotkaVolterra(1.1 + 0.1 * k, 0.4, 0.1, 0.4 + 0.05 * k);
            var solution = solver.solve(lv, 0, new double[] {10 - k, 10 + k}, times);
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                double[] y = solution.state(i);
                double[] noisy = {y[0] * (1 + 0.03 * random.nextGaussian()), y[1] * (1 + 0.03 * random.nextGaussian())};
                events.add(new Event("sensor-" + (k + 1), times[i], noisy, List.of("prey", "predators")));
            }
            series.add(events);
        }
        List<Event> all = new ArrayList<>();
        int longest = series.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<Event> s : series) {
                if (i < s.size()) {
                    all.add(s.get(i));
                }
            }
        }
        return all;
    }
}
