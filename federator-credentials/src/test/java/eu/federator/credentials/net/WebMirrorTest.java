package eu.federator.credentials.net;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebMirrorTest {

    static Path web() {
        return Path.of(System.getProperty("federator.fixtures"), "xfsc", "web");
    }

    @Test
    void answersEveryUrlOfTheFixtureUrlMap() throws Exception {
        WebMirror mirror = new WebMirror(web());
        JsonObject map;
        try (InputStream in = Files.newInputStream(web().resolve("urlmap.json"))) {
            map = Json.createReader(in).readObject().getJsonObject("map");
        }
        assertThat(map).hasSizeGreaterThan(10);
        for (Map.Entry<String, ?> e : map.entrySet()) {
            Fetched fetched = mirror.fetch(URI.create(e.getKey()), null);
            assertThat(fetched.body()).as(e.getKey())
                    .isEqualTo(Files.readAllBytes(web().resolve(((JsonString) e.getValue()).getString())));
        }
    }

    @Test
    void dropsTheFragmentAndAcceptsHttp() throws Exception {
        WebMirror mirror = new WebMirror(web());
        Fetched fetched = mirror.fetch(URI.create("http://did-server/.well-known/did.json#0"), null);
        assertThat(fetched.uri()).isEqualTo(URI.create("http://did-server/.well-known/did.json"));
        assertThat(fetched.contentType()).isEqualTo("application/json");
        assertThat(mirror.fetch(URI.create("https://DID-SERVER:443/certs/chain.pem"), null).contentType()).isEqualTo("application/x-pem-file");
    }

    @Test
    void missingFileNamesTheMirrorAndPath() {
        WebMirror mirror = new WebMirror(web());
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://example.com/nothing/here.json"), null))
                .isInstanceOf(FetchException.class)
                .hasMessageStartingWith("not in web mirror " + web().toAbsolutePath().normalize() + ": example.com/nothing/here.json");
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://did-server/certs"), null))
                .hasMessageStartingWith("not in web mirror"); // a directory
    }

    @Test
    void mapsPortsToPercentEncodedDirectories(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("localhost%3A8443/a"));
        Files.writeString(dir.resolve("localhost%3A8443/a/did.json"), "{}");
        WebMirror mirror = new WebMirror(dir);
        assertThat(mirror.fetch(URI.create("https://localhost:8443/a/did.json"), null).body()).isEqualTo("{}".getBytes());
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://localhost/a/did.json"), null)).hasMessageContaining("not in web mirror");
    }

    @Test
    void refusesTraversal(@TempDir Path dir) throws Exception {
        Path mirrorDir = Files.createDirectories(dir.resolve("mirror"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        WebMirror mirror = new WebMirror(mirrorDir);
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://host/../secret.txt"), null)).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://host/a/%2E%2E/%2E%2E/secret.txt"), null)).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://host/a/..%2F..%2Fsecret.txt"), null)).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://host/x?y=1"), null)).hasMessageContaining("queries are not mirrored");
        assertThatThrownBy(() -> mirror.fetch(URI.create("file:///etc/passwd"), null)).hasMessageContaining("only absolute http(s)");
    }

    @Test
    void refusesSymlinksLeavingTheMirror(@TempDir Path dir) throws Exception {
        Path mirrorDir = Files.createDirectories(dir.resolve("mirror/host"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(mirrorDir.resolve("link"), dir.resolve("secret.txt"));
        WebMirror mirror = new WebMirror(dir.resolve("mirror"));
        assertThatThrownBy(() -> mirror.fetch(URI.create("https://host/link"), null)).hasMessageContaining("links outside the web mirror");
    }
}
