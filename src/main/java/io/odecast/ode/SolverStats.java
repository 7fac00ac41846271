package io.odecast.ode;

/**
 * What one solve cost.
 *
 * @param evaluations number of evaluations of the vector field (NFE)
 * @param accepted    accepted steps
 * @param rejected    rejected step attempts (always 0 for fixed-step methods)
 * @param nextStep    the step size the controller proposed after the last step (|h|), a good first
 *                    step for a solve that continues from here; the fixed step for fixed grids; 0 when
 *                    no step was taken
 */
public record SolverStats(long evaluations, long accepted, long rejected, double nextStep) {

    public SolverStats {
        if (evaluations < 0 || accepted < 0 || rejected < 0 || !(nextStep >= 0)) {
            throw new IllegalArgumentException("solver statistics cannot be negative");
        }
    }

    /** Step attempts, accepted and rejected. */
    public long attempts() {
        return accepted + rejected;
    }
}
