package dev.aigateway.plan;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.aigateway.stack.GatewayProgram;
import dev.aigateway.components.FragmentDeployments;
import dev.aigateway.config.ConfigException;
import dev.aigateway.config.GatewayConfig;
import dev.aigateway.plan.Plan.PlannedResource;
import dev.aigateway.lint.compile.ExpressionCompiler;
import dev.aigateway.lint.Finding;
import dev.aigateway.lint.ParsedPolicy;
import dev.aigateway.lint.PolicyParser;
import dev.aigateway.lint.SyntaxException;
import dev.aigateway.policy.PolicyException;
import dev.aigateway.lint.PolicyLinter;
import dev.aigateway.lint.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Runs the stack program under Pulumi's mock engine and collects the plan. */
public final class PlanRunner {
    public static final String PROJECT = "ai-gateway";
    static final String SECRET = "[secret]";

    private PlanRunner() {}

    public static Plan run(GatewayConfig config) {
        return run(config.stack(), ctx -> GatewayProgram.define(ctx, config));
    }

    /** Plan any program; the component tests use this with their own small programs. */
    public static Plan run(String stack, Consumer<com.pulumi.Context> program) {
        return run(stack, new PlanMocks(), program);
    }

    /** Plan any program against {@code mocks} (a test may spy on them to see what was asked for). */
    public static synchronized Plan run(String stack, PlanMocks mocks, Consumer<com.pulumi.Context> program) {
        Map<Resource, ResourceOptions> options = new IdentityHashMap<>();
        ResourceTransformation recorder = args -> {
            synchronized (options) {
                options.put(args.resource(), args.options());
            }
            return Optional.empty();
        };
        TestOptions testOptions = TestOptions.builder()
                .projectName(PROJECT)
                .stackName(stack)
                .preview(false)
                .resourceTransformations(List.of(recorder))
                .build();
        try {
            SecretInputs secrets = new SecretInputs(mocks);
            TestResult result = PulumiTestInternal.builder().options(testOptions).mocks(mocks).monitorDecorator(m -> secrets).build()
                    .runTest(program::accept);
            rethrowFailures(result);
            return collect(stack, result, mocks, options, secrets.paths);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** Config and policy failures surface as themselves, so the CLI can print their one line. */
    private static void rethrowFailures(TestResult result) {
        for (Exception e : result.exceptions()) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigException ce) {
                    throw ce;
                }
                if (t instanceof PolicyException pe) {
                    throw pe;
                }
            }
        }
        if (!result.exceptions().isEmpty()) {
            Exception first = result.exceptions().get(0);
            throw new IllegalStateException("the program failed under the mock engine: " + first, first);
        }
        if (result.exitCode() != 0 || !result.errors().isEmpty()) {
            throw new IllegalStateException("the program failed under the mock engine: " + result.errors());
        }
    }

    /**
     * Which inputs of each resource the program marked secret. The mocks see plain values, so the
     * monitor reads the marks off the registration before they are decoded.
     */
    static final class SecretInputs extends MockMonitor {
        /** The engine's marker of a secret value, as the SDK serialises it. */
        private static final String SIGNATURE = "4dabf18193072939515e22adb298388d";
        private static final String SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
        final Map<String, Set<String>> paths = new java.util.concurrent.ConcurrentHashMap<>();

        SecretInputs(PlanMocks mocks) {
            super(mocks, PulumiTestInternal.mockLog());
        }

        @Override
        public java.util.concurrent.CompletableFuture<pulumirpc.Resource.RegisterResourceResponse> registerResourceAsync(Resource resource,
                pulumirpc.Resource.RegisterResourceRequest request) {
            Set<String> found = new TreeSet<>();
            request.getObject().getFieldsMap().forEach((k, v) -> scan(v, k, found));
            if (!found.isEmpty()) {
                paths.put(PlanMocks.key(request.getType(), request.getName()), found);
            }
            return super.registerResourceAsync(resource, request);
        }

        private static void scan(com.google.protobuf.Value v, String path, Set<String> found) {
            if (v.hasStructValue()) {
                Map<String, com.google.protobuf.Value> fields = v.getStructValue().getFieldsMap();
                com.google.protobuf.Value sig = fields.get(SIGNATURE);
                if (sig != null && SECRET_SIGNATURE.equals(sig.getStringValue())) {
                    found.add(path);
                    return;
                }
                fields.forEach((k, child) -> scan(child, path + "." + k, found));
            } else if (v.hasListValue()) {
                List<com.google.protobuf.Value> items = v.getListValue().getValuesList();
                for (int i = 0; i < items.size(); i++) {
                    scan(items.get(i), path + "[" + i + "]", found);
                }
            }
        }
    }

    /** The inputs with every secret one replaced by the secret marker. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> masked(Map<String, Object> inputs, Set<String> secretPaths) {
        if (secretPaths == null || secretPaths.isEmpty()) {
            return inputs;
        }
        Map<String, Object> out = new java.util.TreeMap<>(inputs);
        for (String path : secretPaths) {
            String[] parts = path.split("\\.");
            Map<String, Object> node = out;
            for (int i = 0; i < parts.length - 1 && node != null; i++) {
                Object child = node.get(parts[i]);
                if (child instanceof Map<?, ?> m) {
                    Map<String, Object> copy = new java.util.TreeMap<>((Map<String, Object>) m);
                    node.put(parts[i], copy);
                    node = copy;
                } else {
                    node = null;
                }
            }
            if (node != null && node.containsKey(parts[parts.length - 1])) {
                node.put(parts[parts.length - 1], SECRET);
            }
        }
        return out;
    }

    private static Plan collect(String stack, TestResult result, PlanMocks mocks, Map<Resource, ResourceOptions> options,
            Map<String, Set<String>> secretInputs) {
        Map<Resource, String> urns = new IdentityHashMap<>();
        for (Resource r : result.resources()) {
            urns.put(r, PulumiTest.extractValue(r.urn()));
        }
        List<PlannedResource> resources = new ArrayList<>();
        for (Resource r : result.resources()) {
            if (r.pulumiResourceType().equals("pulumi:pulumi:Stack")) {
                continue;
            }
            ResourceOptions opts = options.get(r);
            String parent = null;
            List<String> dependsOn = new ArrayList<>();
            boolean protect = false;
            if (opts != null) {
                parent = opts.getParent()
                        .filter(p -> !p.pulumiResourceType().equals("pulumi:pulumi:Stack"))
                        .map(urns::get).orElse(null);
                for (Resource d : PulumiTest.extractValue(opts.getDependsOn())) {
                    dependsOn.add(urns.get(d));
                }
                dependsOn.sort(Comparator.naturalOrder());
                protect = opts.isProtect();
            }
            PlanMocks.Registered reg = mocks.registered().get(PlanMocks.key(r.pulumiResourceType(), r.pulumiResourceName()));
            Map<String, Object> inputs = reg == null ? Map.of()
                    : masked(normalizeMap(reg.inputs()), secretInputs.get(PlanMocks.key(r.pulumiResourceType(), r.pulumiResourceName())));
            resources.add(new PlannedResource(urns.get(r), r.pulumiResourceType(), r.pulumiResourceName(), parent, protect,
                    List.copyOf(dependsOn), inputs));
        }
        resources.sort(Comparator.comparing(PlannedResource::urn));

        Map<String, Object> outputs = new TreeMap<>();
        result.outputs().forEach((k, v) -> outputs.put(k, outputValue(v)));
        return new Plan(stack, List.copyOf(resources), outputs, lint(resources));
    }

    private static Object outputValue(Output<?> output) {
        boolean secret = Internal.of(output).isSecret().join();
        return secret ? SECRET : normalize(PulumiTest.extractValue(output));
    }

    /**
     * Lint every policy document exactly as it would be registered, against the fragments,
     * backends and loggers this same plan defines.
     */
    static Plan.Lint lint(List<PlannedResource> resources) {
        Map<String, String> fragments = new HashMap<>();
        Set<String> backends = new TreeSet<>();
        Set<String> openAiBackends = new TreeSet<>();
        Set<String> loggers = new TreeSet<>();
        for (PlannedResource r : resources) {
            switch (r.type()) {
                case "azure-native:resources:Deployment" -> fragments.putAll(FragmentDeployments.fragmentsOf(r.inputs()));
                case "azure-native:apimanagement:Backend" -> {
                    String id = String.valueOf(r.inputs().get("backendId"));
                    backends.add(id);
                    if (PolicyLinter.isOpenAiUrl(String.valueOf(r.inputs().get("url")))) {
                        openAiBackends.add(id);
                    }
                }
                case "azure-native:apimanagement:Logger" -> loggers.add(String.valueOf(r.inputs().get("loggerId")));
                default -> { }
            }
        }
        PolicyLinter.References refs = new PolicyLinter.References(fragments, backends, openAiBackends, loggers);
        List<String> problems = new ArrayList<>();
        List<ParsedPolicy> documents = new ArrayList<>();
        int checked = 0;
        int largest = 0;
        for (Map.Entry<String, String> f : new TreeMap<>(fragments).entrySet()) {
            checked++;
            largest = Math.max(largest, utf8Length(f.getValue()));
            check(f.getKey(), f.getValue(), PolicyLinter.Options.fragment(), refs, problems, documents);
        }
        for (PlannedResource r : resources) {
            Scope scope = policyScope(r.type());
            if (scope != null) {
                String text = String.valueOf(r.inputs().get("value"));
                checked++;
                largest = Math.max(largest, utf8Length(text));
                check(r.name(), text, PolicyLinter.Options.at(scope), refs, problems, documents);
            }
            if (r.type().equals("azure-native:resources:Deployment")) {
                for (Map.Entry<String, String> p : FragmentDeployments.apiPoliciesOf(r.inputs()).entrySet()) {
                    checked++;
                    largest = Math.max(largest, utf8Length(p.getValue()));
                    check(r.name() + " (API " + p.getKey() + ")", p.getValue(), PolicyLinter.Options.at(Scope.API), refs, problems, documents);
                }
            }
        }
        Plan.Expressions expressions = Plan.Expressions.NOT_COMPILED;
        Optional<ExpressionCompiler> compiler = ExpressionCompiler.find();
        if (compiler.isPresent()) {
            ExpressionCompiler.Result result = compiler.get().compile(documents);
            errors(result.findings(), problems);
            List<String> warnings = result.findings().stream().filter(f -> !f.isError()).map(Finding::toString).toList();
            expressions = new Plan.Expressions(true, result.expressions(), result.millis(), warnings);
        }
        return new Plan.Lint(checked, largest, List.copyOf(problems), expressions);
    }

    /** Parse once, lint, and keep the parsed document for the expression compile. */
    private static void check(String source, String text, PolicyLinter.Options options, PolicyLinter.References refs,
            List<String> problems, List<ParsedPolicy> documents) {
        ParsedPolicy parsed;
        try {
            parsed = PolicyParser.parse(source, text);
        } catch (SyntaxException e) {
            errors(PolicyLinter.standard().lint(source, text, options, refs), problems); // the located syntax finding
            return;
        }
        documents.add(parsed);
        errors(PolicyLinter.standard().lint(parsed, options, refs), problems);
    }

    private static void errors(List<Finding> findings, List<String> problems) {
        findings.stream().filter(Finding::isError).map(Finding::toString).forEach(problems::add);
    }

    /** The scope of a policy document resource type, or null for resources that are not policies. */
    static Scope policyScope(String type) {
        return switch (type) {
            case "azure-native:apimanagement:ApiPolicy" -> Scope.API;
            case "azure-native:apimanagement:ProductPolicy" -> Scope.PRODUCT;
            case "azure-native:apimanagement:Policy" -> Scope.GLOBAL;
            default -> null;
        };
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @SuppressWarnings("unchecked")
    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            return normalizeMap((Map<String, Object>) m);
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (value instanceof Optional<?> o) {
            return o.map(PlanRunner::normalize).orElse(null);
        }
        // The engine carries numbers as doubles; whole ones read better as integers.
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return value;
    }

    private static Map<String, Object> normalizeMap(Map<String, Object> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> {
            Object n = normalize(v);
            if (n != null) {
                out.put(k, n);
            }
        });
        return out;
    }
}
