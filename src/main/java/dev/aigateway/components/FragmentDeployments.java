package dev.aigateway.components;

import com.pulumi.azurenative.resources.Deployment;
import com.pulumi.azurenative.resources.DeploymentArgs;
import com.pulumi.azurenative.resources.enums.DeploymentMode;
import com.pulumi.azurenative.resources.inputs.DeploymentPropertiesArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.aigateway.policy.Fragment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys APIM policy fragments as ARM template deployments, one per fragment.
 *
 * <p>Why not {@code azure-native:apimanagement:PolicyFragment}: the fragment's name is its input
 * property {@code id}, and Pulumi's language SDKs drop input properties named {@code id} before
 * they reach the provider (pulumi/pulumi#13781, pulumi/pulumi-azure-native#2664), so that resource
 * cannot be created. The mock engine shows the same loss. An ARM deployment carries the same
 * {@code Microsoft.ApiManagement/service/policyFragments} resource, at the API version the rest of
 * the gateway uses, and Pulumi still tracks and diffs it.
 */
public final class FragmentDeployments {
    public static final String ARM_TYPE = "Microsoft.ApiManagement/service/policyFragments";
    public static final String API_VERSION = "2022-08-01";
    private static final String SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    private FragmentDeployments() {}

    /** Register one deployment per fragment; policies that include them depend on the result. */
    static List<Deployment> register(String owner, Map<String, Fragment> fragments, Output<String> resourceGroupName,
            Output<String> serviceName, CustomResourceOptions options) {
        List<Deployment> resources = new ArrayList<>();
        fragments.forEach((id, fragment) -> resources.add(new Deployment(owner + "-" + id, DeploymentArgs.builder()
                .resourceGroupName(resourceGroupName)
                // Deployment names are per resource group; the hash keeps two gateways in one group apart.
                .deploymentName(serviceName.applyValue(s -> id + "-" + shortHash(s)))
                .properties(Output.tuple(serviceName, fragment.value()).applyValue(t -> DeploymentPropertiesArgs.builder()
                        .mode(DeploymentMode.Incremental)
                        .template(template(t.t1, id, t.t2))
                        .build()))
                .build(), options)));
        return resources;
    }

    /** The ARM template holding one fragment. Built as data; Pulumi serialises it to JSON. */
    static Map<String, Object> template(String serviceName, String id, String value) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("format", "rawxml");
        properties.put("description", "Managed by ai-gateway; edits are overwritten");
        properties.put("value", armLiteral(value));
        return template(resource(ARM_TYPE, API_VERSION, serviceName + "/" + id, properties));
    }

    /** One ARM template resource. */
    static Map<String, Object> resource(String type, String apiVersion, String name, Map<String, Object> properties) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        resource.put("apiVersion", apiVersion);
        resource.put("name", armLiteral(name));
        resource.put("properties", properties);
        return resource;
    }

    /** A template deploying {@code resource} alone. */
    static Map<String, Object> template(Map<String, Object> resource) {
        return template(List.of(resource));
    }

    /** A template deploying {@code resources}. */
    static Map<String, Object> template(List<?> resources) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("$schema", SCHEMA);
        template.put("contentVersion", "1.0.0.0");
        template.put("resources", resources);
        return template;
    }

    /**
     * A resource azure-native 2.10.0 cannot express (newer APIM settings), deployed as a one-resource
     * ARM template; {@code key} names the deployment within the resource group.
     */
    static Deployment deploy(String resourceName, String key, Output<String> resourceGroupName, Output<String> serviceName,
            java.util.function.Function<String, Map<String, Object>> resourceFor, CustomResourceOptions options) {
        return deployTemplate(resourceName, key, resourceGroupName, serviceName, s -> template(resourceFor.apply(s)), options);
    }

    /** A template of several resources (such as an MCP server with its tools and policy), deployed as one. */
    static Deployment deployTemplate(String resourceName, String key, Output<String> resourceGroupName, Output<String> serviceName,
            java.util.function.Function<String, Map<String, Object>> templateFor, CustomResourceOptions options) {
        return new Deployment(resourceName, DeploymentArgs.builder()
                .resourceGroupName(resourceGroupName)
                .deploymentName(serviceName.applyValue(s -> key + "-" + shortHash(s)))
                .properties(serviceName.applyValue(s -> DeploymentPropertiesArgs.builder()
                        .mode(DeploymentMode.Incremental)
                        .template(templateFor.apply(s))
                        .build()))
                .build(), options);
    }

    /**
     * The fragments held by a deployment's inputs (as the plan records them), by fragment id.
     * Lets the offline plan check exactly the text that would be deployed.
     */
    public static Map<String, String> fragmentsOf(Map<String, Object> deploymentInputs) {
        Map<String, String> out = new LinkedHashMap<>();
        resourcesOf(deploymentInputs, ARM_TYPE).forEach(m -> out.put(lastSegment(m), String.valueOf(properties(m).get("value"))));
        return out;
    }

    /** The API policies a deployment's template holds (an MCP server's), by API id. */
    public static Map<String, String> apiPoliciesOf(Map<String, Object> deploymentInputs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> m : resourcesOf(deploymentInputs, McpServerTemplate.POLICY_TYPE)) {
            String[] parts = String.valueOf(m.get("name")).split("/");
            out.put(parts[parts.length - 2], String.valueOf(properties(m).get("value")));
        }
        return out;
    }

    /** The template resources of {@code type} in a deployment's inputs. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> resourcesOf(Map<String, Object> deploymentInputs, String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object props = deploymentInputs.get("properties");
        Object template = props instanceof Map<?, ?> p ? p.get("template") : null;
        Object resources = template instanceof Map<?, ?> t ? t.get("resources") : null;
        if (resources instanceof List<?> list) {
            for (Object r : list) {
                if (r instanceof Map<?, ?> m && type.equals(m.get("type"))) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    /** The last segment of a template resource's name ({@code service/api/tool} gives {@code tool}). */
    public static String lastSegment(Map<String, Object> resource) {
        String name = String.valueOf(resource.get("name"));
        return name.substring(name.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> resource) {
        return resource.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    }

    /** ARM reads a string that starts with '[' as a template expression; '[[' escapes it. */
    static String armLiteral(String s) {
        return s.startsWith("[") ? "[" + s : s;
    }

    static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
