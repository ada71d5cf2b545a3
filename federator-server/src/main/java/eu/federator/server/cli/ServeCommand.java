package eu.federator.server.cli;

import eu.federator.server.FederatorApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "serve", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run the Federator server (HTTP API, actuator, embedded PostgreSQL unless spring.datasource.url is set).",
                "Every setting can also come from application properties or environment variables (FEDERATOR_DATA_DIR, "
                        + "FEDERATOR_TRUST_WEB_MIRROR, SPRING_DATASOURCE_URL, ...); options given here take precedence.",
                "Exit codes: 0 after a clean shutdown, 2 usage error, 3 the server could not start."})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080; 0 = any free port)")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (default ./data)")
    Path dataDir;

    @Option(names = "--web-mirror", paramLabel = "DIR", description = "answer outbound fetches of https://HOST/PATH from DIR/HOST/PATH")
    Path webMirror;

    @Option(names = "--trust-anchors", paramLabel = "PEMFILE", description = "trusted root certificates (PEM)")
    Path trustAnchors;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any other property, e.g. --set spring.datasource.url=jdbc:postgresql://db/federator")
    Map<String, String> properties = new LinkedHashMap<>();

    private volatile ConfigurableApplicationContext context;

    @Override
    public Integer call() {
        if (port != null && (port < 0 || port > 65535)) {
            throw new UsageException("--port " + port + " is not a port number (0-65535)");
        }
        Files2.directory(webMirror, "--web-mirror");
        Files2.readableFile(trustAnchors, "--trust-anchors");
        List<String> args = new ArrayList<>();
        if (port != null) {
            args.add("--server.port=" + port);
        }
        args.addAll(ServerArguments.of(dataDir, webMirror, trustAnchors, properties));
        try {
            SpringApplication application = new SpringApplication(FederatorApplication.class);
            application.setMainApplicationClass(FederatorApplication.class);
            context = application.run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // Spring Boot has already reported why (failure analysis, or the logged exception)
            spec.commandLine().getErr().println("federator serve: the server could not start" + reason(e));
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /** The running server after a successful {@link #call()} (it runs until the JVM stops or it is closed). */
    public ConfigurableApplicationContext context() {
        return context;
    }

    public boolean started() {
        return context != null && context.isActive();
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? "" : ": " + message;
    }
}
