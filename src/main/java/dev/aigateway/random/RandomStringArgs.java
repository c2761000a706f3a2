package dev.aigateway.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Objects;

/** Inputs of {@link RandomString}; property names follow the provider schema. */
public final class RandomStringArgs extends ResourceArgs {

    @Import(name = "length", required = true)
    private Output<Integer> length;

    @Import(name = "lower")
    private Output<Boolean> lower;

    @Import(name = "upper")
    private Output<Boolean> upper;

    @Import(name = "numeric")
    private Output<Boolean> numeric;

    @Import(name = "special")
    private Output<Boolean> special;

    @Import(name = "keepers")
    private Output<Map<String, String>> keepers;

    private RandomStringArgs() {}

    public Output<Integer> length() { return length; }
    public Output<Boolean> lower() { return lower; }
    public Output<Boolean> upper() { return upper; }
    public Output<Boolean> numeric() { return numeric; }
    public Output<Boolean> special() { return special; }
    public Output<Map<String, String>> keepers() { return keepers; }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RandomStringArgs args = new RandomStringArgs();

        public Builder length(Output<Integer> length) { args.length = length; return this; }
        public Builder length(int length) { return length(Output.of(length)); }
        public Builder lower(Output<Boolean> lower) { args.lower = lower; return this; }
        public Builder lower(boolean lower) { return lower(Output.of(lower)); }
        public Builder upper(Output<Boolean> upper) { args.upper = upper; return this; }
        public Builder upper(boolean upper) { return upper(Output.of(upper)); }
        public Builder numeric(Output<Boolean> numeric) { args.numeric = numeric; return this; }
        public Builder numeric(boolean numeric) { return numeric(Output.of(numeric)); }
        public Builder special(Output<Boolean> special) { args.special = special; return this; }
        public Builder special(boolean special) { return special(Output.of(special)); }
        /** Values that force a new string when they change. */
        public Builder keepers(Output<Map<String, String>> keepers) { args.keepers = keepers; return this; }
        public Builder keepers(Map<String, String> keepers) { return keepers(Output.of(keepers)); }

        public RandomStringArgs build() {
            Objects.requireNonNull(args.length, "RandomStringArgs.length is required");
            return args;
        }
    }
}
