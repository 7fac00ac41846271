package io.odecast.forecast;

/** What made a scored forecast: the Neural ODE or one of the baselines scored beside it. */
public enum Method {
    /** The series' Neural ODE model. */
    MODEL("odecast"),
    /** The last observed value, held. */
    NAIVE("naive"),
    /** The value one season earlier (at or before the issue time), repeated. */
    SEASONAL_NAIVE("seasonal-naive"),
    /** The straight line through the first and the last stored observation, extended. */
    DRIFT("drift");

    private final String id;

    Method(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
