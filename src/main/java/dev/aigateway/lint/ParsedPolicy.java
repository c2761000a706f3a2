package dev.aigateway.lint;

import java.util.List;

/**
 * A policy document read from rawxml: its element tree and every expression in it, each with an
 * offset that {@link #line}/{@link #column} turn into the location a user sees.
 *
 * @param source      the file or resource name findings are reported against
 * @param text        the document as written
 * @param root        the root element
 * @param expressions every {@code @(...)}/{@code @{...}} in document order
 */
public record ParsedPolicy(String source, String text, PolicyNode root, List<Expression> expressions) {

    /**
     * One policy expression and where it stands.
     *
     * @param element   the element holding it
     * @param attribute the attribute holding it, or null for element text
     */
    public record Expression(int start, int end, String code, PolicyNode element, String attribute) {}

    public int line(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    public int column(int offset) {
        int start = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
        return Math.max(1, offset - start + 1);
    }
}
