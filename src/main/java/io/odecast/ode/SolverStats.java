package io.odecast.ode;

/**
 * What one solve cost.
 *
 * @param evaluations number of evaluations of the vector field (NFE)
 * @param accepted    accepted steps
 * @param rejected    rejected step attempts (always 0 for fixed-step methods)
 */
public record SolverStats(long evaluations, long accepted, long rejected) {

    public SolverStats {
        if (evaluations < 0 || accepted < 0 || rejected < 0) {
            throw new IllegalArgumentException("solver statistics cannot be negative");
        }
    }

    /** Step attempts, accepted and rejected. */
    public long attempts() {
        return accepted + rejected;
    }
}
