package dev.aigateway.cli;

/** The exit codes of the program and its commands. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** Bad config, bad arguments, or policies that fail the lint. */
    public static final int BAD_INPUT = 2;
}
