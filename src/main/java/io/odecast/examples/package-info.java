/**
 * The seed's ODE warm-ups and a classic benchmark, with their exact or reference solutions:
 * coffee cooling, a ball rolling downhill with drag, and Lotka–Volterra predator–prey dynamics.
 * {@link io.odecast.examples.Examples} runs them through the solvers.
 */
package io.odecast.examples;
