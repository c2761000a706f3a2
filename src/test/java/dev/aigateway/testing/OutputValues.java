package dev.aigateway.testing;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;

/** The value of a resolved Output, after a mock run. */
public final class OutputValues {
    private OutputValues() {}

    @SuppressWarnings("unchecked")
    public static <T> T value(Output<T> output) {
        return (T) Internal.of(output).getDataAsync().join().getValueNullable();
    }
}
