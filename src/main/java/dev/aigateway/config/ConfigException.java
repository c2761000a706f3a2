package dev.aigateway.config;

/**
 * A rejected configuration value. The message is the one line users see:
 * {@code <key path>: <rule> (got <value>)}.
 */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final String rule;
    private final String got;

    public ConfigException(String key, String rule, String got) {
        super(key + ": " + rule + " (got " + got + ")");
        this.key = key;
        this.rule = rule;
        this.got = got;
    }

    public String key() { return key; }
    public String rule() { return rule; }
    public String got() { return got; }
}
