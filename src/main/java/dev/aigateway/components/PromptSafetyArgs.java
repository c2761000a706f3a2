package dev.aigateway.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;

/** Inputs of {@link PromptSafety}. */
public final class PromptSafetyArgs extends ResourceArgs {
    private AiGateway gateway;
    private PromptSafetyConfig config;
    private Output<String> location;
    private String namePrefix = Naming.DEFAULT_PREFIX;
    private Output<String> nameSuffix;
    private boolean protect;

    private PromptSafetyArgs() {}

    public AiGateway gateway() { return gateway; }
    /** Structural: the categories, threshold, Prompt Shields and the outage behaviour (validated config). */
    public PromptSafetyConfig config() { return config; }
    /** Region of the Content Safety account. */
    public Output<String> location() { return location; }
    public String namePrefix() { return namePrefix; }
    /** Makes the account's subdomain globally unique. */
    public Output<String> nameSuffix() { return nameSuffix; }
    public boolean protect() { return protect; }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final PromptSafetyArgs a = new PromptSafetyArgs();

        public Builder gateway(AiGateway v) { a.gateway = v; return this; }
        public Builder config(PromptSafetyConfig v) { a.config = v; return this; }
        public Builder location(Output<String> v) { a.location = v; return this; }
        public Builder location(String v) { return location(Output.of(v)); }
        public Builder namePrefix(String v) { a.namePrefix = v; return this; }
        public Builder nameSuffix(Output<String> v) { a.nameSuffix = v; return this; }
        public Builder nameSuffix(String v) { return nameSuffix(Output.of(v)); }
        public Builder protect(boolean v) { a.protect = v; return this; }

        public PromptSafetyArgs build() {
            Check.required("config", a.config);
            try {
                a.config.check();
            } catch (InvalidInputException e) {
                throw e.under("config");
            }
            Naming.checkPrefix("namePrefix", a.namePrefix);
            Check.required("gateway", a.gateway);
            Check.required("location", a.location);
            Check.required("nameSuffix", a.nameSuffix);
            return a;
        }
    }
}
