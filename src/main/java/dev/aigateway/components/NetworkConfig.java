package dev.aigateway.components;

import dev.aigateway.components.Enums.VnetMode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Private networking: API Management injected into a subnet of your virtual network, and the
 * accounts the stack creates reachable only through private endpoints in another subnet.
 *
 * @param mode                    Internal: the gateway has no public endpoint; External: it keeps one
 * @param subnetId                the subnet API Management is injected into (in the gateway's region)
 * @param publicIpAddressId       a Standard public IP for the service's management traffic, when you give one
 * @param privateEndpointSubnetId where the accounts' private endpoints go (in the gateway's region)
 * @param privateDnsZoneIds       existing privatelink.openai.azure.com and privatelink.cognitiveservices.azure.com
 *                                zones; empty to have the stack create them and link them to the endpoints' network
 */
public record NetworkConfig(VnetMode mode, String subnetId, Optional<String> publicIpAddressId, String privateEndpointSubnetId,
        List<String> privateDnsZoneIds) {

    /** The private DNS zones an account's private endpoint registers in. */
    public static final List<String> PRIVATE_DNS_ZONES = List.of("privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com");

    static final Pattern SUBNET_ID = Pattern.compile("^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w.()]{1,90}"
            + "/providers/Microsoft\\.Network/virtualNetworks/[A-Za-z0-9][\\w.-]{0,62}/subnets/[A-Za-z0-9][\\w.-]{0,78}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PUBLIC_IP_ID = Pattern.compile("^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w.()]{1,90}"
            + "/providers/Microsoft\\.Network/publicIPAddresses/[A-Za-z0-9][\\w.-]{0,78}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ZONE_ID = Pattern.compile("^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w.()]{1,90}"
            + "/providers/Microsoft\\.Network/privateDnsZones/(privatelink\\.openai\\.azure\\.com|privatelink\\.cognitiveservices\\.azure\\.com)$",
            Pattern.CASE_INSENSITIVE);
    static final String SUBNET_RULE = "must be a subnet id /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/"
            + "virtualNetworks/<vnet>/subnets/<subnet>";

    /** The virtual network a subnet id belongs to. */
    public static String virtualNetworkOf(String subnetId) {
        return subnetId.substring(0, subnetId.toLowerCase(java.util.Locale.ROOT).lastIndexOf("/subnets/"));
    }

    /** Throws {@link InvalidInputException} for the first field that breaks its rule. */
    public void check() {
        Check.required("mode", mode);
        Check.matches("subnetId", subnetId, SUBNET_ID, SUBNET_RULE);
        Check.required("publicIpAddressId", publicIpAddressId).ifPresent(ip -> Check.matches("publicIpAddressId", ip, PUBLIC_IP_ID,
                "must be a public IP id /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/publicIPAddresses/<name>"));
        Check.matches("privateEndpointSubnetId", privateEndpointSubnetId, SUBNET_ID, SUBNET_RULE);
        if (privateEndpointSubnetId.equalsIgnoreCase(subnetId)) {
            throw new InvalidInputException("privateEndpointSubnetId", "must differ from subnetId: API Management needs a subnet of its own",
                    privateEndpointSubnetId);
        }
        Check.required("privateDnsZoneIds", privateDnsZoneIds);
        Check.each("privateDnsZoneIds", privateDnsZoneIds, z -> Check.matches("", z, ZONE_ID,
                "must be the id of a privatelink.openai.azure.com or privatelink.cognitiveservices.azure.com private DNS zone"));
        if (!privateDnsZoneIds.isEmpty()) {
            for (String zone : PRIVATE_DNS_ZONES) {
                if (privateDnsZoneIds.stream().noneMatch(z -> z.toLowerCase(java.util.Locale.ROOT).endsWith("/" + zone))) {
                    throw new InvalidInputException("privateDnsZoneIds", "must name both private DNS zones, " + String.join(" and ",
                            PRIVATE_DNS_ZONES) + ", or none to have them created; " + zone + " is missing", privateDnsZoneIds);
                }
            }
        }
    }
}
