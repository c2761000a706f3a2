package dev.aigateway.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Inputs of {@link OpenAiBackendPool}. The builder checks every plain value when it is built. */
public final class OpenAiBackendPoolArgs extends ResourceArgs {
    public static final boolean DEFAULT_STREAMING = true;
    public static final int DEFAULT_THROTTLE_SECONDS = 10;
    public static final int MAX_THROTTLE_SECONDS = 3600;
    public static final int DEFAULT_BACKEND_TIMEOUT_SECONDS = 180;
    /** forward-request timeouts above 240 s may be cut by the network below APIM. */
    public static final int MAX_BACKEND_TIMEOUT_SECONDS = 240;
    public static final int MAX_BACKENDS = 20;

    private AiGateway gateway;
    private List<BackendConfig> backends;
    private String namePrefix = Naming.DEFAULT_PREFIX;
    private Output<String> nameSuffix;
    private boolean streaming = DEFAULT_STREAMING;
    private int throttleSeconds = DEFAULT_THROTTLE_SECONDS;
    private int backendTimeoutSeconds = DEFAULT_BACKEND_TIMEOUT_SECONDS;
    private String openAiSpecUrl;
    private boolean protect;
    private boolean requireTenant;
    private PromptSafety promptSafety;

    private OpenAiBackendPoolArgs() {}

    public AiGateway gateway() { return gateway; }
    /** Structural: one account, role assignment and APIM backend per entry. */
    public List<BackendConfig> backends() { return backends; }
    public String namePrefix() { return namePrefix; }
    /** Suffix that makes account subdomains globally unique; a RandomString is created when absent. */
    public Output<String> nameSuffix() { return nameSuffix; }
    public boolean streaming() { return streaming; }
    /** How long a backend that answered 429/5xx without Retry-After stays out of rotation. */
    public int throttleSeconds() { return throttleSeconds; }
    /** forward-request timeout: how long to wait for a backend's response headers. */
    public int backendTimeoutSeconds() { return backendTimeoutSeconds; }
    public String openAiSpecUrl() { return openAiSpecUrl; }
    public boolean protect() { return protect; }
    /** Refuse requests that did not pass a tenant product's token limit (set when tenants exist). */
    public boolean requireTenant() { return requireTenant; }
    /** Prompt screening the API's policy includes, when on. */
    public java.util.Optional<PromptSafety> promptSafety() { return java.util.Optional.ofNullable(promptSafety); }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The backends of one pool: 1-20, each valid, unique names and accounts, every backend with
     * deployments serving the same ones, account names are
     * {@code <namePrefix>-<name>-<suffix>}: at most 12 + 32 + 8 characters, within Azure's 64.
     * Keys are {@code backends[i].<field>}.
     */
    public static void checkBackends(List<BackendConfig> backends) {
        Check.size("backends", backends, 1, MAX_BACKENDS);
        Check.each("backends", backends, BackendConfig::check);
        Check.unique("backends", backends.stream().map(BackendConfig::name).toList(), "name", "must be unique among backends");
        Set<String> accounts = new java.util.HashSet<>();
        for (int i = 0; i < backends.size(); i++) {
            String id = backends.get(i).existingAccountId().orElse(null);
            if (id != null && !accounts.add(id.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("backends[" + i + "].existingAccountId", "must be unique among backends", id);
            }
        }
    }

    /** Throttle and timeout seconds within what the policy and the network honour. */
    public static void checkTimings(String throttleKey, int throttleSeconds, String timeoutKey, int backendTimeoutSeconds) {
        Check.range(throttleKey, throttleSeconds, 1, MAX_THROTTLE_SECONDS);
        Check.range(timeoutKey, backendTimeoutSeconds, 1, MAX_BACKEND_TIMEOUT_SECONDS);
    }

    public static final class Builder {
        private final OpenAiBackendPoolArgs a = new OpenAiBackendPoolArgs();

        public Builder gateway(AiGateway v) { a.gateway = v; return this; }
        public Builder backends(List<BackendConfig> v) { a.backends = List.copyOf(v); return this; }
        public Builder namePrefix(String v) { a.namePrefix = v; return this; }
        public Builder nameSuffix(Output<String> v) { a.nameSuffix = v; return this; }
        public Builder nameSuffix(String v) { return nameSuffix(Output.of(v)); }
        public Builder streaming(boolean v) { a.streaming = v; return this; }
        public Builder throttleSeconds(int v) { a.throttleSeconds = v; return this; }
        public Builder backendTimeoutSeconds(int v) { a.backendTimeoutSeconds = v; return this; }
        public Builder openAiSpecUrl(String v) { a.openAiSpecUrl = v; return this; }
        public Builder protect(boolean v) { a.protect = v; return this; }
        public Builder requireTenant(boolean v) { a.requireTenant = v; return this; }
        public Builder promptSafety(PromptSafety v) { a.promptSafety = v; return this; }

        /** Throws {@link InvalidInputException} (an IllegalArgumentException) for the first value that breaks its rule. */
        public OpenAiBackendPoolArgs build() {
            Naming.checkPrefix("namePrefix", a.namePrefix);
            checkBackends(a.backends);
            checkTimings("throttleSeconds", a.throttleSeconds, "backendTimeoutSeconds", a.backendTimeoutSeconds);
            Check.required("openAiSpecUrl", a.openAiSpecUrl);
            Check.required("gateway", a.gateway);
            return a;
        }
    }
}
