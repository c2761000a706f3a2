package dev.aigateway.policy;

import dev.aigateway.lint.Finding;
import dev.aigateway.lint.PolicyLinter;
import dev.aigateway.lint.Scope;
import java.util.List;
import java.util.Map;

/**
 * The gate every rendered policy passes before its resource is registered: the linter, with its
 * errors turned into one {@link PolicyException}. This project's own policies are held to more
 * than APIM accepts: every section keeps {@code <base/>}, so a missing one, a warning for other
 * policies, fails here too.
 */
public final class PolicyGate {
    /** Warnings that fail this project's own policies. */
    private static final java.util.Set<String> OWN_RULES = java.util.Set.of("base-missing");

    private PolicyGate() {}

    /** Check a fragment on its own: root {@code <fragment>}, no sections, no base, no nested fragments. */
    public static void checkFragment(String id, String xml) {
        fail(id, PolicyLinter.standard().lint(id, xml, PolicyLinter.Options.fragment(), PolicyLinter.References.none()));
    }

    /**
     * Check a policy document at {@code scope}. {@code fragments} maps fragment id to its rendered
     * text; every {@code include-fragment} must name one, and its content is checked in place.
     */
    public static void checkPolicy(String name, Scope scope, String xml, Map<String, String> fragments) {
        fail(name, PolicyLinter.standard().lint(name, xml, PolicyLinter.Options.at(scope), PolicyLinter.References.fragmentsOnly(fragments)));
    }

    private static void fail(String name, List<Finding> findings) {
        List<String> errors = findings.stream().filter(f -> f.isError() || OWN_RULES.contains(f.rule())).map(Finding::toString).toList();
        if (!errors.isEmpty()) {
            throw new PolicyException(String.join("; ", errors));
        }
    }
}
