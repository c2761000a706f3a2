package dev.aigateway.policy;

/**
 * Walks APIM "rawxml" policy text and reports each span with the context it lands in.
 *
 * <p>rawxml lets policy expressions ({@code @(...)} and {@code @{...}}) carry unescaped quotes and
 * {@code <}, so a plain XML parser cannot read it. The scanner follows C# string, verbatim string,
 * interpolated string, char literal and comment syntax inside expressions, and bracket balance, to
 * find where each expression ends. Both the renderer (to escape each value for where it lands) and
 * the checker (to turn rawxml into strict XML) are built on it.
 */
public final class RawXmlScanner {

    /** Where a span of text lands. */
    public enum Context { MARKUP, TEXT, ATTRIBUTE, CODE, STRING, COMMENT, CDATA, PROLOG }

    /** Receives spans in document order. Offsets are into the scanned text. */
    public interface Listener {
        default void literal(int start, int end, Context context) {}

        /**
         * A {@code ${name}} template slot (or {@code ${name?}}, an optional one); only reported when
         * placeholders are enabled.
         */
        default void placeholder(int start, int end, String name, Context context) {}

        /** A whole expression, from its {@code @} to its closing bracket inclusive. */
        default void expression(int start, int end, boolean inAttribute) {}

        /** An element's start tag begins at {@code start} ('<'). */
        default void startTag(int start, String name) {}

        /** An attribute of the current start tag; the value span excludes the quotes. */
        default void attribute(int nameStart, String name, int valueStart, int valueEnd) {}

        /** The current start tag ends; {@code selfClosing} for {@code />}. */
        default void startTagEnd(int end, boolean selfClosing) {}

        /** An end tag {@code </name>} begins at {@code start}. */
        default void endTag(int start, String name) {}
    }

    private final String src;
    private final boolean placeholders;
    private final Listener listener;
    private int pos;

    private RawXmlScanner(String src, boolean placeholders, Listener listener) {
        this.src = src;
        this.placeholders = placeholders;
        this.listener = listener;
    }

    /**
     * Scan {@code src}. With {@code placeholders}, {@code ${name}} is a template slot in any
     * context; without, it is ordinary text (rendered output may legitimately contain it).
     */
    public static void scan(String src, boolean placeholders, Listener listener) {
        new RawXmlScanner(src, placeholders, listener).document();
    }

    private void document() {
        int textStart = 0;
        while (pos < src.length()) {
            if (at("<!--")) {
                flush(textStart, Context.TEXT);
                int end = require("-->", pos + 4, "comment is not closed");
                listener.literal(pos, end, Context.COMMENT);
                pos = end;
            } else if (at("<![CDATA[")) {
                flush(textStart, Context.TEXT);
                int end = require("]]>", pos + 9, "CDATA section is not closed");
                listener.literal(pos, end, Context.CDATA);
                pos = end;
            } else if (at("<?")) {
                flush(textStart, Context.TEXT);
                int end = require("?>", pos + 2, "processing instruction is not closed");
                listener.literal(pos, end, Context.PROLOG);
                pos = end;
            } else if (at("<!")) {
                throw error("DOCTYPE and other declarations are not allowed in policies");
            } else if (src.charAt(pos) == '<') {
                flush(textStart, Context.TEXT);
                tag();
            } else if (placeholderAt()) {
                flush(textStart, Context.TEXT);
                placeholder(Context.TEXT);
            } else if (expressionAt()) {
                flush(textStart, Context.TEXT);
                expression(false, (char) 0);
            } else {
                pos++;
                continue;
            }
            textStart = pos;
        }
        flush(textStart, Context.TEXT);
    }

    private void flush(int start, Context context) {
        if (pos > start) {
            listener.literal(start, pos, context);
        }
    }

