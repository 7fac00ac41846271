/**
 * Neural vector fields: MLPs over the state and Fourier time features, with parameters in one flat
 * {@code double[]}, forward and vector–Jacobian products, behind {@link io.odecast.nn.FieldBackend}
 * so a field can run on plain JVM arrays (small work, no allocation) or on ND4J (large batches, GPU).
 */
package io.odecast.nn;
