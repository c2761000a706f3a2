package dev.aigateway.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.baseline.Baseline.Resource;
import dev.aigateway.baseline.Predicates.Result;
import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyNode;
import dev.aigateway.lint.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The rules that look across resources or into policy documents. */
final class Builtins {
    private Builtins() {}

    /** Data-plane roles the gateway's identity may hold: OpenAI User, Cognitive Services User, Monitoring Metrics Publisher. */
    static final Set<String> ALLOWED_ROLES = Set.of("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "a97b65f3-24c7-4388-baec-2e87135dc908",
            "3913510d-42f4-4e42-8a64-420c390055eb");
    static final String METRICS_PUBLISHER = "3913510d-42f4-4e42-8a64-420c390055eb";
    private static final List<String> SECTIONS = List.of("inbound", "backend", "outbound", "on-error");

    /** The name every role assignment should have: a GUID of its scope, principal and role, so reruns and other stacks never clash. */
    public static String roleAssignmentName(String scope, String principalId, String roleDefinitionId) {
        return UUID.nameUUIDFromBytes((scope.toLowerCase(java.util.Locale.ROOT) + "|" + principalId + "|"
                + roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1)).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Result check(String name, Resource r, List<Resource> all) {
        JsonNode in = r.inputs();
        return switch (name) {
            case "capacityCoversZones" -> in.path("sku").path("capacity").asInt() >= in.path("zones").size() ? Result.pass()
                    : new Result(false, "sku.capacity", in.path("sku").path("capacity") + " units for " + in.path("zones").size() + " zones");
            case "directManagementOff" -> all.stream().anyMatch(x -> x.type().equals("arm:Microsoft.ApiManagement/service/tenant")
                    && x.name().equals(in.path("serviceName").asText() + "/access")
                    && x.inputs().path("properties").path("enabled").isBoolean() && !x.inputs().path("properties").path("enabled").asBoolean())
                    ? Result.pass() : new Result(false, "service/tenant/access properties.enabled", "nothing sets it to false");
            case "backendAuthenticated" -> in.path("credentials").isObject() && !in.path("credentials").isEmpty()
                    || all.stream().anyMatch(x -> policyText(x).contains("<authentication-managed-identity"))
                    ? Result.pass() : new Result(false, "credentials", "no credentials and no authentication-managed-identity policy");
            case "policyBase" -> policyBase(in.path("value").asText());
            case "corsNoWildcard" -> corsNoWildcard(policyText(r));
            case "privateEndpoint" -> {
                String account = "/accounts/" + in.path("accountName").asText();
                boolean found = all.stream().anyMatch(x -> x.type().equals("azure-native:network:PrivateEndpoint")
                        && Predicates.values(x.inputs(), Json.text("privateLinkServiceConnections[*].privateLinkServiceId")).stream()
                                .anyMatch(id -> id.asText().endsWith(account))
                        && Predicates.values(x.inputs(), Json.text("privateLinkServiceConnections[*].groupIds[*]")).stream()
                                .anyMatch(g -> g.asText().equals("account")));
                yield found ? Result.pass() : new Result(false, "private endpoint (group account)", "none for this account");
            }
            case "leastPrivilege" -> {
                String role = in.path("roleDefinitionId").asText();
                String guid = role.substring(role.lastIndexOf('/') + 1);
                yield ALLOWED_ROLES.contains(guid) ? Result.pass() : new Result(false, "roleDefinitionId", guid);
            }
            case "deterministicRoleName" -> {
                String expected = roleAssignmentName(in.path("scope").asText(), in.path("principalId").asText(), in.path("roleDefinitionId").asText());
                yield expected.equals(in.path("roleAssignmentName").asText()) ? Result.pass()
                        : new Result(false, "roleAssignmentName", in.path("roleAssignmentName").asText() + ", not guid(scope, principal, role) " + expected);
            }
            case "metricsPublisherRole" -> {
                String component = "/components/" + in.path("resourceName").asText();
                boolean found = all.stream().anyMatch(x -> x.type().equals("azure-native:authorization:RoleAssignment")
                        && x.inputs().path("roleDefinitionId").asText().endsWith("/" + METRICS_PUBLISHER)
                        && x.inputs().path("scope").asText().endsWith(component));
                yield found ? Result.pass() : new Result(false, "Monitoring Metrics Publisher role", "not assigned on " + component);
            }
            case "diagnosticSettings" -> {
                String target = r.type().equals("azure-native:apimanagement:ApiManagementService")
                        ? "/service/" + in.path("serviceName").asText() : "/accounts/" + in.path("accountName").asText();
                boolean found = all.stream().anyMatch(x -> x.type().equals("azure-native:insights:DiagnosticSetting")
                        && x.inputs().path("resourceUri").asText().endsWith(target)
                        && !x.inputs().path("workspaceId").asText().isEmpty()
                        && Predicates.values(x.inputs(), Json.text("logs[*].enabled")).stream().anyMatch(JsonNode::asBoolean));
                yield found ? Result.pass() : new Result(false, "diagnostic setting", "none sends " + target + " logs to a workspace");
            }
            default -> throw new IllegalStateException("unknown baseline builtin " + name);
        };
    }

    /** A policy document's text, wherever the resource holds it. */
    private static String policyText(Resource r) {
        JsonNode in = r.inputs();
        if (in.has("value") && in.path("value").isTextual()) {
            return in.path("value").asText();
        }
        return in.path("properties").path("value").asText("");
    }

    private static Result policyBase(String xml) {
        ParsedPolicy policy = PolicyParser.parse("policy", xml);
        for (String section : SECTIONS) {
            PolicyNode node = policy.root().children().stream().filter(c -> c.name().equals(section)).findFirst().orElse(null);
            if (node == null || node.children().stream().noneMatch(c -> c.name().equals("base"))) {
                return new Result(false, "value: <" + section + ">", node == null ? "no section" : "no <base />");
            }
        }
        return Result.pass();
    }

    private static Result corsNoWildcard(String xml) {
        if (!xml.contains("<cors")) {
            return Result.pass();
        }
        ParsedPolicy policy = PolicyParser.parse("policy", xml);
        java.util.ArrayDeque<PolicyNode> todo = new java.util.ArrayDeque<>(List.of(policy.root()));
        while (!todo.isEmpty()) {
            PolicyNode n = todo.pop();
            if (Set.of("origin", "method", "header").contains(n.name()) && n.text().stream().anyMatch(t -> t.value().strip().equals("*"))) {
                return new Result(false, "cors " + n.name(), "*");
            }
            todo.addAll(n.children());
        }
        return Result.pass();
    }

    /** Paths written in code, as the rules file writes them. */
    static final class Json {
        private Json() {}

        static JsonNode text(String path) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(path);
        }
    }
}