    private void tag() {
        int start = pos;
        int tagStart = pos;
        pos++; // '<'
        boolean closing = pos < src.length() && src.charAt(pos) == '/';
        if (closing) {
            pos++;
        }
        int nameStart = pos;
        while (pos < src.length() && isNameChar(src.charAt(pos))) {
            pos++;
        }
        if (pos == nameStart) {
            throw error("'<' must start an element name");
        }
        String name = src.substring(nameStart, pos);
        if (closing) {
            listener.endTag(tagStart, name);
        } else {
            listener.startTag(tagStart, name);
        }
        while (true) {
            int wsStart = pos;
            skipSpace();
            if (pos >= src.length()) {
                throw error("element is not closed");
            }
            char c = src.charAt(pos);
            if (c == '>' || at("/>")) {
                pos += c == '>' ? 1 : 2;
                listener.literal(start, pos, Context.MARKUP);
                if (!closing) {
                    listener.startTagEnd(pos, c != '>');
                }
                return;
            }
            if (closing) {
                throw error("an end tag cannot have attributes");
            }
            if (pos == wsStart) {
                throw error("attributes must be separated by white space");
            }
            int attrNameStart = pos;
            while (pos < src.length() && isNameChar(src.charAt(pos))) {
                pos++;
            }
            if (pos == attrNameStart) {
                throw error("unexpected '" + c + "' in element");
            }
            int attrNameEnd = pos;
            skipSpace();
            if (pos >= src.length() || src.charAt(pos) != '=') {
                throw error("attribute '" + src.substring(attrNameStart, pos).trim() + "' needs a value");
            }
            pos++;
            skipSpace();
            if (pos >= src.length() || (src.charAt(pos) != '"' && src.charAt(pos) != '\'')) {
                throw error("attribute value must be quoted");
            }
            char quote = src.charAt(pos);
            pos++;
            listener.literal(start, pos, Context.MARKUP);
            int valueStart = pos;
            attributeValue(quote);
            listener.attribute(attrNameStart, src.substring(attrNameStart, attrNameEnd), valueStart, pos);
            pos++; // closing quote
            start = pos - 1;
        }
    }

