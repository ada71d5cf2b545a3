package eu.federator.server.cli;

/** Exit codes of every federator command. */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Success; for {@code verify}: every check passed. */
    public static final int OK = 0;
    /** {@code verify}: the input is not valid (a check failed or was skipped). */
    public static final int INVALID = 1;
    /** Usage error, or an input file that cannot be read or understood. */
    public static final int USAGE = 2;
    /** The command could not do its work for another reason (e.g. the server cannot start, an internal error). */
    public static final int FAILURE = 3;
}
