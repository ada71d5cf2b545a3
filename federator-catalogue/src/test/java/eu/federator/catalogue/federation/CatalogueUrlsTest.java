package eu.federator.catalogue.federation;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueUrlsTest {

    @Test
    void oneCatalogueHasOneId() {
        assertThat(CatalogueUrls.normalize("HTTPS://Catalogue.Example.org/")).isEqualTo("https://catalogue.example.org");
        assertThat(CatalogueUrls.normalize(" http://127.0.0.1:8080/fc// ")).isEqualTo("http://127.0.0.1:8080/fc");
        assertThat(CatalogueUrls.normalize("https://catalogue.example.org/Path")).isEqualTo("https://catalogue.example.org/Path");
    }

    @Test
    void whatIsNotACatalogueUrlIsRefused() {
        assertThatThrownBy(() -> CatalogueUrls.normalize("ftp://x.example")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> CatalogueUrls.normalize("catalogue.example.org")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> CatalogueUrls.normalize("https://u:p@x.example")).hasMessageContaining("user info");
        assertThatThrownBy(() -> CatalogueUrls.normalize("https://x.example/?a=b")).hasMessageContaining("query");
        assertThatThrownBy(() -> CatalogueUrls.normalize(" ")).hasMessageContaining("required");
    }

    @Test
    void aPeerNeverShowsItsToken() {
        Peer peer = new Peer("https://b.example/", "secret-token-value-0123456789");
        assertThat(peer.url()).isEqualTo("https://b.example");
        assertThat(peer.toString()).doesNotContain("secret").contains("token set");
        assertThat(new FederatedQuery.Partner("https://b.example", "secret-token-value").toString()).doesNotContain("secret");
    }

    @Test
    void backOffDoublesUpToFiveMinutes() {
        Duration poll = Duration.ofSeconds(5);
        assertThat(FederationSubscriber.backoff(poll, 1)).isEqualTo(poll);
        assertThat(FederationSubscriber.backoff(poll, 3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(FederationSubscriber.backoff(poll, 40)).isEqualTo(Duration.ofMinutes(5));
        assertThat(FederationSubscriber.backoff(Duration.ofHours(1), 3)).isEqualTo(Duration.ofHours(1));
    }
}
