package dev.aigateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Any string a stack file can carry is either read back exactly or refused naming its key, never altered. */
class StrictYamlPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean clean(String s) {
        return s.codePoints().noneMatch(ConfigValues::forbidden);
    }

    /** A double-quoted YAML scalar with JSON's escapes, which YAML's double-quoted style shares. */
    private static String quoted(String s) throws Exception {
        return JSON.writeValueAsString(TextNode.valueOf(s));
    }

    @Property(tries = 1000)
    void quotedStringsAreReadBackExactlyOrRefusedNamingTheKey(@ForAll @StringLength(max = 40) String s) throws Exception {
        String yaml = "config:\n  ai-gateway:gateway:\n    publisherName: " + quoted(s) + "\n";
        if (clean(s)) {
            assertThat(StrictYaml.read(yaml, "Pulumi.p.yaml").get("config").get("ai-gateway:gateway").get("publisherName").asText())
                    .isEqualTo(s);
            ConfigValues.check("ai-gateway:gateway", StrictYaml.read(yaml, "Pulumi.p.yaml").get("config").get("ai-gateway:gateway"));
        } else {
            assertThatThrownBy(() -> ConfigValues.check("ai-gateway:gateway",
                    StrictYaml.read(yaml, "Pulumi.p.yaml").get("config").get("ai-gateway:gateway")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("ai-gateway:gateway.publisherName: must not contain control characters or non-characters");
        }
    }

    @Property(tries = 300)
    void aValueLongerThanTheLimitIsRefusedBeforeReadingNamingItsKey(@ForAll @StringLength(min = 4097, max = 20000) String s) {
        String value = s.replaceAll("[^a-z]", "a");
        String yaml = "config:\n  ai-gateway:backends:\n    - name: x\n      location: " + value + "\n";
        assertThatThrownBy(() -> StrictYaml.read(yaml, "Pulumi.p.yaml"))
                .hasMessageStartingWith("ai-gateway:backends[0].location: must be at most 4096 characters long");
    }
}
