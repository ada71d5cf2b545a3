package eu.federator.trustframework.registry;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Gaia-X Terms &amp; Conditions per trust-framework release, from the bundled
 * {@code terms-and-conditions-hashes.json} (copy of {@code fixtures/gaiax/registry/terms-and-conditions-hashes.json}):
 * <ul>
 *   <li>22.04: text and its SHA-256 (the value the 22.04/22.06 compliance compared against);</li>
 *   <li>22.10: text (22.10 credentials carry the text itself, matched by {@code sh:hasValue}) and its SHA-256 for information;</li>
 *   <li>25.11 (Loire): the accepted {@code gx:Issuer/gx:gaiaxTermsAndConditions} hashes. The byte-exact text behind
 *   them is not known (the ontology's definition text is served for reading only).</li>
 * </ul>
 */
public final class TermsAndConditions {
    /** The current Loire hash (25.11). */
    public static final String LOIRE_CURRENT = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515";
    /** The previous Loire hash, accepted until the end of 2026-03-31 according to the 25.11 ontology. */
    public static final String LOIRE_DEPRECATED = "4bd7554097444c960292b4726c2efa1373485e8a5565d94d41195214c5e0ceb3";
    static final Instant LOIRE_DEPRECATED_UNTIL = LocalDate.of(2026, 4, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /**
     * An accepted hash.
     *
     * @param acceptedUntil null when not scheduled to end
     */
    public record AcceptedHash(String sha256, String status, Instant acceptedUntil) {
        public boolean acceptedAt(Instant at) {
            return acceptedUntil == null || at.isBefore(acceptedUntil);
        }
    }

    /**
     * One release's terms.
     *
     * @param version  {@code 22.04}, {@code 22.10} or {@code 25.11}
     * @param hash     lowercase hex SHA-256 (for 25.11 the current accepted hash)
     * @param text     the text, when known
     * @param note     how the hash is enforced, and caveats
     * @param accepted every accepted hash (only 25.11 has more than one)
     */
    public record Version(String version, String hash, String text, String note, List<AcceptedHash> accepted) {
    }

    private final List<Version> versions;

    private TermsAndConditions(List<Version> versions) {
        this.versions = List.copyOf(versions);
    }

    /** The bundled data. */
    public static TermsAndConditions bundled() {
        JsonObject json;
        try (InputStream in = TermsAndConditions.class.getResourceAsStream("terms-and-conditions-hashes.json")) {
            if (in == null) {
                throw new IllegalStateException("terms-and-conditions-hashes.json is missing from the build");
            }
            json = Json.parseObject(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("bundled terms-and-conditions-hashes.json: " + e.getMessage(), e);
        }
        List<Version> out = new ArrayList<>();
        JsonObject v2204 = json.getJsonObject("22.04");
        out.add(new Version("22.04", v2204.getString("sha256"), v2204.getString("text"), v2204.getString("enforcedBy"),
                List.of(new AcceptedHash(v2204.getString("sha256"), "22.04", null))));
        JsonObject v2210 = json.getJsonObject("22.10-tagus");
        out.add(new Version("22.10", v2210.getString("sha256_informational"), v2210.getString("text"), v2210.getString("enforcedBy"),
                List.of()));
        JsonObject loire = json.getJsonObject("loire-24.x-25.x");
        List<AcceptedHash> accepted = new ArrayList<>();
        loire.getJsonObject("acceptedSha256").forEach((hash, status) -> accepted.add(new AcceptedHash(hash,
                ((jakarta.json.JsonString) status).getString(), hash.equals(LOIRE_DEPRECATED) ? LOIRE_DEPRECATED_UNTIL : null)));
        out.add(new Version("25.11", LOIRE_CURRENT, loire.getString("currentTextPerOntologyDefinition"),
                loire.getString("enforcedBy") + ". " + loire.getString("note"), accepted));
        return new TermsAndConditions(out);
    }

    /** Oldest first. */
    public List<Version> versions() {
        return versions;
    }

    public Optional<Version> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** The hash a new gx:Issuer credential should carry. */
    public String currentHash() {
        return LOIRE_CURRENT;
    }

    /** The Loire hashes accepted at an instant (the deprecated one only before 2026-04-01). */
    public List<String> acceptedHashes(Instant at) {
        return version("25.11").orElseThrow().accepted().stream().filter(a -> a.acceptedAt(at)).map(AcceptedHash::sha256).toList();
    }
}
