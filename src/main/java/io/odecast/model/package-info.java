/**
 * The versioned, self-describing model file: a JSON document holding the field, its parameters, the
 * normaliser, the training configuration, metrics and provenance, with a checksum over the numbers.
 * Checked on read; never Java serialization.
 */
package io.odecast.model;
