package dev.aigateway.random;

import com.pulumi.resources.CustomResourceOptions;

/** The pinned pulumi-random provider version; the engine installs this plugin for the resources. */
public final class RandomProvider {
    /** Kept equal to {@code com/pulumi/random/plugin.json}. */
    public static final String VERSION = "4.16.7";

    private RandomProvider() {}

    static CustomResourceOptions pinVersion(CustomResourceOptions options) {
        return CustomResourceOptions.merge(options, CustomResourceOptions.builder().version(VERSION).build());
    }
}
