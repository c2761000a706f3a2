package dev.aigateway.policy;

import dev.aigateway.lint.XmlEscape;

/** Escapes a value for the place in a policy document it lands in. */
public final class Escaping {
    private Escaping() {}

    /** Inside a quoted XML attribute value (either quote style). */
    public static String xmlAttribute(String value) {
        requireXmlChars(value);
        return XmlEscape.attribute(value);
    }

    /** XML element text. */
    public static String xmlText(String value) {
        requireXmlChars(value);
        return XmlEscape.text(value);
    }

    /**
     * The inside of a C# string literal in a policy expression. Anything beyond a small safe set
     * becomes a {@code \\uXXXX} escape, so the result is the same string to C# whether or not the
     * gateway XML-decodes the expression first, and it can never close the literal, the expression
     * or the attribute around it.
     */
    public static String csharpString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSafeInCSharpString(c)) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    static boolean isSafeInCSharpString(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || " _.,:;/+=-|#*!?%~^".indexOf(c) >= 0;
    }

    /**
     * XML 1.0 cannot carry most control characters even as references, nor lone surrogates; reject
     * them rather than emit a document APIM would refuse.
     */
    static void requireXmlChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (control || lone || c == 0xFFFE || c == 0xFFFF) {
                throw new PolicyException("character U+" + String.format("%04X", (int) c) + " cannot appear in XML");
            }
        }
    }
}
