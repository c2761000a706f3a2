package dev.aigateway.config;

import dev.aigateway.config.Enums.DeploymentSku;

/** One model deployment on a Cognitive Services account. */
public record DeploymentConfig(String name, String model, String version, DeploymentSku sku, int capacity) {}
