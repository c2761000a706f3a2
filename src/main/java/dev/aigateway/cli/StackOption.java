package dev.aigateway.cli;

import dev.aigateway.config.ConfigParser;
import dev.aigateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;

/** {@code --stack NAME} or {@code --config FILE}: the stack file a command reads. */
final class StackOption {
    private StackOption() {}

    static GatewayConfig read(CommandLine.Model.CommandSpec spec, String stack, Path config) throws IOException {
        if ((stack == null) == (config == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --stack or --config");
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        return ConfigParser.fromStackFile(config != null ? config : Path.of("Pulumi." + stack + ".yaml"), err::println);
    }
}
