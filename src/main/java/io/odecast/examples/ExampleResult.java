package io.odecast.examples;

import java.util.OptionalDouble;

/**
 * One example run: what was solved, how, what it cost, how accurate it was, and the trajectory.
 *
 * @param system      the example
 * @param method      solver method id
 * @param rtol        relative tolerance (adaptive methods), else empty
 * @param atol        absolute tolerance (adaptive methods), else empty
 * @param stepSize    fixed step size (fixed-step methods), else empty
 * @param endTime     t1
 * @param finalState  the state at t1
 * @param evaluations function evaluations (NFE)
 * @param accepted    accepted steps
 * @param rejected    rejected steps
 * @param wallMillis  median wall time of one solve
 * @param maxAbsError largest absolute error against the exact solution over the output times, or for
 *                    Lotka–Volterra against the reference final state; empty when neither is known
 * @param times       output times
 * @param states      numerical states at the output times
 */
public record ExampleResult(
        ExampleSystem system,
        String method,
        OptionalDouble rtol,
        OptionalDouble atol,
        OptionalDouble stepSize,
        double endTime,
        double[] finalState,
        long evaluations,
        long accepted,
        long rejected,
        double wallMillis,
        OptionalDouble maxAbsError,
        double[] times,
        double[][] states) {
}
