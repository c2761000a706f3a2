package dev.aigateway.lint.compile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every generated source starts with: the usings policy expressions get, APIM's documented
 * context API ({@code apim-context.cs}), and every type of the imported namespaces that the policy
 * runtime does not allow, declared obsolete-as-error inside the namespace the expressions compile in.
 */
public final class ContextApi {
    /** The namespace expressions compile in; only code inside it sees the disallowed types. */
    public static final String NAMESPACE = "__ApimExpressions";

    static final List<String> USINGS = List.of("System", "System.Collections.Generic", "System.Linq", "System.Text",
            "System.Text.RegularExpressions", "System.Xml", "System.Xml.Linq", "System.Net", "System.Security.Cryptography",
            "System.Security.Cryptography.X509Certificates", "System.IO", "Newtonsoft.Json", "Newtonsoft.Json.Linq", "System.Globalization");
    private static final Set<String> API_TYPES = Set.of("IContext", "IApi", "IDeployment", "ILastError", "IOperation", "IProduct",
            "IRequest", "IResponse", "ISubscription", "IUser", "IGroup", "IUserIdentity", "ISubscriptionKeyParameterNames",
            "IPrivateEndpointConnection", "IUrl", "IMessageBody", "BasicAuthCredentials", "Jwt", "ProductState", "Authorization");

    private static volatile ContextApi standard;

    private final Set<String> allowed;
    private final String preamble;
    private final Map<String, String> disallowedNames = new HashMap<>();

    private ContextApi() {
        this.allowed = Set.copyOf(lines("expression-allowed-types.txt"));
        this.preamble = build();
    }

    public static ContextApi standard() {
        if (standard == null) {
            standard = new ContextApi();
        }
        return standard;
    }

    /** Full names of the types APIM allows in expressions. */
    public Set<String> allowed() {
        return allowed;
    }

    /** The usings, the context API, and the namespace of expressions opened with its disallowed types. */
    public String preamble() {
        return preamble;
    }

    /** The full name of a disallowed type, by the simple name it was declared under. */
    String disallowedName(String simple) {
        return disallowedNames.getOrDefault(simple, simple);
    }

    private String build() {
        StringBuilder s = new StringBuilder();
        for (String u : USINGS) {
            s.append("using ").append(u).append(";\n");
        }
        s.append(resource("apim-context.cs").replaceAll("(?m)^using [\\w.]+;\\s*$", "")).append('\n');
        s.append("namespace ").append(NAMESPACE).append(" {\n");
        Set<String> allowedSimple = new HashSet<>();
        allowed.forEach(a -> allowedSimple.add(a.substring(a.lastIndexOf('.') + 1)));
        Set<String> declared = new HashSet<>();
        for (String row : lines("expression-namespace-types.tsv")) {
            String[] cols = row.split("\t");
            String full = cols[0];
            int arity = Integer.parseInt(cols[1]);
            String simple = full.substring(full.lastIndexOf('.') + 1);
            if (allowed.contains(full) || allowedSimple.contains(simple) || API_TYPES.contains(simple) || !declared.add(simple + "`" + arity)) {
                continue;
            }
            disallowedNames.putIfAbsent(simple, full);
            s.append("[global::System.Obsolete(\"").append(full).append(" is not allowed in APIM policy expressions\", true)] class ")
                    .append(simple);
            if (arity > 0) {
                s.append('<');
                for (int i = 0; i < arity; i++) {
                    s.append(i == 0 ? "" : ",").append("__T").append(i);
                }
                s.append('>');
            }
            s.append(" {}\n");
        }
        return s.toString();
    }

    static String resource(String name) {
        try (InputStream in = ContextApi.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        return resource(name).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
