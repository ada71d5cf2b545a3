package eu.federator.server.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The files of a {@code catalogue import}: what to submit, in which order, with which media type. */
final class ImportFiles {
    static final String JSON = "application/json";
    static final String VC_JWT = "application/vc+jwt";
    static final String VP_JWT = "application/vp+jwt";
    /** JWT media types the server takes ({@code POST /self-descriptions}), by their {@code typ} header. */
    private static final Set<String> JWT_TYPES = Set.of("vc+jwt", "vp+jwt", "vc+ld+json+jwt", "vc+ld+jwt", "vp+ld+json+jwt", "vp+ld+jwt");

    private ImportFiles() {
    }

    /**
     * Every file of the inputs: files as given, directories walked recursively in path order; each file once.
     *
     * @throws UsageException when an input does not exist or a directory cannot be read
     */
    static List<Path> collect(List<Path> inputs) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        if (seen.add(p.toAbsolutePath().normalize())) {
                            files.add(p);
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new UsageException("cannot read the directory " + input + ": " + e.getMessage(), e);
                }
            } else if (Files.exists(input)) {
                if (seen.add(input.toAbsolutePath().normalize())) {
                    files.add(input);
                }
            } else {
                throw new UsageException(input + " does not exist; give files (.json, .jsonld, .jwt) or directories holding them");
            }
        }
        return files;
    }

    /** Whether the file is submitted at all (by its name). */
    static boolean importable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".jsonld") || name.endsWith(".jwt");
    }

    /**
     * The media type to submit the content with: {@value #JSON} for JSON files; for a {@code .jwt} the type its header
     * states ({@code typ}), {@value #VP_JWT} when it states none the server knows.
     */
    static String contentType(Path file, byte[] content) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".jwt")) {
            return JSON;
        }
        String typ = typ(content);
        if (typ == null) {
            return VP_JWT;
        }
        typ = typ.toLowerCase(Locale.ROOT);
        typ = typ.startsWith("application/") ? typ.substring("application/".length()) : typ;
        if (JWT_TYPES.contains(typ)) {
            return "application/" + typ;
        }
        return typ.startsWith("vc+") || typ.startsWith("vc-") ? VC_JWT : VP_JWT;
    }

    /** The {@code typ} of a compact JWS's protected header, or null when there is none or it cannot be read. */
    static String typ(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        int dot = text.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(text.substring(0, dot)), StandardCharsets.UTF_8)))) {
            JsonObject header = reader.readObject();
            return header.get("typ") instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null; // not a JWS: the catalogue says why
        }
    }
}
