package dev.aigateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.StringLength;

/** Tool names stay valid for any operationId or path an OpenAPI document may hold. */
class ToolNamePropertiesTest {

    @Property
    void anyOperationIdBecomesAValidName(@ForAll @NotEmpty @StringLength(max = 300) String operationId) {
        assertThat(McpTools.sanitize(operationId)).matches(McpTools.TOOL_NAME);
    }

    @Property
    void anyPathGivesAValidDerivedName(@ForAll("methods") String method, @ForAll @StringLength(max = 300) String path) {
        assertThat(McpTools.derivedName(method, "/" + path)).matches(McpTools.TOOL_NAME).startsWith(method);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> methods() {
        return net.jqwik.api.Arbitraries.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    }
}
