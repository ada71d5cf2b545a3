package eu.federator.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code federator} command (main class of {@code federator.jar}). Only {@code serve} starts Spring; the other
 * commands run offline as plain Java.
 */
@Command(name = "federator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = CommandLine.ScopeType.INHERIT, // every subcommand gets --help and --version
        usageHelpAutoWidth = true,
        description = "Gaia-X Federation Services (Eclipse XFSC) as one Java server and command line.",
        subcommands = {ServeCommand.class, VerifyCommand.class, VerifyLogCommand.class, SignCommand.class, DidCommand.class, ComplianceCommand.class,
                NotaryCommand.class, OnboardCommand.class, CatalogueCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 negative result (verify: invalid, verify-log: altered, compliance: not compliant, notary check: invalid, catalogue import: a file was rejected), "
                + "2 usage error or unreadable input, 3 other failure.",
                "Run 'federator help COMMAND' for a command's options."})
public final class FederatorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        boolean serve = args.length > 0 && args[0].equals("serve");
        if (!serve && System.getProperty("logback.configurationFile") == null) {
            // offline commands: only warnings, on stderr, so that stdout carries just the result
            System.setProperty("logback.configurationFile", "eu/federator/server/cli/cli-logback.xml");
        }
        CommandLine commandLine = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        int exitCode = commandLine.execute(args);
        if (exitCode == ExitCodes.OK && startedServer(commandLine)) {
            return; // the server runs on its own threads until it is stopped
        }
        System.exit(exitCode);
    }

    /** The configured command line, writing to the given streams (used by main and by tests). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new FederatorCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(FederatorCommand::handleExecutionException);
        commandLine.setParameterExceptionHandler(FederatorCommand::handleParameterException);
        return commandLine;
    }

    private static boolean startedServer(CommandLine commandLine) {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        return parsed != null && parsed.hasSubcommand()
                && parsed.subcommand().commandSpec().userObject() instanceof ServeCommand serve && serve.started();
    }

    private static int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        if (e instanceof UsageException) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (e instanceof OnboardCommand.ServerUnreachable) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        if (e instanceof UnsupportedOperationException) {
            err.println(name + ": this function is not implemented in this build of Federator yet");
            err.flush();
            return ExitCodes.FAILURE;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println(name + ": internal error: " + message);
        err.println("This is a bug in Federator; please report it with the command line you ran.");
        err.flush();
        return ExitCodes.FAILURE;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
