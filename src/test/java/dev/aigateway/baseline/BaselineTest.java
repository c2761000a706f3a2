package dev.aigateway.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigateway.baseline.Baseline.Status;
import dev.aigateway.baseline.Baseline.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator on small hand-written plans: each kind of check, applicability, and the cross-resource rules. */
class BaselineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode plan(String resources) throws Exception {
        return JSON.readTree("{\"resources\": [" + resources.replace('\'', '"') + "]}");
    }

    private static Verdict verdict(JsonNode plan, String rule) {
        return Baseline.evaluate(plan).stream().filter(v -> v.rule().equals(rule)).findFirst().orElseThrow();
    }

    private static String resource(String type, String name, String inputs) {
        return "{'type': '" + type + "', 'name': '" + name + "', 'inputs': " + inputs + "}";
    }

    private static final String APIM = "azure-native:apimanagement:ApiManagementService";
    private static final String ACCOUNT = "azure-native:cognitiveservices:Account";

    @Test
    void aRuleWhoseResourceIsAbsentDoesNotApplyAndSaysWhy() throws Exception {
        Verdict v = verdict(plan(""), "Azure.APIM.EncryptValues");
        assertThat(v.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(v.reason()).isEqualTo("the stack defines no named values");
    }

    @Test
    void aRuleForAnotherTierDoesNotApply() throws Exception {
        JsonNode p = plan(resource(APIM, "apim", "{'sku': {'name': 'Developer', 'capacity': 1}}"));
        assertThat(verdict(p, "Azure.APIM.AvailabilityZone").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(verdict(p, "Azure.APIM.AvailabilityZone").reason()).isEqualTo("availability zones need the Premium tier");
    }

    @Test
    void premiumNeedsAsManyUnitsAsZones() throws Exception {
        Verdict fail = verdict(plan(resource(APIM, "apim", "{'sku': {'name': 'Premium', 'capacity': 1}, 'zones': ['1', '2']}")),
                "Azure.APIM.AvailabilityZone");
        assertThat(fail.status()).isEqualTo(Status.FAIL);
        assertThat(fail.failures()).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(APIM + " apim");
            assertThat(f.input()).isEqualTo("sku.capacity");
        });
        assertThat(verdict(plan(resource(APIM, "apim", "{'sku': {'name': 'Premium', 'capacity': 2}, 'zones': ['1', '2']}")),
                "Azure.APIM.AvailabilityZone").status()).isEqualTo(Status.PASS);
    }

    @Test
    void everyListElementIsChecked() throws Exception {
        String on = "{'sku': {'name': 'Premium', 'capacity': 2}, 'additionalLocations': [{'location': 'x', 'disableGateway': false}]}";
        String off = "{'sku': {'name': 'Premium', 'capacity': 2}, 'additionalLocations': [{'location': 'x'}, {'location': 'y', 'disableGateway': true}]}";
        assertThat(verdict(plan(resource(APIM, "apim", on)), "Azure.APIM.MultiRegion").status()).isEqualTo(Status.PASS);
        assertThat(verdict(plan(resource(APIM, "apim", off)), "Azure.APIM.MultiRegion").failures())
                .extracting(Baseline.Failure::input).containsExactly("additionalLocations[*].disableGateway");
    }

    @Test
    void numbersCompareByValueAndKeysWithDotsAreRead() throws Exception {
        JsonNode p = plan(resource("azure-native:apimanagement:Diagnostic", "d", "{'metrics': true, 'loggerId': 'l', "
                + "'frontend': {'request': {'body': {'bytes': 0}}, 'response': {'body': {'bytes': 0}}}, "
                + "'backend': {'request': {'body': {'bytes': 0}}, 'response': {'body': {'bytes': 8192}}}}"));
        assertThat(verdict(p, "APIM.CustomMetrics").failures()).extracting(Baseline.Failure::input, Baseline.Failure::got)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("backend.response.body.bytes", "8192"));
        JsonNode ciphers = plan(resource(APIM, "apim", "{'customProperties': {'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Ssl30': 'True'}}"));
        assertThat(verdict(ciphers, "Azure.APIM.Protocols").failures()).extracting(Baseline.Failure::input)
                .contains("customProperties.Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Ssl30");
    }

    @Test
    void privateEndpointsAreMatchedToTheirAccount() throws Exception {
        String account = resource(ACCOUNT, "a", "{'accountName': 'acct', 'properties': {'publicNetworkAccess': 'Disabled'}}");
        String endpoint = resource("azure-native:network:PrivateEndpoint", "pe", "{'privateLinkServiceConnections': [{'privateLinkServiceId': "
                + "'/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct', 'groupIds': ['account']}]}");
        String elsewhere = endpoint.replace("accounts/acct", "accounts/other");
        assertThat(verdict(plan(account + "," + endpoint), "Azure.AI.PrivateEndpoints").status()).isEqualTo(Status.PASS);
        assertThat(verdict(plan(account + "," + elsewhere), "Azure.AI.PrivateEndpoints").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void roleAssignmentNamesMustBeTheGuidOfScopePrincipalAndRole() throws Exception {
        String role = "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
        String good = Builtins.roleAssignmentName("/scope/a", "p1", role);
        String assignment = "{'scope': '/scope/a', 'principalId': 'p1', 'principalType': 'ServicePrincipal', 'roleDefinitionId': '" + role
                + "', 'roleAssignmentName': '%s'}";
        assertThat(verdict(plan(resource("azure-native:authorization:RoleAssignment", "r", String.format(assignment, good))),
                "Azure.RBAC.DeterministicName").status()).isEqualTo(Status.PASS);
        // Another principal on the same scope and role gets another name: two stacks sharing an account never collide.
        assertThat(Builtins.roleAssignmentName("/scope/a", "p2", role)).isNotEqualTo(good);
        String owner = String.format(assignment, good).replace("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
        assertThat(verdict(plan(resource("azure-native:authorization:RoleAssignment", "r", owner)), "Azure.RBAC.LeastPrivilege").status())
                .isEqualTo(Status.FAIL);
    }

    @Test
    void policiesKeepBaseInEverySectionAndCorsNeverAllowsEverything() throws Exception {
        String full = "<policies><inbound><base /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>";
        String noBackendBase = full.replace("<backend><base /></backend>", "<backend><forward-request /></backend>");
        assertThat(verdict(plan(resource("azure-native:apimanagement:ApiPolicy", "p", "{'value': '" + full + "'}")), "Azure.APIM.PolicyBase")
                .status()).isEqualTo(Status.PASS);
        assertThat(verdict(plan(resource("azure-native:apimanagement:ApiPolicy", "p", "{'value': '" + noBackendBase + "'}")),
                "Azure.APIM.PolicyBase").failures()).extracting(Baseline.Failure::input).containsExactly("value: <backend>");
        String cors = full.replace("<inbound><base />", "<inbound><base /><cors><allowed-origins><origin>*</origin></allowed-origins></cors>");
        assertThat(verdict(plan(resource("azure-native:apimanagement:ApiPolicy", "p", "{'value': '" + cors + "'}")), "Azure.APIM.CORSPolicy")
                .status()).isEqualTo(Status.FAIL);
    }

    @Test
    void ruleIdsAreUnique() {
        List<String> ids = Baseline.evaluate(JSON.createObjectNode()).stream().map(Verdict::rule).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(Baseline.ruleCount());
    }
}
