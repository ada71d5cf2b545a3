package eu.federator.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Spring arguments of the options {@code serve} and the in-process catalogue commands share. */
final class ServerArguments {
    private ServerArguments() {
    }

    /** {@code --federator.data-dir=...} and the like for the options given (null: not given), then every {@code --set}. */
    static List<String> of(Path dataDir, Path webMirror, Path trustAnchors, Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        if (dataDir != null) {
            args.add("--federator.data-dir=" + dataDir.toAbsolutePath().normalize());
        }
        if (webMirror != null) {
            args.add("--federator.trust.web-mirror=" + webMirror.toAbsolutePath().normalize());
        }
        if (trustAnchors != null) {
            args.add("--federator.trust.trust-anchors=" + trustAnchors.toAbsolutePath().normalize());
        }
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }
}
