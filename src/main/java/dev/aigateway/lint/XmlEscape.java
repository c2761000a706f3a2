package dev.aigateway.lint;

/**
 * The two XML escapes of rawxml: how a value is written inside a quoted attribute or as element
 * text so that an XML reader gives it back unchanged. Which characters XML can carry at all is the
 * caller's concern.
 */
public final class XmlEscape {
    private XmlEscape() {}

    /** Inside a quoted XML attribute value (either quote style). */
    public static String attribute(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** XML element text. */
    public static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Text or an attribute value as an XML reader gives it: CDATA sections unwrapped, character
     * references and the predefined entities decoded.
     */
    public static String decodeText(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("<![CDATA[", i)) {
                int end = raw.indexOf("]]>", i + 9);
                int stop = end < 0 ? raw.length() : end;
                out.append(raw, i + 9, stop);
                i = end < 0 ? raw.length() : end + 3;
                continue;
            }
            char c = raw.charAt(i);
            int semi = c == '&' ? raw.indexOf(';', i) : -1;
            if (semi > i) {
                String entity = raw.substring(i + 1, semi);
                String decoded = switch (entity) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> entity.startsWith("#x") || entity.startsWith("#X")
                            ? new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)))
                            : entity.startsWith("#") ? new String(Character.toChars(Integer.parseInt(entity.substring(1)))) : null;
                };
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The five predefined entities back to their characters, as APIM reads expressions before compiling them. */
    public static String unescapeEntities(String s) {
        return s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
