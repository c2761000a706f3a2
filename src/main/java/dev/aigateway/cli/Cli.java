package dev.aigateway.cli;

import dev.aigateway.config.ConfigException;
import dev.aigateway.policy.PolicyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The offline commands. Every expected failure is one line on stderr and exit code 2. */
@Command(name = "ai-gateway", mixinStandardHelpOptions = true,
        description = "Azure API Management as an AI gateway. Without a command, runs as the Pulumi program.",
        subcommands = {PlanCommand.class, LintCommand.class, ServeCommand.class})
public final class Cli implements Runnable {

    /** Run a command line; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof PolicyException || e instanceof UsageException) {
                err.println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof NoSuchFileException nf) {
                err.println("error: no such file: " + nf.getFile());
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof IOException io) {
                err.println("error: cannot read or write a file: " + io.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: plan, lint or serve");
    }

    /** A command that cannot run as asked; its message is the one line the user sees. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
