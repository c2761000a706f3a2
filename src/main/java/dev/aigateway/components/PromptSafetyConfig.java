package dev.aigateway.components;

import java.util.List;

/**
 * {@code ai-gateway:promptSafety}: every prompt to the model API screened with Azure AI Content
 * Safety before any backend is called: harm categories (text:analyze) and, when on, Prompt
 * Shields against jailbreak attempts (text:shieldPrompt).
 *
 * @param categories    the harm categories screened (Hate, SelfHarm, Sexual, Violence)
 * @param threshold     the severity (0-7) from which a prompt is refused
 * @param promptShields whether jailbreak attempts are refused too
 * @param failOpen      whether a prompt is let through when the screening service does not answer
 *                      (the default refuses it: fail closed)
 */
public record PromptSafetyConfig(List<String> categories, int threshold, boolean promptShields, boolean failOpen) {
    public static final boolean DEFAULT_PROMPT_SHIELDS = true;
    public static final boolean DEFAULT_FAIL_OPEN = false;

    /** Every category at the default threshold, with Prompt Shields, failing closed: what {@code promptSafety: true} means. */
    public static PromptSafetyConfig standard() {
        return new PromptSafetyConfig(McpToolConfig.ContentSafety.CATEGORIES, McpToolConfig.ContentSafety.DEFAULT_THRESHOLD,
                DEFAULT_PROMPT_SHIELDS, DEFAULT_FAIL_OPEN);
    }

    /** Throws {@link InvalidInputException} for the first field that breaks its rule. */
    public void check() {
        new McpToolConfig.ContentSafety(categories, threshold).check();
    }
}
