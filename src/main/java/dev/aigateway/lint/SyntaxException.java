package dev.aigateway.lint;

/**
 * Policy text that cannot be read: not rawxml, or an expression that is not balanced C#.
 * {@link #offset()} locates it in the scanned text when known (else -1).
 */
public final class SyntaxException extends RuntimeException {
    private final int offset;
    private final String reason;

    SyntaxException(String message, int offset, String reason) {
        super(message);
        this.offset = offset;
        this.reason = reason;
    }

    /** An error at {@code offset} of {@code src}, its message prefixed with the line and column there. */
    static SyntaxException at(String src, int offset, String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(offset, src.length()); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new SyntaxException("line " + line + ", column " + col + ": " + message, offset, message);
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
