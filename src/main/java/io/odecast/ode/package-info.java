/**
 * Ordinary differential equation solvers: explicit Runge–Kutta methods whose Butcher tableaux are
 * plain data ({@link io.odecast.ode.Tableaux}), one stepper that runs them all, adaptive step-size
 * control ({@link io.odecast.ode.StepControl}), output at requested times, dense output and a
 * continuous solution.
 *
 * <p>This package depends on the JDK only. States are flat {@code double[]} (a batch of states is
 * flattened), time is always {@code double}, and a running solve allocates nothing per step.
 */
package io.odecast.ode;
