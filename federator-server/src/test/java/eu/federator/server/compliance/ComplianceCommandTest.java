package eu.federator.server.compliance;

import eu.federator.server.cli.CliRun;

import eu.federator.trustframework.compliance.ComplianceWorld;

import eu.federator.catalogue.testing.TestDirectories;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code federator compliance}: exit codes, the text report and the exact --json shape. */
class ComplianceCommandTest {

    @TempDir
    Path dir;



    @Test
    void compliantLoirePresentationExits0() throws Exception {
        ComplianceWorld world = new ComplianceWorld(dir);
        ComplianceWorld.Loire loire = world.new Loire();
        Path vp = Files.writeString(dir.resolve("vp.jwt"), loire.compliant());
        CliRun run = CliRun.run("compliance", "--web-mirror", world.mirror.toString(), "--trust-anchors", world.anchors.toString(),
                "--trusted-notary", loire.notary.did(), "--at", "2026-06-01T12:00:00Z", "--json", vp.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonObject json = run.json();
        assertThat(json.keySet()).containsExactly("compliant", "version", "rules");
        assertThat(json.getBoolean("compliant")).isTrue();
        assertThat(json.getString("version")).isEqualTo("25.11");
        assertThat(json.getJsonArray("rules").getJsonObject(0).keySet()).containsExactly("id", "ok", "message", "focus");
    }

    @Test
    void untrustedNotaryExits1AndListsTheRule() throws Exception {
        ComplianceWorld world = new ComplianceWorld(dir);
        ComplianceWorld.Loire loire = world.new Loire();
        Path vp = Files.writeString(dir.resolve("vp.jwt"), loire.compliant());
        CliRun run = CliRun.run("compliance", "--web-mirror", world.mirror.toString(), "--trust-anchors", world.anchors.toString(),
                "--at", "2026-06-01T12:00:00Z", "--level", "l1", vp.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("NOT COMPLIANT", "[FAIL] loire.registration-notary", "[FAIL] loire.label-service-offering");
    }

    @Test
    void tagusFixtureExits1WithTheUnverifiableSignaturesOnly() {
        Path fixture = TestDirectories.fixtures().resolve("gaiax/tagus-2210/vp/participant-vp.json");
        CliRun run = CliRun.run("compliance", "--web-mirror", dir.toString(), "--json", fixture.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        JsonObject json = run.json();
        assertThat(json.getString("version")).isEqualTo("22.10");
        List<String> failed = json.getJsonArray("rules").stream().map(v -> v.asJsonObject())
                .filter(r -> !r.getBoolean("ok")).map(r -> r.getString("id")).distinct().toList();
        assertThat(failed).containsExactlyInAnyOrder("tagus.signature", "tagus.certificate-chain");
    }

    @Test
    void usageErrorsExit2() {
        assertThat(CliRun.run("compliance").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("compliance", dir.resolve("missing.json").toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run("compliance", "--level", "l9", dir.toString()).exitCode()).isEqualTo(2);
    }
}
