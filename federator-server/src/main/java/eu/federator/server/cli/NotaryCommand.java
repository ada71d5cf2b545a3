package eu.federator.server.cli;

import eu.federator.trustframework.notary.OfflineCheck;
import eu.federator.trustframework.notary.OfflineChecks;
import eu.federator.trustframework.notary.RegistrationNumberType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code federator notary ...}: the registration-number notary offline. */
@Command(name = "notary", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "The Gaia-X registration-number notary, offline.",
        subcommands = {NotaryCommand.Check.class})
final class NotaryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "check", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = {"Check a registration number offline: its format and, where it has them, its check digits "
                    + "(LEI ISO 17442 mod 97; EU VAT with the national algorithms of AT BE CZ DE DK ES FI FR IE IT NL PL PT SE, "
                    + "format only for the other member states and XI; EORI, EUID and tax ID formats). No register is asked.",
                    "Exit codes: 0 valid, 1 invalid (the reason is printed), 2 usage error."})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TYPE", description = "vat-id, lei-code, eori, euid or tax-id")
        String type;

        @Parameters(index = "1", paramLabel = "VALUE", description = "the number, e.g. DE136695976")
        String value;

        @Override
        public Integer call() {
            RegistrationNumberType kind = RegistrationNumberType.fromPathName(type).orElseThrow(() ->
                    new UsageException("unknown TYPE \"" + type + "\"; use one of " + RegistrationNumberType.pathNames()));
            OfflineCheck check = OfflineChecks.check(kind, value);
            PrintWriter out = spec.commandLine().getOut();
            if (check.valid()) {
                out.println("valid " + kind.pathName() + " " + check.normalized() + (check.countryCode() == null ? "" : " (" + check.countryCode() + ")")
                        + ": " + check.reason());
                out.flush();
                return ExitCodes.OK;
            }
            out.println("invalid " + kind.pathName() + ": " + check.reason());
            out.flush();
            return ExitCodes.INVALID;
        }
    }
}
