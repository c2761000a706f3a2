package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import dev.aigateway.plan.Plan;
import dev.aigateway.plan.PlanMocks;
import dev.aigateway.testkit.GatewayTestKit;
import org.junit.jupiter.api.Test;

/** The stack of Main under the mock engine, through the library's test kit, as a consumer tests their own. */
class MainTest {

    @Test
    void theStackPlansCleanly() {
        Plan plan = GatewayTestKit.plan(Main::stack);
        assertThat(plan.lint().ok()).isTrue();
        assertThat(plan.outputs()).containsEntry("petstoreMcp", "https://contoso-ai-gw.azure-api.net/petstore-mcp/mcp");
        assertThat(plan.outputs()).containsEntry("endpoint", "https://contoso-ai-gw.azure-api.net/openai").containsEntry("keys", "[secret]");
        // The existing account gets a role and a backend; nothing is deployed on it.
        assertThat(plan.resources()).extracting(Plan.PlannedResource::name).contains("openai-shared-backend", "openai-sweden-embed")
                .doesNotContain("openai-shared-account", "openai-france-embed");
        assertThat(GatewayTestKit.ofType(plan, "azure-native:apimanagement:Backend")).hasSize(3);
        // The tenant's product links the MCP server, whose tools are the two operations named.
        assertThat(GatewayTestKit.ofType(plan, "azure-native:apimanagement:ProductApi"))
                .anySatisfy(link -> assertThat(link.inputs()).containsEntry("apiId", "petstore-mcp"));
    }

    @Test
    void theTestKitsMocksAnswerTheInvokesTheComponentsMakeAndCanBeSpiedOn() {
        PlanMocks mocks = spy(GatewayTestKit.mocks());
        GatewayTestKit.plan("test", mocks, Main::stack);
        // The existing account is looked up, and the tenant's subscription keys are read.
        verify(mocks, atLeastOnce()).callAsync(argThat(call -> call.token.equals("azure-native:cognitiveservices:getAccount")));
        verify(mocks, atLeastOnce()).callAsync(argThat(call -> call.token.equals("azure-native:apimanagement:listSubscriptionSecrets")));
        verify(mocks, atLeastOnce()).newResourceAsync(argThat(r -> r.type.equals("azure-native:apimanagement:ApiManagementService")));
    }

    /** The library brings what it needs and nothing the command line alone needs. */
    @Test
    void theLibraryBringsNoCommandLineParserAndNoLoggingBinding() {
        assertThatThrownBy(() -> Class.forName("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.slf4j.nop.NOPServiceProvider")).isInstanceOf(ClassNotFoundException.class);
    }
}
