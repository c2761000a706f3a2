package dev.aigateway.lint;

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
            CSharpLexer.Token token = CSharpLexer.at(src, pos);
            if (token == CSharpLexer.Token.STRING || token == CSharpLexer.Token.CHAR) {
                flush(codeStart, Context.CODE);
                pos = CSharpLexer.end(src, pos, literals);
                codeStart = pos;
            } else if (token != CSharpLexer.Token.CODE) {
                pos = CSharpLexer.end(src, pos, literals); // a comment stays part of the code span
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

    /** Spans and template slots inside C# literals, as the lexer finds them. */
    private final CSharpLexer.Listener literals = new CSharpLexer.Listener() {
        @Override
        public void span(int start, int end, boolean code) {
            if (end > start) {
                listener.literal(start, end, code ? Context.CODE : Context.STRING);
            }
        }

        @Override
        public boolean slotAt(int at) {
            pos = at;
            return placeholderAt();
        }

        @Override
        public int slot(int at) {
            pos = at;
            placeholder(Context.STRING);
            return pos;
        }
    };

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

    private SyntaxException error(String message) {
        return errorAt(pos, message);
    }

    private SyntaxException errorAt(int offset, String message) {
        return SyntaxException.at(src, offset, message);
    }
}
