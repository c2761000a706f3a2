package dev.aigateway.policy;

import dev.aigateway.lint.Scope;
import java.util.HashMap;
import java.util.Map;

/** Renders and checks a policy document (root {@code <policies>}) against the fragments it includes. */
public final class PolicyDocument {
    private PolicyDocument() {}

    public static String render(String name, String path, Scope scope, Map<String, ?> values, Iterable<Fragment> fragments) {
        String text = PolicyTemplate.load(path).render(values);
        Map<String, String> texts = new HashMap<>();
        for (Fragment f : fragments) {
            texts.put(f.id(), f.checkedText());
        }
        PolicyGate.checkPolicy(name, scope, text, texts);
        return text;
    }
}
