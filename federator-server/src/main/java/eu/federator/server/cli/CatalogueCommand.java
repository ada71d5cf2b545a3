package eu.federator.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "catalogue", usageHelpAutoWidth = true,
        description = {"Catalogue administration: bulk import of self-descriptions, rebuild of the graph.",
                "Each command runs the catalogue in this process (options as for serve; no server may run on the same data "
                        + "directory meanwhile), or works on a running server with --url and --token."},
        subcommands = {CatalogueImportCommand.class, CatalogueRebuildGraphCommand.class, CommandLine.HelpCommand.class})
final class CatalogueCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
