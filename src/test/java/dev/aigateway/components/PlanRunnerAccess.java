package dev.aigateway.components;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;

/** Reads a resolved Output after a mock run. */
final class PlanRunnerAccess {
    private PlanRunnerAccess() {}

    @SuppressWarnings("unchecked")
    static <T> T value(Output<T> output) {
        return (T) Internal.of(output).getDataAsync().join().getValueNullable();
    }
}
