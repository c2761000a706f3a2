package dev.aigateway.components;

import java.util.List;
import java.util.Optional;

/**
 * Another region of a Premium gateway: its own gateway units, zones and (in a virtual network)
 * its own subnet. Its gateway is always on.
 */
public record AdditionalLocationConfig(String location, int capacity, List<String> zones, Optional<String> subnetId) {
    public static final int DEFAULT_CAPACITY = 1;
    public static final int MAX_CAPACITY = 12;

    /** Throws {@link InvalidInputException} for the first field that breaks its rule. */
    public void check() {
        Check.region("location", location);
        Check.range("capacity", capacity, 1, MAX_CAPACITY);
        AiGatewayArgs.checkZones("zones", zones, capacity);
        Check.required("subnetId", subnetId).ifPresent(s -> Check.matches("subnetId", s, NetworkConfig.SUBNET_ID, NetworkConfig.SUBNET_RULE));
    }
}
