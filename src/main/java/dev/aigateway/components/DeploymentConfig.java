package dev.aigateway.components;

import dev.aigateway.components.Enums.DeploymentSku;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One model deployment on a Cognitive Services account.
 *
 * @param name     the deployment name clients call
 * @param capacity thousands of tokens per minute for Standard SKUs, units for provisioned ones
 * @param priority the backend's priority for this deployment, when it differs from the backend's own
 * @param weight   the backend's weight for this deployment, when it differs from the backend's own
 */
public record DeploymentConfig(String name, String model, String version, DeploymentSku sku, int capacity, Optional<Integer> priority,
        Optional<Integer> weight) {

    /** A deployment routed with its backend's priority and weight. */
    public DeploymentConfig(String name, String model, String version, DeploymentSku sku, int capacity) {
        this(name, model, version, sku, capacity, Optional.empty(), Optional.empty());
    }

    public static final DeploymentSku DEFAULT_SKU = DeploymentSku.Standard;
    public static final int MAX_CAPACITY = 100_000;

    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern MODEL = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$");

    /** Throws {@link InvalidInputException} for the first field that breaks its rule; keys are the field names. */
    public void check() {
        Check.matches("name", name, NAME, "must be 1-64 letters, digits, '_', '.' or '-'");
        Check.matches("model", model, MODEL, "must be a model name such as gpt-4o");
        Check.matches("version", version, VERSION, "must be a model version such as 2024-11-20");
        Check.required("sku", sku);
        Check.range("capacity", capacity, 1, MAX_CAPACITY);
        Check.required("priority", priority).ifPresent(p -> Check.range("priority", p, 1, BackendConfig.MAX_PRIORITY));
        Check.required("weight", weight).ifPresent(w -> Check.range("weight", w, 1, BackendConfig.MAX_WEIGHT));
    }
}
