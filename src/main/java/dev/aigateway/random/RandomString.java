package dev.aigateway.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The pulumi-random provider's RandomString, bound by hand because {@code com.pulumi:random} is
 * not available to this build. Same type token and property names as the official SDK, so
 * replacing it is an import change.
 */
@ResourceType(type = RandomString.TYPE, version = RandomProvider.VERSION)
public class RandomString extends CustomResource {
    public static final String TYPE = "random:index/randomString:RandomString";

    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    @Export(name = "length", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> length;

    public RandomString(String name, RandomStringArgs args) {
        this(name, args, null);
    }

    public RandomString(String name, RandomStringArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, RandomProvider.pinVersion(options));
    }

    /** The generated string. */
    public Output<String> result() {
        return result;
    }

    public Output<Integer> length() {
        return length;
    }
}
