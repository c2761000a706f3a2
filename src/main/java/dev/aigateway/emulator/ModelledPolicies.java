package dev.aigateway.emulator;

import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy elements the emulator models, with the attributes and child elements of each. Any
 * other element or attribute in a stack's policies stops {@code serve} before it starts, naming
 * the element, its document and its line: the emulator never skips what it does not model.
 */
public final class ModelledPolicies {
    private ModelledPolicies() {}

    /** An element: its attributes, and its child elements by name (null: children are policies). */
    record Spec(Set<String> attributes, Map<String, Spec> children) {
        static Spec of(String... attributes) {
            return new Spec(Set.of(attributes), Map.of());
        }

        Spec with(Map<String, Spec> children) {
            return new Spec(attributes, children);
        }
    }

    /** Elements whose children are policies. */
    private static final Spec POLICIES = new Spec(Set.of(), null);
    private static final Spec VALUE = Spec.of();
    private static final Spec SET_HEADER = Spec.of("name", "exists-action").with(Map.of("value", VALUE));
    private static final Spec SET_BODY = Spec.of();
    private static final Spec SET_STATUS = Spec.of("code", "reason");
    private static final Spec SET_METHOD = Spec.of();
    private static final Spec MANAGED_IDENTITY = Spec.of("resource", "client-id", "output-token-variable-name", "ignore-error");
    private static final Spec DIMENSION = Spec.of("name", "value");
    private static final Spec TOKEN_LIMIT = Spec.of("counter-key", "tokens-per-minute", "token-quota", "token-quota-period",
            "estimate-prompt-tokens", "retry-after-header-name", "retry-after-variable-name", "remaining-quota-tokens-header-name",
            "remaining-quota-tokens-variable-name", "remaining-tokens-header-name", "remaining-tokens-variable-name",
            "tokens-consumed-header-name", "tokens-consumed-variable-name");
    private static final Spec TOKEN_METRIC = Spec.of("namespace").with(Map.of("dimension", DIMENSION));

    static final Map<String, Spec> POLICY = Map.ofEntries(
            Map.entry("base", Spec.of()),
            Map.entry("include-fragment", Spec.of("fragment-id")),
            Map.entry("choose", Spec.of().with(Map.of("when", new Spec(Set.of("condition"), null), "otherwise", POLICIES))),
            Map.entry("set-variable", Spec.of("name", "value")),
            Map.entry("set-header", SET_HEADER),
            Map.entry("set-body", SET_BODY),
            Map.entry("set-status", SET_STATUS),
            Map.entry("set-method", SET_METHOD),
            Map.entry("return-response", Spec.of("response-variable-name").with(Map.of("set-status", SET_STATUS, "set-header", SET_HEADER,
                    "set-body", SET_BODY))),
            Map.entry("retry", new Spec(Set.of("condition", "count", "interval", "max-interval", "delta", "first-fast-retry"), null)),
            Map.entry("cache-lookup-value", Spec.of("key", "variable-name", "default-value", "caching-type")),
            Map.entry("cache-store-value", Spec.of("key", "value", "duration", "caching-type")),
            Map.entry("set-backend-service", Spec.of("backend-id", "base-url")),
            Map.entry("forward-request", Spec.of("timeout", "timeout-ms", "buffer-request-body", "buffer-response", "fail-on-error-status-code")),
            Map.entry("send-request", Spec.of("mode", "response-variable-name", "timeout", "ignore-error").with(Map.of("set-url", VALUE,
                    "set-method", SET_METHOD, "set-header", SET_HEADER, "set-body", SET_BODY, "authentication-managed-identity", MANAGED_IDENTITY))),
            Map.entry("authentication-managed-identity", MANAGED_IDENTITY),
            Map.entry("rate-limit-by-key", Spec.of("calls", "renewal-period", "counter-key", "increment-condition", "increment-count",
                    "retry-after-header-name", "retry-after-variable-name", "remaining-calls-header-name", "remaining-calls-variable-name",
                    "total-calls-header-name")),
            Map.entry("quota-by-key", Spec.of("calls", "bandwidth", "renewal-period", "counter-key", "increment-condition", "first-period-start")),
            Map.entry("azure-openai-token-limit", TOKEN_LIMIT),
            Map.entry("llm-token-limit", TOKEN_LIMIT),
            Map.entry("azure-openai-emit-token-metric", TOKEN_METRIC),
            Map.entry("llm-emit-token-metric", TOKEN_METRIC),
            Map.entry("emit-metric", Spec.of("name", "value", "namespace").with(Map.of("dimension", DIMENSION))));

    /** Thrown for the first element or attribute of a document that is not modelled. */
    public static final class NotModelledException extends RuntimeException {
        NotModelledException(String message) {
            super(message);
        }
    }

    /** Check a document (root policies, sections, or fragment) against the catalogue. */
    static void check(String what, ParsedPolicy doc) {
        PolicyNode root = doc.root();
        List<PolicyNode> policies = root.name().equals("fragment") ? root.children()
                : root.children().stream().flatMap(section -> section.children().stream()).toList();
        for (PolicyNode n : policies) {
            policy(what, doc, n);
        }
    }

    private static void policy(String what, ParsedPolicy doc, PolicyNode n) {
        Spec spec = POLICY.get(n.name());
        if (spec == null) {
            throw refuse(what, doc, n, "<" + n.name() + "> is not modelled by the emulator");
        }
        element(what, doc, n, spec);
    }

    private static void element(String what, ParsedPolicy doc, PolicyNode n, Spec spec) {
        for (String attribute : n.attributes().keySet()) {
            if (!attribute.equals("id") && !spec.attributes().contains(attribute)) {
                throw refuse(what, doc, n, "attribute '" + attribute + "' of <" + n.name() + "> is not modelled by the emulator");
            }
        }
        for (PolicyNode child : n.children()) {
            if (spec.children() == null) {
                policy(what, doc, child);
                continue;
            }
            Spec childSpec = spec.children().get(child.name());
            if (childSpec == null) {
                throw refuse(what, doc, child, "<" + child.name() + "> inside <" + n.name() + "> is not modelled by the emulator");
            }
            element(what, doc, child, childSpec);
        }
    }

    private static NotModelledException refuse(String what, ParsedPolicy doc, PolicyNode n, String message) {
        return new NotModelledException(what + ", line " + doc.line(n.offset()) + ": " + message);
    }
}
