package dev.aigateway.components;

import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.insights.DiagnosticSettingArgs;
import com.pulumi.azurenative.insights.inputs.LogSettingsArgs;
import com.pulumi.azurenative.insights.inputs.MetricSettingsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/** A resource's platform logs and metrics, sent to the gateway's Log Analytics workspace. */
final class DiagnosticSettings {
    private DiagnosticSettings() {}

    static DiagnosticSetting toWorkspace(String resourceName, Output<String> resourceUri, Output<String> workspaceId,
            CustomResourceOptions options) {
        return new DiagnosticSetting(resourceName, DiagnosticSettingArgs.builder()
                .name("aigw-to-workspace")
                .resourceUri(resourceUri)
                .workspaceId(workspaceId)
                // Every log category the resource has, now and later: the allLogs group.
                .logs(LogSettingsArgs.builder().categoryGroup("allLogs").enabled(true).build())
                .metrics(MetricSettingsArgs.builder().category("AllMetrics").enabled(true).build())
                .build(), options);
    }
}
