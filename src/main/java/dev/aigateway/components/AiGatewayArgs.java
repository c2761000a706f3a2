package dev.aigateway.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import dev.aigateway.config.Enums.ApimSku;
import dev.aigateway.config.Enums.IdentityType;
import java.util.Objects;

/** Inputs of {@link AiGateway}. Every value can be given plainly or as an {@link Output}. */
public final class AiGatewayArgs extends ResourceArgs {
    private Output<String> resourceGroupName;
    private Output<String> location;
    private Output<String> serviceName;
    private Output<String> publisherEmail;
    private Output<String> publisherName;
    private ApimSku sku = ApimSku.Developer;
    private Output<Integer> capacity = Output.of(1);
    private IdentityType identity = IdentityType.SystemAssigned;
    private boolean protect;

    private AiGatewayArgs() {}

    public Output<String> resourceGroupName() { return resourceGroupName; }
    public Output<String> location() { return location; }
    /** The APIM service name: a global DNS label, so callers usually add a random suffix. */
    public Output<String> serviceName() { return serviceName; }
    public Output<String> publisherEmail() { return publisherEmail; }
    public Output<String> publisherName() { return publisherName; }
    public ApimSku sku() { return sku; }
    public Output<Integer> capacity() { return capacity; }
    /** Structural: decides which resources exist, so it is a plain value. */
    public IdentityType identity() { return identity; }
    /** Mark the stateful resources (APIM, logs, App Insights) protected from deletion. */
    public boolean protect() { return protect; }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final AiGatewayArgs a = new AiGatewayArgs();

        public Builder resourceGroupName(Output<String> v) { a.resourceGroupName = v; return this; }
        public Builder resourceGroupName(String v) { return resourceGroupName(Output.of(v)); }
        public Builder location(Output<String> v) { a.location = v; return this; }
        public Builder location(String v) { return location(Output.of(v)); }
        public Builder serviceName(Output<String> v) { a.serviceName = v; return this; }
        public Builder serviceName(String v) { return serviceName(Output.of(v)); }
        public Builder publisherEmail(Output<String> v) { a.publisherEmail = v; return this; }
        public Builder publisherEmail(String v) { return publisherEmail(Output.of(v)); }
        public Builder publisherName(Output<String> v) { a.publisherName = v; return this; }
        public Builder publisherName(String v) { return publisherName(Output.of(v)); }
        public Builder sku(ApimSku v) { a.sku = Objects.requireNonNull(v); return this; }
        public Builder capacity(Output<Integer> v) { a.capacity = v; return this; }
        public Builder capacity(int v) { return capacity(Output.of(v)); }
        public Builder identity(IdentityType v) { a.identity = Objects.requireNonNull(v); return this; }
        public Builder protect(boolean v) { a.protect = v; return this; }

        public AiGatewayArgs build() {
            Objects.requireNonNull(a.resourceGroupName, "AiGatewayArgs.resourceGroupName is required");
            Objects.requireNonNull(a.location, "AiGatewayArgs.location is required");
            Objects.requireNonNull(a.serviceName, "AiGatewayArgs.serviceName is required");
            Objects.requireNonNull(a.publisherEmail, "AiGatewayArgs.publisherEmail is required");
            Objects.requireNonNull(a.publisherName, "AiGatewayArgs.publisherName is required");
            return a;
        }
    }
}
