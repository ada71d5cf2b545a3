package eu.federator.server.dataspace.dataplane;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.config.ConfigurationError;
import eu.federator.server.dataspace.dataplane.DataSources.Source;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourcesTest {
    static final Path DIR = TestDirectories.newDataDir("federator-data-sources-");
    static final Map<String, String> ENV = Map.of("WEATHER_KEY", "s3cret-value", "DATA_HOST", "data.example.org");

    static Path file(String json) throws IOException {
        Path file = Files.createTempFile(DIR, "sources-", ".json");
        Files.writeString(file, json);
        return file;
    }

    static DataSources load(String json) throws IOException {
        return DataSources.load(file(json), ENV::get);
    }

    @Test
    void readsSourcesAndReplacesEnvironmentVariables() throws Exception {
        DataSources sources = load("""
                {"https://provider.example.org/credentials/weather.json#cs": {
                   "url": "https://${DATA_HOST}/weather.csv?station=7",
                   "headers": {"X-Api-Key": "${WEATHER_KEY}", "Authorization": "Bearer ${WEATHER_KEY}-2"},
                   "contentType": "text/csv", "proxyPath": true, "proxyQuery": false},
                 "urn:dataset:plain": {"url": "http://10.0.0.5:8080/data"}}
                """);
        assertThat(sources.size()).isEqualTo(2);
        Source weather = sources.find("https://provider.example.org/credentials/weather.json#cs").orElseThrow();
        assertThat(weather.url()).isEqualTo(URI.create("https://data.example.org/weather.csv?station=7"));
        assertThat(weather.shownUrl()).isEqualTo("https://${DATA_HOST}/weather.csv?station=7");
        assertThat(weather.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("X-Api-Key", "s3cret-value", "Authorization", "Bearer s3cret-value-2"));
        assertThat(weather.contentType()).isEqualTo("text/csv");
        assertThat(weather.proxyPath()).isTrue();
        assertThat(weather.proxyQuery()).isFalse();
        assertThat(weather.toString()).doesNotContain("s3cret");
        Source plain = sources.find("urn:dataset:plain").orElseThrow();
        assertThat(plain.headers()).isEmpty();
        assertThat(plain.contentType()).isNull();
        assertThat(plain.proxyPath()).isFalse();
        assertThat(sources.find("urn:dataset:other")).isEmpty();
    }

    @Test
    void noFileMeansNoSources() {
        assertThat(DataSources.load(null, ENV::get).size()).isZero();
    }

    @Test
    void aVariableThatIsNotSetStopsTheStartNamingItButNoValue() throws Exception {
        Path file = file("""
                {"urn:a": {"url": "https://data.example.org/a", "headers": {"X-Api-Key": "${MISSING_KEY} and ${WEATHER_KEY}"}}}
                """);
        assertThatThrownBy(() -> DataSources.load(file, ENV::get)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("/urn:a/headers/X-Api-Key: environment variable MISSING_KEY is not set")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void everyProblemIsReportedWithItsPlace() throws Exception {
        Path file = file("""
                {"urn:no-url": {"headers": {}},
                 "urn:ftp": {"url": "ftp://data.example.org/a"},
                 "urn:relative": {"url": "/data/a"},
                 "urn:user": {"url": "https://user:pw@data.example.org/a"},
                 "urn:headers": {"url": "https://data.example.org/a", "headers": {"Host": "other", "Bad Name": "x", "X-N": 5}},
                 "urn:unknown": {"url": "https://data.example.org/a", "method": "POST", "proxyPath": "yes"},
                 "urn:broken-variable": {"url": "https://data.example.org/${not a name}"},
                 "urn:list": ["https://data.example.org/a"]}
                """);
        assertThatThrownBy(() -> DataSources.load(file, ENV::get)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("/urn:no-url/url: missing")
                .hasMessageContaining("/urn:ftp/url: must be an absolute http(s) URL with a host")
                .hasMessageContaining("/urn:relative/url: must be an absolute http(s) URL with a host")
                .hasMessageContaining("/urn:user/url: user info in the URL is not allowed")
                .hasMessageContaining("/urn:headers/headers/Host: this header is set by the HTTP client")
                .hasMessageContaining("/urn:headers/headers/Bad Name: not a valid header name")
                .hasMessageContaining("/urn:headers/headers/X-N: must be a string")
                .hasMessageContaining("/urn:unknown/method: unknown property")
                .hasMessageContaining("/urn:unknown/proxyPath: must be true or false")
                .hasMessageContaining("/urn:broken-variable/url: \"${\" must be followed by a variable name")
                .hasMessageContaining("/urn:list: must be an object");
    }

    @Test
    void aFileThatCannotBeReadOrIsNoObjectStopsTheStart() throws Exception {
        assertThatThrownBy(() -> DataSources.load(DIR.resolve("missing.json"), ENV::get)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("cannot be read");
        Path array = file("[1, 2]");
        assertThatThrownBy(() -> DataSources.load(array, ENV::get)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("is not a JSON object");
    }
}
