package io.odecast.cli;

/** The exit codes of {@code odecast}. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The command ran and failed: the message says why. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown option, bad value. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
