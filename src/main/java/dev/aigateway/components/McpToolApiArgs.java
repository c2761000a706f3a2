package dev.aigateway.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;

/** Inputs of {@link McpToolApi}. */
public final class McpToolApiArgs extends ResourceArgs {
    private AiGateway gateway;
    private McpToolConfig tool;
    private Output<String> location;
    private String namePrefix = Naming.DEFAULT_PREFIX;
    private Output<String> nameSuffix;
    private boolean protect;

    private McpToolApiArgs() {}

    public AiGateway gateway() { return gateway; }
    /** Structural: the API, its document, rate limits and content safety (validated config). */
    public McpToolConfig tool() { return tool; }
    /** Region of the Content Safety account. */
    public Output<String> location() { return location; }
    public String namePrefix() { return namePrefix; }
    /** Makes the Content Safety account's subdomain globally unique. */
    public Output<String> nameSuffix() { return nameSuffix; }
    public boolean protect() { return protect; }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final McpToolApiArgs a = new McpToolApiArgs();

        public Builder gateway(AiGateway v) { a.gateway = v; return this; }
        public Builder tool(McpToolConfig v) { a.tool = v; return this; }
        public Builder location(Output<String> v) { a.location = v; return this; }
        public Builder location(String v) { return location(Output.of(v)); }
        public Builder namePrefix(String v) { a.namePrefix = v; return this; }
        public Builder nameSuffix(Output<String> v) { a.nameSuffix = v; return this; }
        public Builder nameSuffix(String v) { return nameSuffix(Output.of(v)); }
        public Builder protect(boolean v) { a.protect = v; return this; }

        public McpToolApiArgs build() {
            Check.required("tool", a.tool);
            try {
                a.tool.check();
            } catch (InvalidInputException e) {
                throw e.under("tool");
            }
            Naming.checkPrefix("namePrefix", a.namePrefix);
            if (a.tool.contentSafety().isPresent()) {
                Check.required("nameSuffix", a.nameSuffix);
                Check.required("location", a.location);
            }
            Check.required("gateway", a.gateway);
            return a;
        }
    }
}
