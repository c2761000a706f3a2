package dev.aigateway.lint.compile;

import dev.aigateway.lint.CSharpLexer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named values ({@code {{name}}}) inside policy expressions. APIM replaces them as text before it
 * compiles an expression, so {@code var key = {{TokenEncryptionKey}};} and
 * {@code AddSeconds({{SessionCookieExpirationInSeconds}})} are valid code once replaced. A named
 * value can be a number, a quoted string or a fragment of code, so without its value the compiler
 * is given a stand-in that fits any of them: inside a string literal the name itself (text), in
 * code {@code ((dynamic)null)}, which compiles wherever a value does (and so leaves what it flows
 * into unchecked). Values given by the user are substituted exactly as APIM would.
 */
public final class NamedValues {
    /** A named value reference: 1-256 characters of letters, digits, '.', '-' and '_' between double braces. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{([A-Za-z0-9._-]{1,256})\\}\\}");
    /** The stand-in for a named value in code. */
    public static final String CODE_PLACEHOLDER = "((dynamic)null)";

    private final Map<String, String> values;

    private NamedValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Stand-ins for every named value. */
    public static NamedValues placeholders() {
        return new NamedValues(Map.of());
    }

    /** These values where given (by name), stand-ins for the others. */
    public static NamedValues of(Map<String, String> values) {
        return new NamedValues(values);
    }

    /** Whether {@code code} refers to a named value. */
    public static boolean present(String code) {
        return REFERENCE.matcher(code).find();
    }

    /** {@code code} with every named value replaced. */
    public String substitute(String code) {
        if (!present(code)) {
            return code;
        }
        boolean[] literal = literalText(code);
        Matcher m = REFERENCE.matcher(code);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(code, last, m.start());
            String given = values.get(m.group(1));
            out.append(given != null ? given : literal[m.start()] ? m.group(1) : CODE_PLACEHOLDER);
            last = m.end();
        }
        return out.append(code.substring(last)).toString();
    }

    /** For each position, whether it is the text of a string or char literal (not code, not an interpolation hole). */
    private static boolean[] literalText(String code) {
        boolean[] text = new boolean[code.length() + 1];
        int pos = 0;
        while (pos < code.length()) {
            CSharpLexer.Token token = CSharpLexer.at(code, pos);
            if (token == CSharpLexer.Token.CODE) {
                pos++;
                continue;
            }
            int end;
            try {
                end = CSharpLexer.end(code, pos, new CSharpLexer.Listener() {
                    @Override
                    public void span(int start, int stop, boolean isCode) {
                        for (int i = start; i < stop && !isCode; i++) {
                            text[i] = true;
                        }
                    }
                });
            } catch (RuntimeException e) {
                return text; // an unclosed literal: the compiler reports it; what is left counts as code
            }
            if (token == CSharpLexer.Token.CHAR) {
                for (int i = pos; i < end; i++) {
                    text[i] = true;
                }
            }
            pos = Math.max(end, pos + 1);
        }
        return text;
    }
}
