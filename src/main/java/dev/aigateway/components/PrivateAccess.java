package dev.aigateway.components;

import com.pulumi.azurenative.network.PrivateDnsZoneGroup;
import com.pulumi.azurenative.network.PrivateDnsZoneGroupArgs;
import com.pulumi.azurenative.network.PrivateEndpoint;
import com.pulumi.azurenative.network.PrivateEndpointArgs;
import com.pulumi.azurenative.network.PrivateZone;
import com.pulumi.azurenative.network.PrivateZoneArgs;
import com.pulumi.azurenative.network.VirtualNetworkLink;
import com.pulumi.azurenative.network.VirtualNetworkLinkArgs;
import com.pulumi.azurenative.network.inputs.PrivateDnsZoneConfigArgs;
import com.pulumi.azurenative.network.inputs.PrivateLinkServiceConnectionArgs;
import com.pulumi.azurenative.network.inputs.SubResourceArgs;
import com.pulumi.azurenative.network.inputs.SubnetArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts reached only through private endpoints: one per account in the network's endpoint
 * subnet, registered in the privatelink DNS zones, so the gateway (in the same network) resolves
 * the account's usual host name to its private address.
 */
final class PrivateAccess {
    private PrivateAccess() {}

    /** What an account's public network access is: off when the gateway has a network. */
    static String publicNetworkAccess(AiGateway gateway) {
        return gateway.network.isPresent() ? "Disabled" : "Enabled";
    }

    /**
     * The privatelink zones the endpoints register in: the ones given, or new ones linked to the
     * endpoints' virtual network.
     */
    static Output<List<String>> dnsZones(String owner, NetworkConfig network, Output<String> resourceGroupName, CustomResourceOptions options) {
        if (!network.privateDnsZoneIds().isEmpty()) {
            return Output.of(network.privateDnsZoneIds());
        }
        List<Output<String>> ids = new ArrayList<>();
        for (String zone : NetworkConfig.PRIVATE_DNS_ZONES) {
            String key = zone.substring("privatelink.".length(), zone.indexOf('.', "privatelink.".length()));
            PrivateZone z = new PrivateZone(owner + "-dns-" + key, PrivateZoneArgs.builder()
                    .resourceGroupName(resourceGroupName)
                    .privateZoneName(zone)
                    .location("Global")
                    .build(), options);
            new VirtualNetworkLink(owner + "-dns-" + key + "-link", VirtualNetworkLinkArgs.builder()
                    .resourceGroupName(resourceGroupName)
                    .privateZoneName(z.name())
                    .virtualNetworkLinkName("aigw-endpoints")
                    .location("Global")
                    .virtualNetwork(SubResourceArgs.builder().id(NetworkConfig.virtualNetworkOf(network.privateEndpointSubnetId())).build())
                    .registrationEnabled(false)
                    .build(), options);
            ids.add(z.id());
        }
        return Output.all(ids);
    }

    /** A private endpoint for one account, when the gateway has a network. */
    static void endpoint(String resourceName, Output<String> accountId, Output<String> accountName, AiGateway gateway,
            CustomResourceOptions options) {
        if (gateway.network.isEmpty()) {
            return;
        }
        NetworkConfig network = gateway.network.get();
        PrivateEndpoint endpoint = new PrivateEndpoint(resourceName, PrivateEndpointArgs.builder()
                .resourceGroupName(gateway.resourceGroupName)
                // The endpoint lives in its subnet's region, which the README asks to be the gateway's.
                .location(gateway.location)
                .privateEndpointName(accountName.applyValue(n -> n + "-pe"))
                .subnet(SubnetArgs.builder().id(network.privateEndpointSubnetId()).build())
                .privateLinkServiceConnections(PrivateLinkServiceConnectionArgs.builder()
                        .name("account")
                        .privateLinkServiceId(accountId)
                        .groupIds("account")
                        .build())
                .build(), options);
        new PrivateDnsZoneGroup(resourceName + "-dns", PrivateDnsZoneGroupArgs.builder()
                .resourceGroupName(gateway.resourceGroupName)
                .privateEndpointName(endpoint.name())
                .privateDnsZoneGroupName("default")
                .privateDnsZoneConfigs(gateway.privateDnsZoneIds.applyValue(ids -> ids.stream()
                        .map(id -> PrivateDnsZoneConfigArgs.builder().name(id.substring(id.lastIndexOf('/') + 1).replace('.', '-'))
                                .privateDnsZoneId(id).build())
                        .toList()))
                .build(), options);
    }
}
