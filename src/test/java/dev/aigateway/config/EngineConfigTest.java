package dev.aigateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.App;
import dev.aigateway.testing.StackFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pulumi up} reads the config the engine passes (every key, in PULUMI_CONFIG) and refuses
 * exactly what the offline plan refuses, with the same line.
 */
class EngineConfigTest {

    /** The dev stack's keys as the engine passes them, plus {@code extra}. */
    private static Map<String, String> devPlus(Map<String, String> extra) throws IOException {
        Map<String, String> env = EngineShape.environment(StackFiles.project("dev"));
        Map<String, String> keys = new LinkedHashMap<>(EngineConfig.keys(env.get(EngineConfig.CONFIG)));
        keys.putAll(extra);
        return EngineShape.environment("dev", keys, Path.of("").toAbsolutePath());
    }

    /** What `pulumi config set` writes: the key as given, and the YAML the stack file then holds. */
    static Stream<Arguments> keysNothingReads() {
        return Stream.of(
                Arguments.of("a misspelt key", "ai-gateway:tenant", "[]", "  ai-gateway:tenant: []\n",
                        "ai-gateway:tenant: unknown key; this version understands ai-gateway:gateway, ai-gateway:backends, "
                                + "ai-gateway:tenants, ai-gateway:mcpTools, ai-gateway:promptSafety (did you mean ai-gateway:tenants?) (got [])"),
                Arguments.of("a misspelt namespace", "ai-gatway:tenants", "[]", "  ai-gatway:tenants: []\n",
                        "ai-gatway:tenants: is in namespace \"ai-gatway\", one edit from ai-gateway, so nothing would read it; "
                                + "did you mean ai-gateway:tenants? (got [])"),
                Arguments.of("a dotted key set without --path", "ai-gateway:gateway.sku", "Premium", "  ai-gateway:gateway.sku: Premium\n",
                        "ai-gateway:gateway.sku: is a path, not a key: set it with `pulumi config set --path 'ai-gateway:gateway.sku' "
                                + "<value>` (without --path the whole text is one key, which nothing reads) (got \"Premium\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysNothingReads")
    void refusedUnderTheEngineWithTheSameLineAsThePlan(String what, String key, String value, String yaml, String expected,
            @TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> EngineConfig.read(devPlus(Map.of(key, value)), w -> {})).isInstanceOf(ConfigException.class)
                .hasMessage(expected);
        String stackFile = Files.readString(StackFiles.project("dev")).replace("  ai-gateway:backends:\n", yaml + "  ai-gateway:backends:\n");
        Files.createDirectories(dir.resolve("specs"));
        Files.copy(Path.of("specs/petstore.yaml"), dir.resolve("specs/petstore.yaml"));
        StringWriter err = new StringWriter();
        int code = App.execute(new String[] {"plan", "--config", StackFiles.write(dir, "dev", stackFile).toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: " + expected + System.lineSeparator());
    }

    @Test
    void valuesTheEngineHandsOverAreCheckedLikeTheStackFilesOnes() throws Exception {
        Map<String, String> env = EngineShape.environment(StackFiles.project("dev"));
        String gateway = EngineConfig.keys(env.get(EngineConfig.CONFIG)).get("ai-gateway:gateway");
        assertThatThrownBy(() -> EngineConfig.read(devPlus(Map.of("ai-gateway:gateway", gateway.replace("}", ",\"protect\":null}"))), w -> {}))
                .hasMessage("ai-gateway:gateway.protect: must not be null: remove the key to take its default (got null)");
        assertThatThrownBy(() -> EngineConfig.read(devPlus(Map.of("ai-gateway:gateway", gateway.replace("Example Platform", "Example \\u001b[2J"))),
                w -> {})).hasMessage("ai-gateway:gateway.publisherName: must not contain control characters or non-characters in its value "
                        + "(got U+001B at character 9)");
        assertThatThrownBy(() -> EngineConfig.read(devPlus(Map.of("ai-gateway:gateway", gateway.replace("}", ",\"sku\":\"Basic\"}"))), w -> {}))
                .hasMessageStartingWith("ai-gateway:gateway: must not give a key twice: Duplicate field 'sku'");
    }

    @Test
    void olderKeysWithConfigInThemAreReadAsTheSdkReadsThem() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        EngineConfig.keys(EngineShape.environment(StackFiles.project("dev")).get(EngineConfig.CONFIG))
                .forEach((k, v) -> keys.put(k.replaceFirst(":", ":config:"), v));
        GatewayConfig c = EngineConfig.read(EngineShape.environment("dev", keys, Path.of("").toAbsolutePath()), w -> {});
        assertThat(c).isEqualTo(GatewayConfig.fromStackFile(StackFiles.project("dev")));
    }

    @Test
    void providerKeysThatAreNoSettingAreWarnedAboutOnly() throws Exception {
        List<String> warnings = new ArrayList<>();
        GatewayConfig c = EngineConfig.read(devPlus(Map.of("azure-native:subscriptionid", "x", "azure-native:clientId", "y")), warnings::add);
        assertThat(c.stack()).isEqualTo("dev");
        assertThat(warnings).containsExactly(
                "warning: azure-native:subscriptionid: not a setting of the azure-native provider; did you mean azure-native:subscriptionId?");
    }

    @Test
    void withoutAStackTheProgramSaysItNeedsTheEngine() {
        assertThatThrownBy(() -> EngineConfig.read(Map.of(), w -> {}))
                .hasMessage("PULUMI_STACK: is required: the program reads its stack from the engine (run it with pulumi up or preview) (got nothing)");
    }

    /**
     * The program itself, as the language host starts it: it refuses before it contacts the engine
     * (there is none here), with one line and exit code 2.
     */
    @Test
    void theProgramRefusesADottedKeyBeforeContactingTheEngine() throws Exception {
        Map<String, String> env = devPlus(Map.of("ai-gateway:gateway.sku", "Premium"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), App.class.getName());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("error: ai-gateway:gateway.sku: is a path, not a key: set it with `pulumi config set --path "
                + "'ai-gateway:gateway.sku' <value>` (without --path the whole text is one key, which nothing reads) (got \"Premium\")\n");
    }
}
