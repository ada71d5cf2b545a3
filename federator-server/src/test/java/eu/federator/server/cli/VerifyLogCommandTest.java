package eu.federator.server.cli;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import eu.federator.dataspace.log.ExchangeChain;
import eu.federator.dataspace.log.LogEntry;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.ProcessKind;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.compliance.ComplianceWorld.Party;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code federator verify-log}: an exported exchange log checked offline with its signer's DID document. */
class VerifyLogCommandTest {
    static final Path DIR = TestDirectories.newDataDir("federator-verify-log-");
    static final ComplianceWorld WORLD = new ComplianceWorld(DIR.resolve("world"));
    static final Party SIGNER = WORLD.party("provider.example.org");
    static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

    /** Three entries, a checkpoint on the last signed by {@code key}; {@code change} may alter entry 2 after hashing. */
    static Path export(String name, SigningKey key, boolean change) throws Exception {
        JsonArrayBuilder entries = Json.provider().createArrayBuilder();
        String previous = ExchangeChain.GENESIS;
        for (int i = 1; i <= 3; i++) {
            LogEvent e = new LogEvent("urn:uuid:negotiation", ProcessKind.NEGOTIATION, "event-" + i, "did:web:consumer.example.org",
                    "urn:uuid:agreement", ExchangeChain.digest(("m" + i).getBytes(StandardCharsets.UTF_8)), AT.plusSeconds(i));
            LogEntry entry = new LogEntry(i, previous, ExchangeChain.hash(i, previous, e), e);
            JsonObject json = ExchangeChain.entryJson(entry);
            entries.add(change && i == 2 ? Json.provider().createObjectBuilder(json).add("counterPartyId", "did:web:mallory.example.org").build() : json);
            previous = entry.hash();
        }
        JsonObject export = Json.provider().createObjectBuilder().add("from", 1).add("to", 3).add("previousHash", ExchangeChain.GENESIS)
                .add("entries", entries).add("checkpoints", Json.provider().createArrayBuilder()
                        .add(ExchangeChain.checkpointJson(ExchangeChain.sign(3, previous, AT.plusSeconds(10), key)))).build();
        Path file = DIR.resolve(name);
        Files.writeString(file, Json.write(export));
        return file;
    }

    static String didDocument() {
        return WORLD.mirror.resolve("provider.example.org/.well-known/did.json").toString();
    }

    @Test
    void anIntactExportVerifiesWithTheSignersDidDocument() throws Exception {
        CliRun run = CliRun.run("verify-log", "--did-document", didDocument(), export("intact.json", SIGNER.key(), false).toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("INTACT (3 entries, 1 checkpoints, signed through 3)").contains("signer: " + SIGNER.key().verificationMethod());
        CliRun json = CliRun.run("verify-log", "--json", "--web-mirror", WORLD.mirror.toString(), export("intact2.json", SIGNER.key(), false).toString());
        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(json.json().getBoolean("ok")).isTrue();
    }

    @Test
    void aChangedEntryOrAnotherKeyIsNamed() throws Exception {
        CliRun changed = CliRun.run("verify-log", "--did-document", didDocument(), export("changed.json", SIGNER.key(), true).toString());
        assertThat(changed.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(changed.out()).contains("ALTERED at sequence 2: HASH_MISMATCH");
        Party other = WORLD.party("other.example.org");
        SigningKey impostor = new SigningKey(other.key().privateKey(), SIGNER.key().verificationMethod());
        CliRun forged = CliRun.run("verify-log", "--did-document", didDocument(), export("forged.json", impostor, false).toString());
        assertThat(forged.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(forged.out()).contains("ALTERED at sequence 3: CHECKPOINT_SIGNATURE_INVALID");
        // without the signer's document nothing is fetched: the key is unknown
        CliRun offline = CliRun.run("verify-log", export("unknown.json", SIGNER.key(), false).toString());
        assertThat(offline.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(offline.out()).contains("not among the --did-document files");
    }

    @Test
    void whatIsNoExportIsAUsageError() throws Exception {
        Path notAnExport = DIR.resolve("not-an-export.json");
        Files.writeString(notAnExport, "{\"entries\": []}");
        CliRun run = CliRun.run("verify-log", notAnExport.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not an exchange log export");
    }
}
