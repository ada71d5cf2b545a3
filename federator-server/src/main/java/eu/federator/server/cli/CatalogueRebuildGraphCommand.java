package eu.federator.server.cli;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.sd.Lifecycle;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "rebuild-graph", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Rebuild the catalogue graph from PostgreSQL: clear it, bulk-load every self-description (claims of the "
                + "active ones, metadata of all) from one snapshot, then apply the events written meanwhile.",
                "By default in this process (no server may run on the same data directory meanwhile); with --url the running "
                        + "server rebuilds (POST /admin/graph/rebuild, catalogue-admin token).",
                "Exit codes: 0 rebuilt, 2 usage error, 3 other failure (the catalogue could not start, the server could not be "
                        + "reached or refused the token, the rebuild failed)."})
final class CatalogueRebuildGraphCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CatalogueCommandOptions where;

    @Override
    public Integer call() {
        where.check();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return where.remote() ? remote(out) : inProcess(out, err);
        } catch (CatalogueCommandOptions.StartFailed | CatalogueCommandOptions.Unreachable e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    private int inProcess(PrintWriter out, PrintWriter err) {
        try (ConfigurableApplicationContext context = where.start(err)) {
            Catalogue catalogue = context.getBean(Catalogue.class);
            GraphStore graph = context.getBean(GraphStore.class);
            long total = catalogue.store().list(CatalogueCommandOptions.count(EnumSet.allOf(Lifecycle.class))).totalCount();
            long start = System.nanoTime();
            long count;
            try (Progress progress = new Progress(err, "rebuild-graph", total, Progress.stderrIsTerminal())) {
                count = catalogue.projector().rebuild(progress::set);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long active = catalogue.store().list(CatalogueCommandOptions.count(EnumSet.of(Lifecycle.ACTIVE))).totalCount();
            out.println(summary(count, active, graph.checkpoint().orElse(0), millis));
            out.flush();
            return ExitCodes.OK;
        }
    }

    private int remote(PrintWriter out) {
        HttpRequest request = where.request("/admin/graph/rebuild").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = CatalogueCommandOptions.send(where.client(), request);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new CatalogueCommandOptions.Unreachable(CatalogueCommandOptions.refused(response, "a rebuild needs a token with the catalogue-admin role"));
        }
        if (response.statusCode() != 200) {
            throw new CatalogueCommandOptions.Unreachable("the rebuild failed on the server (HTTP " + response.statusCode() + ": "
                    + CatalogueCommandOptions.message(response) + ")");
        }
        JsonObject o = CatalogueCommandOptions.json(response.body());
        out.println(summary(number(o, "selfDescriptions"), -1, number(o, "checkpoint"), number(o, "millis")));
        out.flush();
        return ExitCodes.OK;
    }

    private static long number(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.longValue() : -1;
    }

    /** {@code Graph rebuilt from PostgreSQL: 1200 self-descriptions (1100 active) in 3.2 s (375/s); checkpoint 4567.} */
    static String summary(long count, long active, long checkpoint, long millis) {
        double seconds = Math.max(millis, 1) / 1000.0;
        return String.format(Locale.ROOT, "Graph rebuilt from PostgreSQL: %d self-description%s%s in %.1f s (%.0f/s); checkpoint %d.",
                count, count == 1 ? "" : "s", active >= 0 ? " (" + active + " active)" : "", millis / 1000.0, count / seconds, checkpoint);
    }
}
