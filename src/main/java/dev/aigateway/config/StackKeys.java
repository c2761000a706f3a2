package dev.aigateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.components.Spelling;
import dev.aigateway.components.WordList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack's config keys ({@code namespace:name}), from a stack file or from the engine, sorted into
 * what the program reads. Whatever would be ignored is refused instead, so a typo cannot quietly
 * drop every tenant: unknown {@code ai-gateway:*} keys, dotted keys written without
 * {@code --path}, and namespaces one edit away from {@code ai-gateway}. An {@code azure-native:*}
 * key that is not a provider setting is only warned about, since users set real provider keys there.
 */
final class StackKeys {
    static final String NAMESPACE = ConfigParser.NAMESPACE;
    static final String PROVIDER = "azure-native";
    static final String LOCATION = "location";
    private static final Set<String> PROVIDER_SETTINGS = WordList.load(StackKeys.class, "azure-native-settings.txt");
    private static final Pattern PATH = Pattern.compile("^(?<head>[^.\\[]+)[.\\[].*$");

    private StackKeys() {}

    /** This program's keys by name, and {@code azure-native:location}. */
    record Sorted(ObjectNode own, JsonNode location) {}

    /**
     * {@code config} in the order the stack gives it; a key without a namespace is the project's
     * own, as Pulumi reads it. Refusals are {@link ConfigException}s; warnings go to {@code warnings}.
     */
    static Sorted sort(Map<String, JsonNode> config, Consumer<String> warnings) {
        ObjectNode own = JsonNodeFactory.instance.objectNode();
        JsonNode location = null;
        for (Map.Entry<String, JsonNode> e : config.entrySet()) {
            String key = e.getKey();
            int colon = key.indexOf(':');
            String namespace = colon < 0 ? NAMESPACE : key.substring(0, colon);
            String name = colon < 0 ? key : key.substring(colon + 1);
            String full = namespace + ":" + name;
            if (namespace.equals(NAMESPACE)) {
                checkOwn(full, name, e.getValue());
                ConfigValues.check(full, e.getValue());
                own.set(name, e.getValue());
            } else if (namespace.equals(PROVIDER)) {
                if (name.equals(LOCATION)) {
                    ConfigValues.check(full, e.getValue());
                    location = e.getValue();
                } else if (!PROVIDER_SETTINGS.contains(name)) {
                    warnings.accept("warning: " + full + ": not a setting of the azure-native provider"
                            + Spelling.closest(name, PROVIDER_SETTINGS, 3).map(s -> "; did you mean " + PROVIDER + ":" + s + "?").orElse(""));
                }
            } else if (Spelling.distance(namespace.toLowerCase(Locale.ROOT), NAMESPACE) <= 1) {
                throw new ConfigException(full, "is in namespace \"" + namespace + "\", one edit from " + NAMESPACE
                        + ", so nothing would read it; did you mean " + NAMESPACE + ":" + name + "?", ConfigNode.describe(e.getValue()));
            }
        }
        return new Sorted(own, location);
    }

    private static void checkOwn(String full, String name, JsonNode value) {
        List<String> keys = ConfigParser.KEYS;
        if (keys.contains(name)) {
            return;
        }
        Matcher path = PATH.matcher(name);
        if (path.matches() && keys.contains(path.group("head"))) {
            throw new ConfigException(full, "is a path, not a key: set it with `pulumi config set --path '" + full
                    + "' <value>` (without --path the whole text is one key, which nothing reads)", ConfigNode.describe(value));
        }
        throw new ConfigException(full, "unknown key; this version understands " + NAMESPACE + ":" + String.join(", " + NAMESPACE + ":", keys)
                + Spelling.closest(name, keys, 2).map(k -> " (did you mean " + NAMESPACE + ":" + k + "?)").orElse(""),
                ConfigNode.describe(value));
    }
}
