package dev.aigateway.components;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The rules input types check themselves with. Each throws {@link InvalidInputException} naming
 * the key, the rule and the value; the rule texts are the ones the command line prints.
 */
public final class Check {
    private Check() {}

    /** The value must be given. */
    public static <T> T required(String key, T value) {
        if (value == null) {
            throw new InvalidInputException(key, "is required", null);
        }
        return value;
    }

    /** A string that must be given and not blank. */
    public static String text(String key, String value) {
        required(key, value);
        if (value.isBlank()) {
            throw new InvalidInputException(key, "must not be empty", value);
        }
        return value;
    }

    /** A string matching {@code pattern}, else refused with {@code rule}. */
    public static String matches(String key, String value, Pattern pattern, String rule) {
        text(key, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException(key, rule, value);
        }
        return value;
    }

    public static String maxLength(String key, String value, int max) {
        text(key, value);
        if (value.length() > max) {
            throw new InvalidInputException(key, "must be at most " + max + " characters", value);
        }
        return value;
    }

    public static long range(String key, long value, long min, long max) {
        if (value < min) {
            throw new InvalidInputException(key, "must be at least " + min, value);
        }
        if (value > max) {
            throw new InvalidInputException(key, "must be at most " + max, value);
        }
        return value;
    }

    /** A list of {@code min} to {@code max} entries. */
    public static <T> List<T> size(String key, List<T> list, int min, int max) {
        required(key, list);
        if (list.size() < min) {
            throw new InvalidInputException(key, "must have at least " + min + " entr" + (min == 1 ? "y" : "ies"), list);
        }
        if (list.size() > max) {
            throw new InvalidInputException(key, "must have at most " + max + " entries", list);
        }
        return list;
    }

    /** Every entry of {@code list} checked by {@code check}, its refusals placed under {@code key[i]}. */
    public static <T> void each(String key, List<T> list, Consumer<T> check) {
        for (int i = 0; i < list.size(); i++) {
            T item = list.get(i);
            try {
                check.accept(required(key + "[" + i + "]", item));
            } catch (InvalidInputException e) {
                throw e.under(key + "[" + i + "]");
            }
        }
    }

    /**
     * Values that must be unique within a list, refused at the second occurrence under
     * {@code key[i]}, or {@code key[i].field} when they are a field of the entries.
     */
    public static void unique(String key, List<String> values, String field, String rule) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                throw new InvalidInputException(key + "[" + i + "]" + (field == null ? "" : "." + field), rule, values.get(i));
            }
        }
    }

    /**
     * Resource group names: 1-90 letters, digits, '_', '-', '.', '(' and ')', not ending in '.'
     * (Azure's resource naming rules). Consecutive dots are refused too: they are never needed, and
     * ".." in a URL path is read as the parent segment.
     */
    public static final Pattern RESOURCE_GROUP = Pattern.compile("^(?!.*\\.\\.)[-\\w.()]{0,89}[-\\w()]$", Pattern.UNICODE_CHARACTER_CLASS);
    public static final String RESOURCE_GROUP_RULE = "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.' and without '..'";

    private static final Pattern REGION = Pattern.compile("^[a-z][a-z0-9]{2,39}$");
    /** The regions in the jar: a typo such as swedencentrall fails here, not 40 minutes into a deployment. */
    private static final Set<String> REGIONS = WordList.load(Check.class, "azure-regions.txt");

    /** An Azure region name, as ARM spells it (swedencentral), among the regions this version knows. */
    public static String region(String key, String value) {
        matches(key, value, REGION, "must be an Azure region name such as swedencentral");
        if (!REGIONS.contains(value)) {
            throw new InvalidInputException(key, "must be an Azure region"
                    + Spelling.closest(value, REGIONS, 3).map(r -> "; did you mean " + r + "?").orElse(" (see `az account list-locations`)"), value);
        }
        return value;
    }

    /** A value that must be one of {@code allowed}. */
    public static String oneOf(String key, String value, Collection<String> allowed) {
        text(key, value);
        if (!allowed.contains(value)) {
            throw new InvalidInputException(key, "must be one of " + String.join(", ", allowed), value);
        }
        return value;
    }
}
