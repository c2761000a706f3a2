package dev.aigateway.lint;

/**
 * The C# inside policy expressions, as far as finding where things end needs it: string literals
 * (regular, verbatim, interpolated, and their combinations, with interpolation holes read as code),
 * char literals and comments. The rawxml scanner uses it to find where an expression ends; the
 * expression compiler uses it to tell code from text.
 */
public final class CSharpLexer {
    private CSharpLexer() {}

    /** What starts at a position. */
    public enum Token { CODE, STRING, CHAR, LINE_COMMENT, BLOCK_COMMENT }

    /** Receives the spans inside a string literal; positions are into the lexed text. */
    public interface Listener {
        /** A run of a string literal's own text ({@code code} false) or of code in an interpolation hole. */
        default void span(int start, int end, boolean code) {}

        /** Whether a template slot of the caller's starts here, inside a string literal. */
        default boolean slotAt(int pos) {
            return false;
        }

        /** Read the template slot at {@code pos}; returns the position after it. */
        default int slot(int pos) {
            return pos;
        }
    }

    /** The token that starts at {@code pos}. */
    public static Token at(String src, int pos) {
        char c = src.charAt(pos);
        if (c == '"' || src.startsWith("@\"", pos) || src.startsWith("$\"", pos) || src.startsWith("$@\"", pos)
                || src.startsWith("@$\"", pos)) {
            return Token.STRING;
        }
        if (c == '\'') {
            return Token.CHAR;
        }
        if (src.startsWith("//", pos)) {
            return Token.LINE_COMMENT;
        }
        if (src.startsWith("/*", pos)) {
            return Token.BLOCK_COMMENT;
        }
        return Token.CODE;
    }

    /**
     * Where the string, char literal or comment at {@code pos} ends (exclusive). A literal's text
     * and the code of its interpolation holes are reported to {@code listener} as spans; a comment
     * is not. A literal or block comment that is not closed, or a regular string that runs past its
     * line, throws.
     */
    public static int end(String src, int pos, Listener listener) {
        return switch (at(src, pos)) {
            case STRING -> string(src, pos, listener);
            case CHAR -> {
                int end = charLiteral(src, pos);
                listener.span(pos, end, false);
                yield end;
            }
            case LINE_COMMENT -> {
                int nl = src.indexOf('\n', pos);
                yield nl < 0 ? src.length() : nl;
            }
            case BLOCK_COMMENT -> {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw SyntaxException.at(src, pos, "comment in expression is not closed");
                }
                yield close + 2;
            }
            case CODE -> throw new IllegalArgumentException("no literal or comment at " + pos);
        };
    }

    private static int string(String src, int start, Listener listener) {
        boolean verbatim = false;
        boolean interpolated = false;
        int pos = start;
        while (src.charAt(pos) != '"') {
            verbatim |= src.charAt(pos) == '@';
            interpolated |= src.charAt(pos) == '$';
            pos++;
        }
        pos++; // opening quote
        int spanStart = start;
        while (true) {
            if (pos >= src.length()) {
                throw SyntaxException.at(src, start, "string in expression is not closed");
            }
            char c = src.charAt(pos);
            if (listener.slotAt(pos)) {
                listener.span(spanStart, pos, false);
                pos = listener.slot(pos);
                spanStart = pos;
            } else if (verbatim && src.startsWith("\"\"", pos)) {
                pos += 2;
            } else if (c == '"') {
                pos++;
                listener.span(spanStart, pos, false);
                return pos;
            } else if (!verbatim && c == '\\') {
                pos += 2;
            } else if (!verbatim && (c == '\n' || c == '\r')) {
                throw SyntaxException.at(src, pos, "string in expression runs past the end of the line");
            } else if (interpolated && src.startsWith("{{", pos)) {
                pos += 2;
            } else if (interpolated && c == '{') {
                listener.span(spanStart, pos, false);
                pos = hole(src, pos, listener);
                spanStart = pos;
            } else {
                pos++;
            }
        }
    }

    /** An interpolation hole from its '{': code, with nested literals, up to the matching '}'. */
    private static int hole(String src, int open, Listener listener) {
        int codeStart = open;
        int pos = open + 1;
        int depth = 1;
        while (depth > 0) {
            if (pos >= src.length()) {
                throw SyntaxException.at(src, open, "interpolation in string is not closed");
            }
            Token t = at(src, pos);
            if (t == Token.STRING || t == Token.CHAR) {
                listener.span(codeStart, pos, true);
                pos = end(src, pos, listener);
                codeStart = pos;
            } else {
                char c = src.charAt(pos);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                pos++;
            }
        }
        listener.span(codeStart, pos, true);
        return pos;
    }

    private static int charLiteral(String src, int start) {
        int pos = start + 1;
        if (pos < src.length() && src.charAt(pos) == '\\') {
            pos += 2;
            while (pos < src.length() && src.charAt(pos) != '\'' && pos - start < 12) {
                pos++; // \u0041 and friends
            }
        } else {
            pos++;
        }
        if (pos >= src.length() || src.charAt(pos) != '\'') {
            throw SyntaxException.at(src, start, "char literal in expression is not closed");
        }
        return pos + 1;
    }

    /**
     * {@code code} with the text of its string and char literals and its comments blanked, keeping
     * every offset, line break and quote, so names in text are not read as code. Code in
     * interpolation holes stays. An unclosed literal is blanked to the end.
     */
    public static String blankLiterals(String code) {
        StringBuilder out = new StringBuilder(code);
        Listener blankText = new Listener() {
            @Override
            public void span(int from, int to, boolean isCode) {
                if (!isCode) {
                    blank(out, from, to);
                }
            }
        };
        int i = 0;
        while (i < code.length()) {
            Token t = at(code, i);
            if (t == Token.CODE) {
                i++;
                continue;
            }
            int end;
            try {
                end = end(code, i, blankText);
            } catch (SyntaxException e) {
                end = code.length();
            }
            if (t != Token.STRING && t != Token.CHAR || end == code.length()) {
                blank(out, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = out.charAt(k);
            if (c != '\n' && c != '"' && c != '\'') {
                out.setCharAt(k, ' ');
            }
        }
    }
}
