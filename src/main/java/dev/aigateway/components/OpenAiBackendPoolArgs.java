package dev.aigateway.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import dev.aigateway.config.BackendConfig;
import java.util.List;
import java.util.Objects;

/** Inputs of {@link OpenAiBackendPool}. */
public final class OpenAiBackendPoolArgs extends ResourceArgs {
    private AiGateway gateway;
    private List<BackendConfig> backends;
    private String namePrefix = "aigw";
    private Output<String> nameSuffix;
    private boolean streaming = true;
    private int throttleSeconds = 10;
    private int backendTimeoutSeconds = 180;
    private String openAiSpecUrl;
    private boolean protect;
    private boolean requireTenant;

    private OpenAiBackendPoolArgs() {}

    public AiGateway gateway() { return gateway; }
    /** Structural: one account, role assignment and APIM backend per entry. */
    public List<BackendConfig> backends() { return backends; }
    public String namePrefix() { return namePrefix; }
    /** Suffix that makes account subdomains globally unique; a RandomString is created when absent. */
    public Output<String> nameSuffix() { return nameSuffix; }
    public boolean streaming() { return streaming; }
    public int throttleSeconds() { return throttleSeconds; }
    public int backendTimeoutSeconds() { return backendTimeoutSeconds; }
    public String openAiSpecUrl() { return openAiSpecUrl; }
    public boolean protect() { return protect; }
    /** Refuse requests that did not pass a tenant product's token limit (set when tenants exist). */
    public boolean requireTenant() { return requireTenant; }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final OpenAiBackendPoolArgs a = new OpenAiBackendPoolArgs();

        public Builder gateway(AiGateway v) { a.gateway = v; return this; }
        public Builder backends(List<BackendConfig> v) { a.backends = List.copyOf(v); return this; }
        public Builder namePrefix(String v) { a.namePrefix = Objects.requireNonNull(v); return this; }
        public Builder nameSuffix(Output<String> v) { a.nameSuffix = v; return this; }
        public Builder nameSuffix(String v) { return nameSuffix(Output.of(v)); }
        public Builder streaming(boolean v) { a.streaming = v; return this; }
        public Builder throttleSeconds(int v) { a.throttleSeconds = v; return this; }
        public Builder backendTimeoutSeconds(int v) { a.backendTimeoutSeconds = v; return this; }
        public Builder openAiSpecUrl(String v) { a.openAiSpecUrl = v; return this; }
        public Builder protect(boolean v) { a.protect = v; return this; }
        public Builder requireTenant(boolean v) { a.requireTenant = v; return this; }

        public OpenAiBackendPoolArgs build() {
            Objects.requireNonNull(a.gateway, "OpenAiBackendPoolArgs.gateway is required");
            Objects.requireNonNull(a.backends, "OpenAiBackendPoolArgs.backends is required");
            Objects.requireNonNull(a.openAiSpecUrl, "OpenAiBackendPoolArgs.openAiSpecUrl is required");
            if (a.backends.isEmpty()) {
                throw new IllegalArgumentException("OpenAiBackendPoolArgs.backends must not be empty");
            }
            return a;
        }
    }
}
