package eu.federator.server.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

/** One in-process run of the {@code federator} command line: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FederatorCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Standard output parsed as one JSON object (for --json). */
    public JsonObject json() {
        try (var reader = Json.createReader(new StringReader(out))) {
            return reader.readObject();
        }
    }
}
