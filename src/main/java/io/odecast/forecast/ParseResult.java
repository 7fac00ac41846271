package io.odecast.forecast;

/** The outcome of parsing one record: an observation, or a rejection with its reason. */
public sealed interface ParseResult {

    /** A valid observation. */
    record Accepted(Observation observation) implements ParseResult {
    }

    /** A record that goes to the dead-letter topic: why, and in words a person can act on. */
    record Rejected(RejectReason reason, String detail) implements ParseResult {
    }
}
