/**
 * Training Neural ODEs: data sets, normalisers, losses, AdamW, early stopping, the trajectory and
 * anchored training modes, and evaluation metrics. No Kafka, no I/O beyond reading a CSV.
 */
package io.odecast.train;
