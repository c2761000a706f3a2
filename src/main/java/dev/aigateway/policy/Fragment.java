package dev.aigateway.policy;

import com.pulumi.core.Output;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rendered, checked policy fragment. Slots whose values are only known at deploy time (such as
 * an identity's client id) are checked with a sample value of the same shape first, and the real
 * text is checked again once the value is known.
 *
 * @param id          the APIM policy fragment id
 * @param checkedText the text as checked, used to check the policies that include it
 * @param value       the text to register
 */
public record Fragment(String id, String checkedText, Output<String> value) {

    /** A fragment whose every value is known now. */
    public static Fragment render(String id, String path, Map<String, ?> values) {
        String text = PolicyTemplate.load(path).render(values);
        PolicyCheck.standard().checkFragment(id, text);
        return new Fragment(id, text, Output.of(text));
    }

    /** A fragment with one slot filled from an {@link Output}. */
    public static Fragment render(String id, String path, Map<String, ?> values, Map<String, Output<String>> late,
            Map<String, String> samples) {
        if (late.size() != 1 || !samples.keySet().equals(late.keySet())) {
            throw new IllegalArgumentException("one late slot with a sample value is supported");
        }
        PolicyTemplate template = PolicyTemplate.load(path);
        String slot = List.copyOf(late.keySet()).get(0);
        String checked = template.render(with(values, slot, samples.get(slot)));
        PolicyCheck.standard().checkFragment(id, checked);
        Output<String> value = late.get(slot).applyValue(real -> {
            String text = template.render(with(values, slot, real));
            PolicyCheck.standard().checkFragment(id, text);
            return text;
        });
        return new Fragment(id, checked, value);
    }

    private static Map<String, Object> with(Map<String, ?> values, String slot, Object value) {
        Map<String, Object> all = new HashMap<>(values);
        all.put(slot, value);
        return all;
    }
}
