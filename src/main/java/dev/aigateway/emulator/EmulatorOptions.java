package dev.aigateway.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run the emulator.
 *
 * @param port      the gateway's port on 127.0.0.1; 0 picks a free one
 * @param seed      seeds request ids, unseeded randomness and subscription keys
 * @param choices   the named choices where APIM's reference pages leave room (see {@link #CHOICES})
 * @param backends  backend, tool API or "content-safety" name to a URL that replaces its simulator
 * @param token     a bearer token the emulated managed identity hands out instead of its own (for a
 *                  real backend named in {@code backends}); null for the emulator's own
 * @param log       receives the gateway's log lines (one per request)
 */
public record EmulatorOptions(int port, int seed, Map<String, Object> choices, Map<String, String> backends, String token,
        Consumer<String> log) {

    /** The named choices and their defaults: the conservative reading of each ambiguous page. */
    public static final Map<String, Object> CHOICES;

    static {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("retryCatchesErrors", false);
        c.put("cacheStoreVisibility", "after-request");
        c.put("missingVariable", "throw");
        c.put("randomSeeding", "tick");
        c.put("builtInErrorsRunOnError", true);
        c.put("clock", "real");
        c.put("mcpToolScopes", "all");
        CHOICES = java.util.Collections.unmodifiableMap(c);
    }

    /** The values each choice accepts. */
    public static final Map<String, List<String>> VALUES = Map.of(
            "retryCatchesErrors", List.of("false", "true"),
            "cacheStoreVisibility", List.of("after-request", "immediate"),
            "missingVariable", List.of("throw", "null"),
            "randomSeeding", List.of("tick", "unique"),
            "builtInErrorsRunOnError", List.of("true", "false"),
            "clock", List.of("real", "manual"),
            "mcpToolScopes", List.of("all", "api"));

    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, 1, CHOICES, Map.of(), null, line -> { });
    }

    public EmulatorOptions port(int p) {
        return new EmulatorOptions(p, seed, choices, backends, token, log);
    }

    public EmulatorOptions seed(int s) {
        return new EmulatorOptions(port, s, choices, backends, token, log);
    }

    /** Set a named choice; the value must be one {@link #VALUES} lists. */
    public EmulatorOptions choice(String name, Object value) {
        List<String> allowed = VALUES.get(name);
        if (allowed == null || !allowed.contains(String.valueOf(value))) {
            throw new IllegalArgumentException("emulator choice " + name + "=" + value + ": choices are "
                    + (allowed == null ? String.join(", ", VALUES.keySet()) : name + "=" + String.join("|", allowed)));
        }
        Map<String, Object> c = new LinkedHashMap<>(choices);
        c.put(name, value instanceof String s && (s.equals("true") || s.equals("false")) ? Boolean.valueOf(s) : value);
        return new EmulatorOptions(port, seed, c, backends, token, log);
    }

    /** Tests: time moves only when the test moves it. */
    public EmulatorOptions manualClock() {
        return choice("clock", "manual");
    }

    public EmulatorOptions backend(String name, String url) {
        Map<String, String> b = new LinkedHashMap<>(backends);
        b.put(name, url);
        return new EmulatorOptions(port, seed, choices, b, token, log);
    }

    public EmulatorOptions token(String t) {
        return new EmulatorOptions(port, seed, choices, backends, t, log);
    }

    public EmulatorOptions log(Consumer<String> l) {
        return new EmulatorOptions(port, seed, choices, backends, token, l);
    }
}
