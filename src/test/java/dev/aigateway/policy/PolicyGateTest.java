package dev.aigateway.policy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aigateway.lint.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyGateTest {
    @Test
    void aValidPolicyWithFragmentsPasses() {
        String fragment = "<fragment><set-header name=\"x\" exists-action=\"delete\" /></fragment>";
        String policy = "<policies><inbound><base /><include-fragment fragment-id=\"f\" /></inbound>"
                + "<backend><forward-request /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>";
        assertThatCode(() -> PolicyGate.checkFragment("f", fragment)).doesNotThrowAnyException();
        assertThatCode(() -> PolicyGate.checkPolicy("p", Scope.API, policy, Map.of("f", fragment))).doesNotThrowAnyException();
    }

    @Test
    void errorsBecomeOneExceptionWithEveryLocatedFinding() {
        String xml = "<policies><inbound><set-headers name=\"a\" /></inbound></policies>";
        assertThatThrownBy(() -> PolicyGate.checkPolicy("p", Scope.API, xml, Map.of()))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("p:1:11: warning: [base-missing]")
                .hasMessageContaining("p:1:20: error: [unknown-element] policies/inbound/set-headers");
    }

    @Test
    void aFragmentMustHaveTheFragmentRoot() {
        assertThatThrownBy(() -> PolicyGate.checkFragment("f", "<policies />"))
                .hasMessageContaining("[root]");
    }

    @Test
    void warningsDoNotFailTheCheck() {
        String xml = "<policies><outbound><base /></outbound><inbound><base /></inbound></policies>";
        assertThatCode(() -> PolicyGate.checkPolicy("p", Scope.API, xml, Map.of())).doesNotThrowAnyException();
    }
}
