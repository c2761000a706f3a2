package dev.aigateway.components;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.core.Output;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What every role assignment of the gateway's identity needs: the role's id and a stable name. */
final class RoleGrants {
    private RoleGrants() {}

    /** The subscription-scoped id of a built-in role, given its GUID. */
    static Output<String> roleDefinitionId(String role) {
        return AuthorizationFunctions.getClientConfig().applyValue(
                c -> "/subscriptions/" + c.subscriptionId() + "/providers/Microsoft.Authorization/roleDefinitions/" + role);
    }

    /**
     * Role assignment names are GUIDs; derive one from stable inputs (stack, component, target,
     * role) so reruns change nothing and two stacks never collide.
     */
    static String assignmentName(String... parts) {
        String key = "ai-gateway/" + String.join("/", parts);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
