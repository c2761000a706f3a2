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
        PolicyGate.checkFragment(id, text);
        return new Fragment(id, text, Output.of(text));
    }

    /**
     * A fragment with slots filled from {@link Output}s (a null value leaves an optional attribute
     * out). It is checked with the sample values now, and with the real ones once known.
     */
    public static Fragment render(String id, String path, Map<String, ?> values, Map<String, Output<String>> late,
            Map<String, String> samples) {
        return prepare(id, path, values, samples).fill(late);
    }

    /**
     * The first half of a fragment whose late values come from resources not registered yet:
     * checked with the sample values now, so a bad policy stops the run before anything is
     * registered; {@link Prepared#fill} gives the fragment once the Outputs exist.
     */
    public static Prepared prepare(String id, String path, Map<String, ?> values, Map<String, String> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a fragment with late slots needs a sample value for each");
        }
        PolicyTemplate template = PolicyTemplate.load(path);
        Map<String, Object> sampled = new HashMap<>(values);
        sampled.putAll(samples);
        String checked = template.render(sampled);
        PolicyGate.checkFragment(id, checked);
        return new Prepared(id, template, Map.copyOf(values), Map.copyOf(samples), checked);
    }

    /** A fragment checked with sample values, waiting for the Outputs of its late slots. */
    public record Prepared(String id, PolicyTemplate template, Map<String, ?> values, Map<String, String> samples, String checkedText) {
        public Fragment fill(Map<String, Output<String>> late) {
            if (!samples.keySet().equals(late.keySet())) {
                throw new IllegalArgumentException("every late slot needs a sample value");
            }
            List<String> slots = List.copyOf(new java.util.TreeSet<>(late.keySet()));
            List<Output<String>> outputs = slots.stream().map(late::get).toList();
            Output<String> value = Output.all(outputs).applyValue(real -> {
                Map<String, Object> all = new HashMap<>(values);
                for (int i = 0; i < slots.size(); i++) {
                    all.put(slots.get(i), real.get(i));
                }
                String text = template.render(all);
                PolicyGate.checkFragment(id, text);
                return text;
            });
            return new Fragment(id, checkedText, value);
        }
    }

}