    private void attributeValue(char quote) {
        if (expressionAt()) {
            expression(true, quote);
            if (pos >= src.length() || src.charAt(pos) != quote) {
                throw error("an attribute holding an expression must hold only the expression");
            }
            return;
        }
        int start = pos;
        while (true) {
            if (pos >= src.length()) {
                throw error("attribute value is not closed");
            }
            char c = src.charAt(pos);
            if (c == quote) {
                flush(start, Context.ATTRIBUTE);
                return;
            }
            if (c == '<') {
                throw error("'<' must be escaped in an attribute value");
            }
            if (placeholderAt()) {
                flush(start, Context.ATTRIBUTE);
                placeholder(Context.ATTRIBUTE);
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private boolean expressionAt() {
        return at("@(") || at("@{");
    }

    private boolean placeholderAt() {
        return placeholders && at("${");
    }

    private void placeholder(Context context) {
        int start = pos;
        int end = src.indexOf('}', pos + 2);
        if (end < 0) {
            throw error("template slot is not closed");
        }
        String name = src.substring(pos + 2, end);
        if (!name.matches("[A-Za-z][A-Za-z0-9]*\\??")) {
            throw error("template slot name must be letters and digits (got '" + name + "')");
        }
        pos = end + 1;
        listener.placeholder(start, pos, name, context);
    }

    /** Scan one expression starting at '@'; ends after its matching closing bracket. */
    private void expression(boolean inAttribute, char quote) {
        int exprStart = pos;
        char open = src.charAt(pos + 1);
        int codeStart = pos;
        pos += 2;
        StringBuilder stack = new StringBuilder().append(open == '(' ? ')' : '}');
        while (true) {
            if (pos >= src.length()) {
                throw errorAt(exprStart, "expression is not closed");
            }
            char c = src.charAt(pos);
            if (c == '"' || at("@\"") || at("$\"") || at("$@\"") || at("@$\"")) {
                flush(codeStart, Context.CODE);
                stringLiteral();
                codeStart = pos;
            } else if (c == '\'') {
                flush(codeStart, Context.CODE);
                charLiteral();
                codeStart = pos;
            } else if (at("//")) {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl;
            } else if (at("/*")) {
                pos = require("*/", pos + 2, "comment in expression is not closed");
            } else if (placeholderAt()) {
                flush(codeStart, Context.CODE);
                placeholder(Context.CODE);
                codeStart = pos;
            } else if (c == '(' || c == '{' || c == '[') {
                stack.append(c == '(' ? ')' : c == '{' ? '}' : ']');
                pos++;
            } else if (c == ')' || c == '}' || c == ']') {
                char expected = stack.charAt(stack.length() - 1);
                if (c != expected) {
                    throw error("expected '" + expected + "' but found '" + c + "' in expression");
                }
                stack.setLength(stack.length() - 1);
                pos++;
                if (stack.length() == 0) {
                    flush(codeStart, Context.CODE);
                    listener.expression(exprStart, pos, inAttribute);
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /** A C# string literal of any kind; interpolation holes are scanned as code. */
    private void stringLiteral() {
        boolean verbatim = false;
        boolean interpolated = false;
        int start = pos;
        while (src.charAt(pos) != '"') {
            verbatim |= src.charAt(pos) == '@';
            interpolated |= src.charAt(pos) == '$';
            pos++;
        }
        pos++; // opening quote
        int spanStart = start;
        while (true) {
            if (pos >= src.length()) {
                throw errorAt(start, "string in expression is not closed");
            }
            char c = src.charAt(pos);
            if (placeholderAt()) {
                flush(spanStart, Context.STRING);
                placeholder(Context.STRING);
                spanStart = pos;
            } else if (verbatim && at("\"\"")) {
                pos += 2;
            } else if (c == '"') {
                pos++;
                flush(spanStart, Context.STRING);
                return;
            } else if (!verbatim && c == '\\') {
                pos += 2;
            } else if (!verbatim && (c == '\n' || c == '\r')) {
                throw error("string in expression runs past the end of the line");
            } else if (interpolated && at("{{")) {
                pos += 2;
            } else if (interpolated && c == '{') {
                flush(spanStart, Context.STRING);
                interpolationHole();
                spanStart = pos;
            } else {
                pos++;
            }
        }
    }

    private void interpolationHole() {
        int codeStart = pos;
        pos++;
        int depth = 1;
        while (depth > 0) {
            if (pos >= src.length()) {
                throw errorAt(codeStart, "interpolation in string is not closed");
            }
            char c = src.charAt(pos);
            if (c == '"' || at("@\"") || at("$\"")) {
                flush(codeStart, Context.CODE);
                stringLiteral();
                codeStart = pos;
            } else if (c == '\'') {
                flush(codeStart, Context.CODE);
                charLiteral();
                codeStart = pos;
            } else {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                pos++;
            }
        }
        flush(codeStart, Context.CODE);
    }

    private void charLiteral() {
        int start = pos;
        pos++;
        if (pos < src.length() && src.charAt(pos) == '\\') {
            pos += 2;
            while (pos < src.length() && src.charAt(pos) != '\'' && pos - start < 12) {
                pos++; // \u0041 and friends
            }
        } else {
            pos++;
        }
        if (pos >= src.length() || src.charAt(pos) != '\'') {
            throw errorAt(start, "char literal in expression is not closed");
        }
        pos++;
        listener.literal(start, pos, Context.STRING);
    }

    private boolean at(String s) {
        return src.startsWith(s, pos);
    }

    private int require(String terminator, int from, String message) {
        int i = src.indexOf(terminator, from);
        if (i < 0) {
            throw error(message);
        }
        return i + terminator.length();
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
    }

    private PolicyException error(String message) {
        return errorAt(pos, message);
    }

    private PolicyException errorAt(int offset, String message) {
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
        return new PolicyException("line " + line + ", column " + col + ": " + message, offset, message);
    }
}
