package eu.federator.server.security;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.config.ConfigurationError;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalAdminTokenTest {

    @Test
    void generatedReusedAndTightened() throws Exception {
        Path dir = TestDirectories.newDataDir("federator-admin-token-").resolve("data");
        LocalAdminToken first = LocalAdminToken.resolve(null, dir);
        assertThat(first.source()).isEqualTo(LocalAdminToken.Source.GENERATED);
        Path file = dir.resolve("admin-token");
        String token = Files.readString(file).strip();
        assertThat(first.matches(token)).isTrue();
        assertThat(first.matches(token + " ")).isFalse();
        assertThat(first.matches(null)).isFalse();
        assertThat(first.toString()).doesNotContain(token);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        LocalAdminToken second = LocalAdminToken.resolve(null, dir);
        assertThat(second.source()).isEqualTo(LocalAdminToken.Source.FILE);
        assertThat(second.matches(token)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Files.writeString(file, ""); // truncated by a crash: replaced
        LocalAdminToken third = LocalAdminToken.resolve(null, dir);
        assertThat(third.source()).isEqualTo(LocalAdminToken.Source.GENERATED);
        assertThat(third.matches(token)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("admin-token");
        }
    }

    @Test
    void configuredTokenWinsAndMustNotBeShort() {
        Path dir = TestDirectories.newDataDir("federator-admin-token-");
        LocalAdminToken configured = LocalAdminToken.resolve("a-configured-token-0123456789", dir);
        assertThat(configured.source()).isEqualTo(LocalAdminToken.Source.CONFIGURED);
        assertThat(configured.matches("a-configured-token-0123456789")).isTrue();
        assertThat(dir.resolve("admin-token")).doesNotExist();
        assertThatThrownBy(() -> LocalAdminToken.resolve("short", dir)).isInstanceOf(ConfigurationError.class)
                .hasMessageNotContaining("short\"");
    }
}
