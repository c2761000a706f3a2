package dev.aigateway.testkit;

import com.pulumi.Context;
import dev.aigateway.plan.Plan;
import dev.aigateway.plan.PlanMocks;
import dev.aigateway.plan.PlanRunner;
import java.util.List;
import java.util.function.Consumer;

/**
 * Testing your own stack that uses the components, under Pulumi's mock engine, as this project
 * tests its own: no Pulumi CLI, no Azure. The components read provider outputs (an account's
 * endpoint, a service's gateway URL, a subscription's keys) and call invokes (the deployer's client
 * config, an existing account, subscription secrets); plain Pulumi mocks return nothing for them and
 * the components fail. {@link #mocks()} returns what each of those reads, and {@link #plan} runs
 * your program against them and returns every registered resource with its inputs, the outputs,
 * and the verdict of the policy lint and expression compile.
 *
 * <pre>{@code
 * Plan plan = GatewayTestKit.plan(ctx -> { var gateway = new AiGateway("gateway", ...); ... });
 * assertThat(plan.lint().ok()).isTrue();
 * assertThat(GatewayTestKit.ofType(plan, "azure-native:apimanagement:Backend")).hasSize(2);
 * }</pre>
 */
public final class GatewayTestKit {
    private GatewayTestKit() {}

    /** Fresh mocks that answer what the components read; spy on them (Mockito) to verify what a program asked for. */
    public static PlanMocks mocks() {
        return new PlanMocks();
    }

    /** Run {@code program} as stack "test" under the mock engine. */
    public static Plan plan(Consumer<Context> program) {
        return plan("test", mocks(), program);
    }

    /** Run {@code program} as {@code stack} against {@code mocks}. */
    public static Plan plan(String stack, PlanMocks mocks, Consumer<Context> program) {
        return PlanRunner.run(stack, mocks, program);
    }

    /** The planned resources of one type token, such as {@code azure-native:apimanagement:Api}. */
    public static List<Plan.PlannedResource> ofType(Plan plan, String type) {
        return plan.resources().stream().filter(r -> r.type().equals(type)).toList();
    }
}
