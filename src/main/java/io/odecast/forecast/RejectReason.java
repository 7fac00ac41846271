package io.odecast.forecast;

import java.util.Locale;

/** Why a record was sent to the dead-letter topic. The id goes in the record's reason header. */
public enum RejectReason {
    /** The value is not a JSON object. */
    UNPARSABLE,
    /** The value is larger than the configured limit. */
    OVERSIZED,
    /** The record has no key, or an empty or over-long one: no series to file it under. */
    BAD_KEY,
    /** The time is missing, not a number or timestamp, or not finite. */
    BAD_TIME,
    /** A variable's value is not a number. */
    WRONG_TYPE,
    /** A variable's value is NaN or infinite. */
    NON_FINITE,
    /** A variable the series does not have. */
    UNKNOWN_VARIABLE,
    /** A variable the series needs is absent. */
    MISSING_VARIABLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
