package dev.aigateway.lint;

/**
 * One thing the linter found, located in the text it read.
 *
 * @param source  the file or resource name
 * @param element the element it is about, as a path from the root
 * @param rule    the rule's id, as listed in the README
 * @param hint    how to fix it, or null
 */
public record Finding(String source, int line, int column, Severity severity, String rule, String element,
        String message, String hint) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error: [rule] element: message (hint)}, the text format. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": ["
                + rule + "] " + element + ": " + message + (hint == null ? "" : " (hint: " + hint + ")");
    }
}
