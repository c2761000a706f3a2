package dev.aigateway.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import dev.aigateway.components.Enums.ApimSku;
import dev.aigateway.components.Enums.IdentityType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Inputs of {@link AiGateway}. Every value can be given plainly or as an {@link Output}; plain
 * values are checked when the builder builds, values of Outputs when they resolve.
 */
public final class AiGatewayArgs extends ResourceArgs {
    public static final ApimSku DEFAULT_SKU = ApimSku.Developer;
    public static final int DEFAULT_CAPACITY = 1;
    public static final IdentityType DEFAULT_IDENTITY = IdentityType.SystemAssigned;
    public static final int MAX_PUBLISHER_NAME = 100;

    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");

    private Output<String> resourceGroupName;
    private Output<String> location;
    private Output<String> serviceName;
    private Output<String> publisherEmail;
    private Output<String> publisherName;
    private ApimSku sku = DEFAULT_SKU;
    private Output<Integer> capacity = Output.of(DEFAULT_CAPACITY);
    private IdentityType identity = DEFAULT_IDENTITY;
    private boolean protect;
    private List<String> zones = List.of();
    private List<AdditionalLocationConfig> additionalLocations = List.of();
    private Optional<NetworkConfig> network = Optional.empty();

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
    /** Availability zones of the primary region (Premium): "1", "2", "3". */
    public List<String> zones() { return zones; }
    /** Further regions of a Premium gateway. */
    public List<AdditionalLocationConfig> additionalLocations() { return additionalLocations; }
    /** Private networking; structural: it decides which resources exist. */
    public Optional<NetworkConfig> network() { return network; }

    public static Builder builder() {
        return new Builder();
    }

    /** The most scale units a tier allows. */
    public static int maxCapacity(ApimSku sku) {
        return switch (sku) {
            case Developer -> 1;
            case Basic -> 2;
            case Standard -> 4;
            case Premium -> 12;
        };
    }

    public static String checkPublisherEmail(String key, String email) {
        return Check.matches(key, email, EMAIL, "must be an email address");
    }

    public static String checkPublisherName(String key, String name) {
        return Check.maxLength(key, name, MAX_PUBLISHER_NAME);
    }

    public static int checkCapacity(String key, int capacity, ApimSku sku) {
        Check.range(key, capacity, 1, Integer.MAX_VALUE);
        if (capacity > maxCapacity(sku)) {
            throw new InvalidInputException(key, "must be at most " + maxCapacity(sku) + " units for sku " + sku, capacity);
        }
        return capacity;
    }

    private static final java.util.Set<String> ZONES = java.util.Set.of("1", "2", "3");

    /** Zones "1" to "3", each once, and at least as many units as zones (PSRule's Azure.APIM.AvailabilityZone). */
    public static List<String> checkZones(String key, List<String> zones, int capacity) {
        Check.required(key, zones);
        Check.each(key, zones, z -> Check.oneOf("", z, new java.util.TreeSet<>(ZONES)));
        Check.unique(key, zones, null, "must name each zone once");
        if (!zones.isEmpty() && capacity < zones.size()) {
            throw new InvalidInputException(key, "needs at least one unit per zone: capacity is " + capacity, zones);
        }
        return zones;
    }

