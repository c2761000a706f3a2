package dev.aigateway.components;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Every role assignment of the gateway's identity: one data-plane role on one resource, with a stable name. */
final class RoleGrants {
    private RoleGrants() {}

    /** The subscription-scoped id of a built-in role, given its GUID. */
    static Output<String> roleDefinitionId(String role) {
        return AuthorizationFunctions.getClientConfig().applyValue(
                c -> "/subscriptions/" + c.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/" + role);
    }

    /**
     * Grants {@code role} on {@code scope} to the gateway's identity. The assignment's name is the
     * GUID of (scope, principal, role), as the baseline asks: reruns change nothing, two stacks that
     * share an existing account never collide, and a new identity gets a new assignment instead of
     * reusing the old one's name.
     */
    static RoleAssignment grant(String resourceName, Output<String> scope, Output<String> principalId, String role, String description,
            CustomResourceOptions options) {
        Output<String> roleDefinitionId = roleDefinitionId(role);
        return new RoleAssignment(resourceName, RoleAssignmentArgs.builder()
                .roleAssignmentName(Output.all(List.of(scope, principalId, roleDefinitionId))
                        .applyValue(v -> assignmentName(v.get(0), v.get(1), v.get(2))))
                .scope(scope)
                .principalId(principalId)
                .principalType("ServicePrincipal")
                .roleDefinitionId(roleDefinitionId)
                .description(description)
                .build(), options);
    }

    /** guid(scope, principal, role): the scope compared without case, as ARM compares ids; the role by its GUID. */
    static String assignmentName(String scope, String principalId, String roleDefinitionId) {
        String role = roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1);
        return UUID.nameUUIDFromBytes((scope.toLowerCase(Locale.ROOT) + "|" + principalId + "|" + role).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
