package eu.federator.server.cli;

import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real signed Gaia-X Loire self-descriptions from a {@link ComplianceWorld}, written into files as a provider would
 * keep them: the participant's presentation, and one presentation per service offering carrying the provider's
 * participant credentials (signed once) and the offering credential.
 */
public final class SelfDescriptionFiles {
    public final ComplianceWorld world;
    public final ComplianceWorld.Loire loire;
    private final List<String> participantCredentials;

    public SelfDescriptionFiles(Path dir) {
        world = new ComplianceWorld(dir);
        loire = world.new Loire();
        participantCredentials = List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary),
                world.sign(loire.issuer(ComplianceWorld.ACCEPTED_HASH), loire.participant));
    }

    /** The participant's own presentation (vp+jwt). */
    public String participant() {
        return world.presentation(loire.participant, participantCredentials);
    }

    /** A service-offering presentation (vp+jwt) whose offering is {@code https://participant.example.org/credentials/NAME.json#cs}. */
    public String offering(String name) {
        JsonObject offering = ComplianceWorld.vc(loire.participant, "https://participant.example.org/credentials/" + name + ".json",
                "ServiceOffering", cs -> cs.add("gx:providedBy", Json.createObjectBuilder().add("id", loire.legalPersonSubject()))
                        .add("gx:serviceOfferingTermsAndConditions", Json.createObjectBuilder().add("type", "gx:TermsAndConditions")
                                .add("gx:url", Json.createObjectBuilder().add("@value", "https://participant.example.org/terms")
                                        .add("@type", "xsd:anyURI"))
                                .add("gx:hash", "0d6a4c3bbf6a7d2b3b2e0f6f3e1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"))
                        .add("gx:keyword", name));
        List<String> credentials = new ArrayList<>(participantCredentials);
        credentials.add(world.sign(offering, loire.participant));
        return world.presentation(loire.participant, credentials);
    }

    /** The same JWT with one character of its signature changed: its signature no longer verifies. */
    public static String tampered(String jwt) {
        int signature = jwt.lastIndexOf('.') + 1;
        int at = signature + 10;
        char c = jwt.charAt(at);
        return jwt.substring(0, at) + (c == 'A' ? 'B' : 'A') + jwt.substring(at + 1);
    }

    /** Writes {@code offering-NNN.jwt} for {@code from <= i < to} into {@code dir} (with a trailing newline, as editors do). */
    public List<Path> writeOfferings(Path dir, String prefix, int from, int to) {
        List<Path> files = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String name = String.format("%s-%03d", prefix, i);
            files.add(write(dir.resolve(name + ".jwt"), offering(name) + "\n"));
        }
        return files;
    }

    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