    /** Zones, more regions and a virtual network need the tiers that offer them. */
    public static void checkPlacement(ApimSku sku, Integer capacity, String location, List<String> zones, List<AdditionalLocationConfig> more,
            Optional<NetworkConfig> network, String prefix) {
        if (!zones.isEmpty() && sku != ApimSku.Premium) {
            throw new InvalidInputException(prefix + "zones", "needs sku Premium (got sku " + sku + ")", zones);
        }
        if (capacity != null) {
            checkZones(prefix + "zones", zones, capacity);
        }
        if (!more.isEmpty() && sku != ApimSku.Premium) {
            throw new InvalidInputException(prefix + "additionalLocations", "needs sku Premium (got sku " + sku + ")", more);
        }
        Check.each(prefix + "additionalLocations", more, AdditionalLocationConfig::check);
        Check.unique(prefix + "additionalLocations", more.stream().map(AdditionalLocationConfig::location).toList(), "location",
                "must be unique among the additional locations");
        for (int i = 0; i < more.size(); i++) {
            AdditionalLocationConfig l = more.get(i);
            String key = prefix + "additionalLocations[" + i + "]";
            if (l.location().equals(location)) {
                throw new InvalidInputException(key + ".location", "must differ from the gateway's own location", l.location());
            }
            if (network.isPresent() && l.subnetId().isEmpty()) {
                throw new InvalidInputException(key + ".subnetId", "is required with network: each region of the gateway is injected into "
                        + "a subnet of its own region", null);
            }
            if (network.isEmpty() && l.subnetId().isPresent()) {
                throw new InvalidInputException(key + ".subnetId", "is only for a gateway with network", l.subnetId());
            }
        }
        if (network.isPresent()) {
            if (sku != ApimSku.Developer && sku != ApimSku.Premium) {
                throw new InvalidInputException(prefix + "network", "needs sku Developer or Premium: only they are injected into a virtual "
                        + "network (got sku " + sku + ")", network.get().mode());
            }
            try {
                network.get().check();
            } catch (InvalidInputException e) {
                throw e.under(prefix + "network");
            }
        }
    }

    public static final class Builder {
        private final AiGatewayArgs a = new AiGatewayArgs();
        private Integer plainCapacity = DEFAULT_CAPACITY;
        private String plainLocation;

        public Builder resourceGroupName(Output<String> v) { a.resourceGroupName = v; return this; }
        public Builder resourceGroupName(String v) { return resourceGroupName(Output.of(v)); }
        public Builder location(Output<String> v) { a.location = v; return this; }
        public Builder location(String v) { plainLocation = v; return location(Output.of(Check.region("location", v))); }
        public Builder serviceName(Output<String> v) { a.serviceName = v; return this; }
        public Builder serviceName(String v) { return serviceName(Output.of(v)); }
        public Builder publisherEmail(Output<String> v) { a.publisherEmail = v.applyValue(x -> checkPublisherEmail("publisherEmail", x)); return this; }
        public Builder publisherEmail(String v) { a.publisherEmail = Output.of(checkPublisherEmail("publisherEmail", v)); return this; }
        public Builder publisherName(Output<String> v) { a.publisherName = v.applyValue(x -> checkPublisherName("publisherName", x)); return this; }
        public Builder publisherName(String v) { a.publisherName = Output.of(checkPublisherName("publisherName", v)); return this; }
        public Builder sku(ApimSku v) { a.sku = Objects.requireNonNull(v); return this; }
        public Builder capacity(Output<Integer> v) { a.capacity = v; plainCapacity = null; return this; }
        public Builder capacity(int v) { a.capacity = Output.of(v); plainCapacity = v; return this; }
        public Builder identity(IdentityType v) { a.identity = Objects.requireNonNull(v); return this; }
        public Builder protect(boolean v) { a.protect = v; return this; }
        public Builder zones(List<String> v) { a.zones = List.copyOf(v); return this; }
        public Builder additionalLocations(List<AdditionalLocationConfig> v) { a.additionalLocations = List.copyOf(v); return this; }
        public Builder network(NetworkConfig v) { a.network = Optional.of(v); return this; }

        /** Throws {@link InvalidInputException} (an IllegalArgumentException) for the first value that breaks its rule. */
        public AiGatewayArgs build() {
            Check.required("resourceGroupName", a.resourceGroupName);
            Check.required("location", a.location);
            Check.required("serviceName", a.serviceName);
            Check.required("publisherEmail", a.publisherEmail);
            Check.required("publisherName", a.publisherName);
            ApimSku sku = a.sku;
            if (plainCapacity != null) {
                checkCapacity("capacity", plainCapacity, sku);
            } else {
                List<String> zones = a.zones;
                a.capacity = a.capacity.applyValue(c -> {
                    checkZones("zones", zones, c);
                    return checkCapacity("capacity", c, sku);
                });
            }
            checkPlacement(sku, plainCapacity, plainLocation, a.zones, a.additionalLocations, a.network, "");
            return a;
        }
    }
}
