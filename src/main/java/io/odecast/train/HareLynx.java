package io.odecast.train;

import java.util.List;

/** Hudson's Bay Company hare and lynx pelts, 1900–1920 (thousands), as listed in the seed. */
public final class HareLynx {

    private HareLynx() {
    }

    private static final double[] HARES = {30, 47.2, 70.2, 77.4, 36.3, 20.6, 18.1, 21.4, 22.0, 25.4, 27.1, 40.3, 57.0,
        76.6, 52.3, 19.5, 11.2, 7.6, 14.6, 16.2, 24.7};
    private static final double[] LYNX = {4, 6.1, 9.8, 35.2, 59.4, 41.7, 19.0, 13.0, 8.3, 9.1, 10.8, 12.6, 16.8, 20.6,
        18.1, 8.0, 5.3, 3.8, 4.0, 6.5, 8.0};

    /** The 21 yearly observations, time in years (1900 .. 1920). */
    public static Dataset dataset() {
        double[] years = new double[HARES.length];
        double[][] values = new double[HARES.length][];
        for (int i = 0; i < years.length; i++) {
            years[i] = 1900 + i;
            values[i] = new double[] {HARES[i], LYNX[i]};
        }
        return new Dataset("hare-lynx", List.of("hares", "lynx"), years, values);
    }
}
