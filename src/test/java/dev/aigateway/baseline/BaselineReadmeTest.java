package dev.aigateway.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.PlanRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's baseline table shows the verdicts the plans of the two stacks give, rule for rule. */
class BaselineReadmeTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| .+ \\| .+ \\| ([^|]+) \\| ([^|]+) \\|$");

    private static Map<String, String> verdicts(String stack) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        PlanRunner.run(GatewayConfig.fromStackFile(Path.of("Pulumi." + stack + ".yaml"))).baseline()
                .forEach(v -> out.put(v.rule(), switch (v.status()) {
                    case PASS -> "pass";
                    case FAIL -> "**fail**";
                    case NOT_APPLICABLE -> "n/a";
                    case CANNOT_TELL -> "cannot tell";
                }));
        return out;
    }

    @Test
    void theTableIsWhatThePlansSay() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Security baseline"), readme.indexOf("## Private networking"));
        Map<String, String> prod = new LinkedHashMap<>();
        Map<String, String> dev = new LinkedHashMap<>();
        for (String line : section.lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                prod.put(m.group(1), m.group(2).strip());
                dev.put(m.group(1), m.group(3).strip());
            }
        }
        assertThat(prod).isEqualTo(verdicts("prod"));
        assertThat(dev).isEqualTo(verdicts("dev"));
        assertThat(section).contains("Baseline: " + Baseline.ruleCount() + " rules: "
                + prod.values().stream().filter("pass"::equals).count() + " pass, 0 fail");
        assertThat(prod.keySet().toString().toLowerCase(Locale.ROOT)).doesNotContain("**");
    }
}
