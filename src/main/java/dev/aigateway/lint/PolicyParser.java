package dev.aigateway.lint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads APIM rawxml into a {@link ParsedPolicy}. The expression-aware {@link RawXmlScanner} finds
 * where each expression ends (skipping C# strings, chars and comments), so unescaped quotes and
 * {@code <} inside expressions are read as APIM reads them. A second, strict XML parse of the
 * escaped text then catches what the scanner leaves to XML (entities, characters, names).
 */
public final class PolicyParser {
    private PolicyParser() {}

    /** Parse, or throw {@link SyntaxException} with the offset of the first syntax error. */
    public static ParsedPolicy parse(String source, String text) {
        Builder b = new Builder(text);
        RawXmlScanner.scan(text, false, b);
        if (!b.open.isEmpty()) {
            PolicyNode unclosed = b.open.peek();
            throw new SyntaxException("<" + unclosed.name() + "> is not closed", unclosed.offset(),
                    "<" + unclosed.name() + "> is not closed");
        }
        if (b.root == null) {
            throw new SyntaxException("the document has no root element", 0, "the document has no root element");
        }
        try {
            StrictXml.parse(source, text);
        } catch (SyntaxException e) {
            // Lines are the same in the strict text; the message carries its own location.
            throw new SyntaxException(e.getMessage(), b.root.offset(), e.getMessage().replaceFirst("^[^:]*: ", ""));
        }
        return new ParsedPolicy(source, text, b.root, List.copyOf(b.expressions));
    }

    private static final class Builder implements RawXmlScanner.Listener {
        private final String text;
        private final Deque<PolicyNode> open = new ArrayDeque<>();
        private final List<ParsedPolicy.Expression> expressions = new ArrayList<>();
        private PolicyNode root;
        private PolicyNode starting;
        private int[] pendingAttributeExpression;

        Builder(String text) {
            this.text = text;
        }

        @Override
        public void startTag(int start, String name) {
            PolicyNode parent = open.peek();
            if (parent == null && root != null) {
                throw error(start, "a document has one root element; <" + name + "> follows <" + root.name() + ">");
            }
            starting = new PolicyNode(name, start, parent);
            if (parent == null) {
                root = starting;
            } else {
                parent.addChild(starting);
            }
        }

        @Override
        public void attribute(int nameStart, String name, int valueStart, int valueEnd) {
            if (starting.has(name)) {
                throw error(nameStart, "attribute '" + name + "' appears twice on <" + starting.name() + ">");
            }
            String value = text.substring(valueStart, valueEnd);
            boolean expression = value.startsWith("@(") || value.startsWith("@{");
            starting.addAttribute(new PolicyNode.Attribute(name, nameStart, valueStart, value, expression));
            if (pendingAttributeExpression != null) {
                int[] span = pendingAttributeExpression;
                pendingAttributeExpression = null;
                expressions.add(new ParsedPolicy.Expression(span[0], span[1], text.substring(span[0], span[1]), starting, name));
            }
        }

        @Override
        public void expression(int start, int end, boolean inAttribute) {
            PolicyNode element = inAttribute ? starting : open.peek();
            if (element == null) {
                throw error(start, "an expression must be inside an element");
            }
            if (inAttribute) {
                // The attribute event follows its value; it names this expression then.
                pendingAttributeExpression = new int[] {start, end};
                return;
            }
            element.addText(new PolicyNode.Text(start, text.substring(start, end), true));
            expressions.add(new ParsedPolicy.Expression(start, end, text.substring(start, end), element, null));
        }

        @Override
        public void literal(int start, int end, RawXmlScanner.Context context) {
            if (context != RawXmlScanner.Context.TEXT && context != RawXmlScanner.Context.CDATA) {
                return;
            }
            String value = text.substring(start, end);
            if (value.isBlank()) {
                return;
            }
            PolicyNode element = open.peek();
            if (element == null) {
                throw error(start, "text outside the root element");
            }
            int first = start;
            while (Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            element.addText(new PolicyNode.Text(first, value, false));
        }

        @Override
        public void startTagEnd(int end, boolean selfClosing) {
            if (selfClosing) {
                starting.end(end);
            } else {
                open.push(starting);
            }
            starting = null;
        }

        @Override
        public void endTag(int start, String name) {
            PolicyNode top = open.poll();
            if (top == null) {
                throw error(start, "</" + name + "> closes nothing");
            }
            if (!top.name().equals(name)) {
                throw error(start, "</" + name + "> closes <" + top.name() + ">");
            }
            top.end(text.indexOf('>', start) + 1);
        }

        private SyntaxException error(int offset, String message) {
            return new SyntaxException(message, offset, message);
        }
    }
}
