package dev.aigateway.components;

import com.pulumi.azurenative.cognitiveservices.Account;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.aigateway.policy.Fragment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prompt screening for the model API: a Content Safety account the gateway's identity may call,
 * and the fragment ({@value #FRAGMENT}) the Azure OpenAI API's policy includes, which refuses a
 * prompt in a harm category at or over the threshold, or a jailbreak attempt, with Azure OpenAI's
 * content-filter error, before any backend is called.
 */
public final class PromptSafety extends ComponentResource {
    public static final String TYPE = "ai-gateway:index:PromptSafety";
    public static final String FRAGMENT = "aigw-prompt-safety";
    /** text:analyze and text:shieldPrompt accept at most 10,000 characters. */
    static final int MAX_SCREENED_CHARACTERS = 10_000;

    /** The Content Safety account. */
    public final Account account;
    /** The rendered fragment, which the pool's API policy includes. */
    public final Fragment fragment;
    /** What a policy including the fragment must wait for: the fragment's deployment and the role assignment. */
    public final List<Resource> dependencies;

    public PromptSafety(String name, PromptSafetyArgs args) {
        this(name, args, null);
    }

    public PromptSafety(String name, PromptSafetyArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        AiGateway gateway = args.gateway();
        PromptSafetyConfig config = args.config();
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        Output<String> accountName = args.nameSuffix().applyValue(s -> args.namePrefix() + "-cs-prompts-" + s);
        ContentSafetyAccount cs = ContentSafetyAccount.create(name + "-content-safety", accountName, args.location(), gateway,
                args.protect(), this, "ai-gateway: APIM screens prompts to the model API with its managed identity");
        this.account = cs.account();
        this.fragment = Fragment.render(FRAGMENT, "fragments/prompt-safety.xml", Map.of(
                "categories", String.join(",", config.categories()),
                "threshold", config.threshold(),
                "promptShields", config.promptShields(),
                "failOpen", config.failOpen(),
                "maxCharacters", MAX_SCREENED_CHARACTERS), cs.late(gateway), ContentSafetyAccount.samples(gateway));
        List<Resource> deps = new ArrayList<>(FragmentDeployments.register(name, Map.of(FRAGMENT, fragment), gateway.resourceGroupName,
                gateway.serviceName, child));
        deps.add(cs.role());
        this.dependencies = List.copyOf(deps);
        registerOutputs(Map.of("accountId", account.id()));
    }
}
