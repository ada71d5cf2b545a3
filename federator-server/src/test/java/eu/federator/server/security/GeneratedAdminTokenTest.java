package eu.federator.server.security;

import eu.federator.server.FederatorApplication;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode without a configured token: the server generates one at first start into {@code <data-dir>/admin-token}
 * (mode 0600), reuses it after a restart, accepts it as a bearer token and never writes it to the log.
 * Two real starts of the server on the same data directory (with its embedded PostgreSQL).
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminTokenTest {

    static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(FederatorApplication.class)
                .properties("server.port=0", "federator.data-dir=" + data, "FEDERATOR_ADMIN_TOKEN=")
                .run();
    }

    static int status(ConfigurableApplicationContext app, String method, String path, String token) throws Exception {
        Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
        HttpRequest.Builder b = http.request(path).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build());
        return r.statusCode();
    }

    @Test
    void generatedOnceWithMode0600ReusedAfterRestartAndNeverLogged(CapturedOutput output) throws Exception {
        Path data = TestDirectories.newDataDir("federator-sec-gen-");
        Path file = data.resolve("admin-token");
        String token;
        try (ConfigurableApplicationContext app = start(data)) {
            assertThat(file).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 random bits, base64url
            assertThat(status(app, "DELETE", "/schemas/x", null)).isEqualTo(401);
            assertThat(status(app, "DELETE", "/schemas/x", "wrong-" + token)).isEqualTo(401);
            assertThat(status(app, "GET", "/admin/does-not-exist", token)).isEqualTo(404); // through security to MVC
            assertThat(status(app, "GET", "/roles", token)).isEqualTo(200);
        }
        assertThat(output.getAll()).contains("LOCAL MODE").contains("generated into " + file);

        try (ConfigurableApplicationContext app = start(data)) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8).strip()).isEqualTo(token);
            assertThat(status(app, "GET", "/roles", token)).isEqualTo(200);
        }
        assertThat(output.getAll()).contains("admin bearer token in " + file);
        assertThat(output.getAll()).doesNotContain(token);
    }
}
