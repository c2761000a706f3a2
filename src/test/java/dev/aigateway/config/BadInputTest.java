package dev.aigateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.App;
import dev.aigateway.testing.StackFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad value is rejected through the real command line: exit code 2, exactly one line on
 * stderr naming the key, the rule and the value, nothing on stdout (so nothing was planned).
 */
class BadInputTest {
    private static final String FRANCE = """
                - name: france
                  location: francecentral
                  priority: 2
                  deployments:
                    - { name: gpt-4o, model: gpt-4o, version: "2024-11-20", sku: GlobalStandard, capacity: 10 }
            """;
    private static final String EXISTING = """
                - name: shared
                  existingAccountId: /subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/aoai-shared
            """;
    private static final String SERVES_GPT4O = "      deployments: [gpt-4o]\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("missing location", "  azure-native:location: swedencentral\n", "",
                        "azure-native:location: is required (got nothing)"),
                bad("location not a region", "azure-native:location: swedencentral", "azure-native:location: Sweden Central",
                        "azure-native:location: must be an Azure region name such as swedencentral (got \"Sweden Central\")"),
                bad("missing publisher email", "    publisherEmail: platform@example.com\n", "",
                        "ai-gateway:gateway.publisherEmail: is required (got nothing)"),
                bad("malformed email", "publisherEmail: platform@example.com", "publisherEmail: platform.example.com",
                        "ai-gateway:gateway.publisherEmail: must be an email address (got \"platform.example.com\")"),
                bad("empty publisher name", "publisherName: Example Platform", "publisherName: \"  \"",
                        "ai-gateway:gateway.publisherName: must not be empty (got \"  \")"),
                bad("unknown sku", "publisherName: Example Platform", "publisherName: Example Platform\n    sku: Consumption",
                        "ai-gateway:gateway.sku: must be one of Developer, Basic, Standard, Premium (got \"Consumption\")"),
                bad("capacity above the sku's limit", "publisherName: Example Platform", "publisherName: Example Platform\n    capacity: 2",
                        "ai-gateway:gateway.capacity: must be at most 1 units for sku Developer (got 2)"),
                bad("capacity zero", "publisherName: Example Platform", "publisherName: Example Platform\n    sku: Premium\n    capacity: 0",
                        "ai-gateway:gateway.capacity: must be at least 1 (got 0)"),
                bad("capacity not a number", "publisherName: Example Platform", "publisherName: Example Platform\n    capacity: two",
                        "ai-gateway:gateway.capacity: must be a whole number (got \"two\")"),
                bad("unknown identity", "publisherName: Example Platform", "publisherName: Example Platform\n    identity: None",
                        "ai-gateway:gateway.identity: must be one of SystemAssigned, UserAssigned (got \"None\")"),
                bad("streaming not a boolean", "publisherName: Example Platform", "publisherName: Example Platform\n    streaming: yes please",
                        "ai-gateway:gateway.streaming: must be true or false (got \"yes please\")"),
                bad("unknown gateway key", "publisherName: Example Platform", "publisherName: Example Platform\n    colour: blue",
                        "ai-gateway:gateway.colour: unknown key; expected one of additionalLocations, backendTimeoutSeconds, capacity, "
                                + "identity, namePrefix, network, openAiSpecVersion, protect, publisherEmail, publisherName, resourceGroupName, "
                                + "sku, streaming, throttleSeconds, zones (got \"blue\")"),
                bad("zones on a tier without them", "publisherName: Example Platform", "publisherName: Example Platform\n    zones: [1, 2]",
                        "ai-gateway:gateway.zones: needs sku Premium (got sku Developer) (got [1,2])"),
                bad("a network without its mode", "publisherName: Example Platform", "publisherName: Example Platform\n    network:\n"
                                + "      subnetId: /subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apim\n"
                                + "      privateEndpointSubnetId: /subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",
                        "ai-gateway:gateway.network.mode: is required (got nothing)"),
                bad("unknown top-level key", "  ai-gateway:backends:", "  ai-gateway:colour: blue\n  ai-gateway:backends:",
                        "ai-gateway:colour: unknown key; this version understands ai-gateway:gateway, ai-gateway:backends, ai-gateway:tenants, ai-gateway:mcpTools, ai-gateway:promptSafety (got \"blue\")"),
                bad("name prefix invalid", "publisherName: Example Platform", "publisherName: Example Platform\n    namePrefix: AI-GW",
                        "ai-gateway:gateway.namePrefix: must be 2-12 lowercase letters or digits, starting with a letter (got \"AI-GW\")"),
                bad("spec version not a date", "publisherName: Example Platform", "publisherName: Example Platform\n    openAiSpecVersion: latest",
                        "ai-gateway:gateway.openAiSpecVersion: must be an inference API version such as 2024-02-01 or 2025-03-01-preview (got \"latest\")"),
                bad("throttle zero", "publisherName: Example Platform", "publisherName: Example Platform\n    throttleSeconds: 0",
                        "ai-gateway:gateway.throttleSeconds: must be at least 1 (got 0)"),
                bad("timeout beyond what the network honours", "publisherName: Example Platform",
                        "publisherName: Example Platform\n    backendTimeoutSeconds: 600",
                        "ai-gateway:gateway.backendTimeoutSeconds: must be at most 240 (got 600)"),
                bad("no backends", StackFiles.VALID.substring(StackFiles.VALID.indexOf("  ai-gateway:backends:")),
                        "  ai-gateway:backends: []\n",
                        "ai-gateway:backends: must have at least 1 entry (got [])"),
                bad("duplicate backend name", "name: france", "name: sweden",
                        "ai-gateway:backends[1].name: must be unique among backends (got \"sweden\")"),
                bad("backend name with capitals", "name: france", "name: France_1",
                        "ai-gateway:backends[1].name: must be 1-32 lowercase letters, digits or '-', not starting or ending with '-' (got \"France_1\")"),
                bad("priority zero", "priority: 2", "priority: 0",
                        "ai-gateway:backends[1].priority: must be at least 1 (got 0)"),
                bad("weight zero", "priority: 2", "priority: 2\n      weight: 0",
                        "ai-gateway:backends[1].weight: must be at least 1 (got 0)"),
                bad("unknown account kind", "priority: 2", "priority: 2\n      kind: GPT",
                        "ai-gateway:backends[1].kind: must be one of OpenAI, AIServices (got \"GPT\")"),
                bad("deployment capacity zero", "sku: GlobalStandard, capacity: 10 }\n", "sku: GlobalStandard, capacity: 0 }\n",
                        "ai-gateway:backends[1].deployments[0].capacity: must be at least 1 (got 0)", true),
                bad("deployment sku unknown", "sku: GlobalStandard, capacity: 10 }\n", "sku: Turbo, capacity: 10 }\n",
                        "ai-gateway:backends[0].deployments[0].sku: must be one of Standard, GlobalStandard, DataZoneStandard, "
                                + "ProvisionedManaged, GlobalProvisionedManaged, DataZoneProvisionedManaged, GlobalBatch, "
                                + "DataZoneBatch (got \"Turbo\")"),
                bad("deployment without model", "{ name: gpt-4o, model: gpt-4o,", "{ name: gpt-4o,",
                        "ai-gateway:backends[0].deployments[0].model: is required (got nothing)"),
                bad("new account without deployments", FRANCE,
                        "    - name: france\n      location: francecentral\n      priority: 2\n",
                        "ai-gateway:backends[1].deployments: is required (got nothing)"),
                bad("duplicate deployment name", FRANCE, FRANCE
                                + "        - { name: gpt-4o, model: gpt-4o-mini, version: \"2024-07-18\", capacity: 10 }\n",
                        "ai-gateway:backends[1].deployments[1].name: must be unique within the backend (got \"gpt-4o\")"),
                bad("deployment priority zero", "sku: GlobalStandard, capacity: 10 }\n", "sku: GlobalStandard, capacity: 10, priority: 0 }\n",
                        "ai-gateway:backends[1].deployments[0].priority: must be at least 1 (got 0)", true),
                bad("deployment weight not a number", "sku: GlobalStandard, capacity: 10 }\n", "sku: GlobalStandard, capacity: 10, weight: most }\n",
                        "ai-gateway:backends[0].deployments[0].weight: must be a whole number (got \"most\")"),
                bad("unknown deployment key", "sku: GlobalStandard, capacity: 10 }\n", "sku: GlobalStandard, capacity: 10, region: eu }\n",
                        "ai-gateway:backends[0].deployments[0].region: unknown key; expected one of capacity, model, name, priority, sku, "
                                + "version, weight (got \"eu\")"),
                bad("malformed existing account id", FRANCE,
                        "    - name: shared\n      existingAccountId: /subscriptions/abc/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/x\n",
                        "ai-gateway:backends[1].existingAccountId: must be a resource id /subscriptions/<guid>/resourceGroups/<rg>"
                                + "/providers/Microsoft.CognitiveServices/accounts/<name> (got \"/subscriptions/abc/resourceGroups/rg"
                                + "/providers/Microsoft.CognitiveServices/accounts/x\")"),
                bad("existing account with deployments to create", FRANCE,
                        EXISTING + "      deployments:\n        - { name: gpt-4o, model: gpt-4o, version: \"1\", capacity: 1 }\n",
                        "ai-gateway:backends[1].deployments[0]: is not allowed with existingAccountId: an existing account is used "
                                + "as it is; list the names of the deployments it serves (got {\"name\":\"gpt-4o\",\"model\":\"gpt-4o\",\"version\":\"1\",\"capacity\":1})"),
                bad("existing account not saying what it serves", FRANCE, EXISTING,
                        "ai-gateway:backends[1].deployments: is required for an existing account: the names of the deployments it serves (got nothing)"),
                bad("existing account serving a name twice", FRANCE, EXISTING + "      deployments: [gpt-4o, gpt-4o]\n",
                        "ai-gateway:backends[1].deployments[1]: must be unique within the backend (got \"gpt-4o\")"),
                bad("existing account with a location", FRANCE, EXISTING + SERVES_GPT4O + "      location: eastus\n",
                        "ai-gateway:backends[1].location: is not allowed with existingAccountId: an existing account is used as it is (got \"eastus\")"),
                bad("same existing account twice", FRANCE, EXISTING + SERVES_GPT4O + EXISTING.replace("name: shared", "name: shared-again") + SERVES_GPT4O,
                        "ai-gateway:backends[2].existingAccountId: must be unique among backends (got \"/subscriptions/3f2b8c1e-5d4a-"
                                + "4e6f-9a7b-2c1d0e9f8a7b/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/aoai-shared\")"),
                tenant("duplicate tenant names",
                        "    - { name: contoso, tokensPerMinute: 1000 }\n    - { name: contoso, tokensPerMinute: 2000 }\n",
                        "ai-gateway:tenants[1].name: must be unique among tenants (got \"contoso\")"),
                tenant("tenant name not a product id", "    - { name: Contoso Ltd, tokensPerMinute: 1000 }\n",
                        "ai-gateway:tenants[0].name: must be a valid APIM product id: 1-48 lowercase letters, digits or '-', "
                                + "not starting or ending with '-' (got \"Contoso Ltd\")"),
                tenant("tenant named like a sample product", "    - { name: starter, tokensPerMinute: 1000 }\n",
                        "ai-gateway:tenants[0].name: must not be the name of an APIM sample product (starter, unlimited) (got \"starter\")"),
                tenant("limit zero", "    - { name: contoso, tokensPerMinute: 0 }\n",
                        "ai-gateway:tenants[0].tokensPerMinute: must be at least 1 (got 0)"),
                tenant("limit missing", "    - { name: contoso }\n",
                        "ai-gateway:tenants[0].tokensPerMinute: is required (got nothing)"),
                tenant("quota zero", "    - { name: contoso, tokensPerMinute: 1000, tokenQuota: 0, tokenQuotaPeriod: Daily }\n",
                        "ai-gateway:tenants[0].tokenQuota: must be at least 1 (got 0)"),
                tenant("quota without period", "    - { name: contoso, tokensPerMinute: 1000, tokenQuota: 50000 }\n",
                        "ai-gateway:tenants[0].tokenQuotaPeriod: is required with tokenQuota: one of Hourly, Daily, Weekly, "
                                + "Monthly, Yearly (got nothing)"),
                tenant("period without quota", "    - { name: contoso, tokensPerMinute: 1000, tokenQuotaPeriod: Daily }\n",
                        "ai-gateway:tenants[0].tokenQuota: is required with tokenQuotaPeriod (got nothing)"),
                tenant("unknown period", "    - { name: contoso, tokensPerMinute: 1000, tokenQuota: 50000, tokenQuotaPeriod: Fortnightly }\n",
                        "ai-gateway:tenants[0].tokenQuotaPeriod: must be one of Hourly, Daily, Weekly, Monthly, Yearly (got \"Fortnightly\")"),
                tenant("quota below one minute's limit",
                        "    - { name: contoso, tokensPerMinute: 10000, tokenQuota: 5000, tokenQuotaPeriod: Monthly }\n",
                        "ai-gateway:tenants[0].tokenQuota: must be at least tokensPerMinute (10000): a quota below one minute's "
                                + "limit leaves the limit meaningless (got 5000)"),
                tenant("unknown API", "    - { name: contoso, tokensPerMinute: 1000, apis: [azure-openai, petstore] }\n",
                        "ai-gateway:tenants[0].apis[1]: must name an API of this gateway: azure-openai (got \"petstore\")"),
                tenant("duplicate subscription", "    - { name: contoso, tokensPerMinute: 1000, subscriptions: [web, web] }\n",
                        "ai-gateway:tenants[0].subscriptions[1]: must be unique within the tenant (got \"web\")"),
                tenant("tenant limited to a deployment no backend serves", "    - { name: contoso, tokensPerMinute: 1000, deployments: [gpt-4o, mini] }\n",
                        "ai-gateway:tenants[0].deployments[1]: must name a deployment a backend serves: gpt-4o (got \"mini\")"),
                tenant("tenant deployments not a list", "    - { name: contoso, tokensPerMinute: 1000, deployments: gpt-4o }\n",
                        "ai-gateway:tenants[0].deployments: must be a list (got \"gpt-4o\")"),
                tenant("unknown tenant key", "    - { name: contoso, tokensPerMinute: 1000, tpm: 5 }\n",
                        "ai-gateway:tenants[0].tpm: unknown key; expected one of apis, deployments, displayName, name, promptSafety, subscriptions, "
                                + "tokenQuota, tokenQuotaPeriod, tokensPerMinute (got 5)"),
                bad("backends not a list", StackFiles.VALID.substring(StackFiles.VALID.indexOf("  ai-gateway:backends:")),
                        "  ai-gateway:backends: sweden\n",
                        "ai-gateway:backends: must be a list (got \"sweden\")"),
                bad("unknown key one edit from a real one", "  ai-gateway:backends:", "  ai-gateway:tenant: []\n  ai-gateway:backends:",
                        "ai-gateway:tenant: unknown key; this version understands ai-gateway:gateway, ai-gateway:backends, ai-gateway:tenants, "
                                + "ai-gateway:mcpTools, ai-gateway:promptSafety (did you mean ai-gateway:tenants?) (got [])"),
                bad("namespace one edit from ai-gateway", "  ai-gateway:backends:", "  ai-gatway:tenants: []\n  ai-gateway:backends:",
                        "ai-gatway:tenants: is in namespace \"ai-gatway\", one edit from ai-gateway, so nothing would read it; "
                                + "did you mean ai-gateway:tenants? (got [])"),
                bad("dotted key written without --path", "  ai-gateway:backends:", "  ai-gateway:gateway.sku: Premium\n  ai-gateway:backends:",
                        "ai-gateway:gateway.sku: is a path, not a key: set it with `pulumi config set --path 'ai-gateway:gateway.sku' <value>` "
                                + "(without --path the whole text is one key, which nothing reads) (got \"Premium\")"),
                bad("indexed key written without --path", "  ai-gateway:backends:", "  ai-gateway:backends[1].weight: 0\n  ai-gateway:backends:",
                        "ai-gateway:backends[1].weight: is a path, not a key: set it with `pulumi config set --path 'ai-gateway:backends[1].weight' "
                                + "<value>` (without --path the whole text is one key, which nothing reads) (got 0)"),
                bad("duplicate key", "publisherName: Example Platform", "publisherName: Example Platform\n    sku: Premium\n    sku: Basic",
                        "ai-gateway:gateway.sku: is given twice in the same mapping (first \"Premium\", again at line 7): the last one would "
                                + "silently win (got \"Basic\")"),
                bad("explicit null", "publisherName: Example Platform", "publisherName: Example Platform\n    protect: ~",
                        "ai-gateway:gateway.protect: must not be null: remove the key to take its default (got null)"),
                bad("empty value is a null too", "publisherName: Example Platform", "publisherName: Example Platform\n    protect:",
                        "ai-gateway:gateway.protect: must not be null: remove the key to take its default (got null)"),
                bad("terminal escape in a string", "publisherName: Example Platform", "publisherName: \"Example \\e[31mPlatform\"",
                        "ai-gateway:gateway.publisherName: must not contain control characters or non-characters in its value (got U+001B at character 9)"),
                bad("raw terminal escape in the file", "publisherName: Example Platform", "publisherName: Example \u001b[31mPlatform",
                        "ai-gateway:gateway.publisherName: must not contain control characters or non-characters (got U+001B at line 5)"),
                bad("non-character in a string", "publisherName: Example Platform", "publisherName: \"Example \\uFFFF\"",
                        "ai-gateway:gateway.publisherName: must not contain control characters or non-characters in its value (got U+FFFF at character 9)"),
                bad("bidirectional override in a key", "publisherName: Example Platform", "publisherName: Example Platform\n    \"sku\\u202E\": Basic",
                        "ai-gateway:gateway: must not contain control characters or non-characters in its key (got U+202E at character 4)"),
                bad("YAML alias", "publisherName: Example Platform", "publisherName: &who Example Platform\n    namePrefix: *who",
                        "ai-gateway:gateway.namePrefix: must not be a YAML alias: write the value out (got *who)"),
                bad("YAML tag", "publisherName: Example Platform", "publisherName: !!str Example Platform",
                        "ai-gateway:gateway.publisherName: must not carry a YAML tag: write a plain value (quote it to make it a string) (got !!str)"),
                bad("binary value", "publisherName: Example Platform", "publisherName: !!binary RXhhbXBsZQ==",
                        "ai-gateway:gateway.publisherName: must not carry a YAML tag: write a plain value (quote it to make it a string) (got !!binary)"),
                bad("hexadecimal number", "priority: 2", "priority: 0x2",
                        "ai-gateway:backends[1].priority: must be written as a decimal number: YAML readers differ on this form (got 0x2)"),
                bad("number with underscores", "priority: 2", "priority: 1_0",
                        "ai-gateway:backends[1].priority: must be written as a decimal number: YAML readers differ on this form (got 1_0)"),
                bad("a YAML 1.1 boolean word", "publisherName: Example Platform", "publisherName: Example Platform\n    streaming: yes",
                        "ai-gateway:gateway.streaming: must be true or false (got \"yes\")"),
                bad("a second YAML document", "      deployments:\n        - { name: gpt-4o, model: gpt-4o, version: \"2024-11-20\", sku: GlobalStandard, capacity: 10 }\n",
                        "      deployments:\n        - { name: gpt-4o, model: gpt-4o, version: \"2024-11-20\", sku: GlobalStandard, capacity: 10 }\n---\nconfig: {}\n",
                        "Pulumi.bad.yaml: must hold one YAML document (got a second document at line 18)", true),
                bad("location not an Azure region", "azure-native:location: swedencentral", "azure-native:location: mars",
                        "azure-native:location: must be an Azure region (see `az account list-locations`) (got \"mars\")"),
                bad("location misspelt", "azure-native:location: swedencentral", "azure-native:location: swedencentrall",
                        "azure-native:location: must be an Azure region; did you mean swedencentral? (got \"swedencentrall\")"),
                bad("backend location misspelt", "location: francecentral", "location: francecentrl",
                        "ai-gateway:backends[1].location: must be an Azure region; did you mean francecentral? (got \"francecentrl\")"),
                bad("existing account in a resource group with '..'", FRANCE, EXISTING.replace("rg-ai", "rg..ai") + SERVES_GPT4O,
                        "ai-gateway:backends[1].existingAccountId: must name a valid resource group (\"rg..ai\" is not): 1-90 letters, digits, "
                                + "'-', '_', '.', '(' or ')', not ending in '.' and without '..' (got \"/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-"
                                + "2c1d0e9f8a7b/resourceGroups/rg..ai/providers/Microsoft.CognitiveServices/accounts/aoai-shared\")"),
                bad("existing account in a resource group ending in '.'", FRANCE, EXISTING.replace("rg-ai", "rg-ai.") + SERVES_GPT4O,
                        "ai-gateway:backends[1].existingAccountId: must name a valid resource group (\"rg-ai.\" is not): 1-90 letters, digits, "
                                + "'-', '_', '.', '(' or ')', not ending in '.' and without '..' (got \"/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-"
                                + "2c1d0e9f8a7b/resourceGroups/rg-ai./providers/Microsoft.CognitiveServices/accounts/aoai-shared\")"),
                bad("existing account named with a trailing '-'", FRANCE, EXISTING.replace("aoai-shared", "aoai-shared-") + SERVES_GPT4O,
                        "ai-gateway:backends[1].existingAccountId: must name a valid account (\"aoai-shared-\" is not): 2-64 letters, digits or "
                                + "'-', starting and ending with a letter or digit (got \"/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b/"
                                + "resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/aoai-shared-\")"),
                bad("existing account name of 65 characters", FRANCE, EXISTING.replace("aoai-shared", "a".repeat(65)) + SERVES_GPT4O,
                        "ai-gateway:backends[1].existingAccountId: must name a valid account (\"" + "a".repeat(65) + "\" is not): 2-64 letters, "
                                + "digits or '-', starting and ending with a letter or digit (got \"/subscriptions/3f2b8c1e-5d4a-4e6f-9a7b-"
                                + "2c1d0e9f8a7b/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/" + "a".repeat(65) + "\")"),
                tenant("tenants whose subscription ids collide",
                        "    - { name: a-b, tokensPerMinute: 1000, subscriptions: [c] }\n    - { name: a, tokensPerMinute: 1000, subscriptions: [b-c] }\n",
                        "ai-gateway:tenants[1].subscriptions[0]: makes the subscription id \"a-b-c\" (<tenant>-<subscription>), as "
                                + "ai-gateway:tenants[0].subscriptions[0] does: rename one (got \"b-c\")"),
                safety("prompt safety threshold above 7", "{ threshold: 8 }",
                        "ai-gateway:promptSafety.threshold: must be at most 7 (got 8)"),
                safety("prompt safety category unknown", "{ categories: [Spam] }",
                        "ai-gateway:promptSafety.categories[0]: must be one of Hate, SelfHarm, Sexual, Violence (got \"Spam\")"),
                safety("prompt safety outage behaviour unknown", "{ onOutage: retry }",
                        "ai-gateway:promptSafety.onOutage: must be block (refuse prompts that cannot be screened) or allow (let them through "
                                + "unscreened) (got \"retry\")"),
                safety("prompt safety key misspelt", "{ promptShield: true }",
                        "ai-gateway:promptSafety.promptShield: unknown key; expected one of categories, onOutage, promptShields, threshold (got true)"),
                bad("a long value is echoed cut", "publisherName: Example Platform", "publisherName: " + "x".repeat(3000),
                        "ai-gateway:gateway.publisherName: must be at most 100 characters (got \"" + "x".repeat(195) + "...\")"),
                bad("a value of several megabytes", "publisherName: Example Platform", "publisherName: " + "x".repeat(5_000_000),
                        "ai-gateway:gateway.publisherName: must be at most 4096 characters long (got about 5000020 characters from line 5)"));
    }

    private static Arguments safety(String what, String value, String expected) {
        return Arguments.of(what, StackFiles.VALID + "  ai-gateway:promptSafety: " + value + "\n", expected);
    }

    private static Arguments tenant(String what, String tenantsYaml, String expected) {
        return Arguments.of(what, StackFiles.VALID + "  ai-gateway:tenants:\n" + tenantsYaml, expected);
    }

    private static Arguments bad(String what, String find, String replace, String expected) {
        return bad(what, find, replace, expected, false);
    }

    /** {@code last}: replace the last occurrence (the second backend) rather than the first. */
    private static Arguments bad(String what, String find, String replace, String expected, boolean last) {
        String body = StackFiles.VALID;
        int at = last ? body.lastIndexOf(find) : body.indexOf(find);
        if (at < 0) {
            throw new IllegalArgumentException(what + ": '" + find + "' is not in the valid stack file");
        }
        return Arguments.of(what, body.substring(0, at) + replace + body.substring(at + find.length()), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithOneClearLine(String what, String body, String expected, @TempDir Path dir) throws Exception {
        Path file = StackFiles.write(dir, "bad", body);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = App.execute(new String[] {"plan", "--config", file.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(err.toString()).isEqualTo("error: " + expected + System.lineSeparator());
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest(name = "malformed YAML")
    @MethodSource("yaml")
    void malformedYamlIsOneLineToo(String body, @TempDir Path dir) throws Exception {
        Path file = StackFiles.write(dir, "bad", body);
        StringWriter err = new StringWriter();
        int code = App.execute(new String[] {"plan", "--config", file.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Pulumi.bad.yaml: must be valid YAML").hasLineCount(1);
    }

    static Stream<String> yaml() {
        return Stream.of("config:\n  a: [unclosed\n", "config: {a: 1\n");
    }
}
