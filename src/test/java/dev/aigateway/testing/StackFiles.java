package dev.aigateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stack files for tests: the project's own, and small ones written on the fly. */
public final class StackFiles {
    private StackFiles() {}

    public static Path project(String stack) {
        return Path.of("Pulumi." + stack + ".yaml");
    }

    /** A minimal valid stack file body; tests replace parts of it to make bad input. */
    public static final String VALID = """
            config:
              azure-native:location: swedencentral
              ai-gateway:gateway:
                publisherEmail: platform@example.com
                publisherName: Example Platform
              ai-gateway:backends:
                - name: sweden
                  location: swedencentral
                  priority: 1
                  deployments:
                    - { name: gpt-4o, model: gpt-4o, version: "2024-11-20", sku: GlobalStandard, capacity: 10 }
                - name: france
                  location: francecentral
                  priority: 2
                  deployments:
                    - { name: gpt-4o, model: gpt-4o, version: "2024-11-20", sku: GlobalStandard, capacity: 10 }
            """;

    public static Path write(Path dir, String stack, String body) throws IOException {
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        Files.writeString(file, body);
        return file;
    }
}
