package dev.aigateway.components;

import java.util.regex.Pattern;

/**
 * How the components name global resources: {@code <prefix>-<stack>-<suffix>} for the APIM service,
 * {@code <prefix>-<backend>-<suffix>} for accounts, where the suffix is random so the DNS names are
 * unique.
 */
public final class Naming {
    private Naming() {}

    public static final String DEFAULT_PREFIX = "aigw";
    /** Length of the random suffix of global names. */
    public static final int SUFFIX_LENGTH = 6;

    private static final Pattern PREFIX = Pattern.compile("^[a-z][a-z0-9]{1,11}$");

    public static String checkPrefix(String key, String prefix) {
        return Check.matches(key, prefix, PREFIX, "must be 2-12 lowercase letters or digits, starting with a letter");
    }
}
