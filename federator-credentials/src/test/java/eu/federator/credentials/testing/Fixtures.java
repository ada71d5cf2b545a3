package eu.federator.credentials.testing;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Third-party fixtures, read from the directory in the system property {@code federator.fixtures}. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        String dir = System.getProperty("federator.fixtures");
        if (dir == null) {
            throw new IllegalStateException("system property federator.fixtures is not set (surefire sets it in the root pom)");
        }
        return Path.of(dir);
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject json(String relative) {
        try {
            return Json.parseObject(bytes(relative));
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException(relative + ": " + e.getMessage(), e);
        }
    }
}
