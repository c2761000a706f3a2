package dev.aigateway.policy;

/** A policy that cannot be used; {@link #offset()} locates it in the text when known (else -1). */
public final class PolicyException extends RuntimeException {
    private final int offset;
    private final String reason;

    public PolicyException(String message) {
        this(message, -1, message);
    }

    PolicyException(String message, int offset, String reason) {
        super(message);
        this.offset = offset;
        this.reason = reason;
    }

    /** Offset into the scanned text, or -1. */
    public int offset() {
        return offset;
    }

    /** The message without its location prefix. */
    public String reason() {
        return reason;
    }
}
