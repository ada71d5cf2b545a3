package eu.federator.server.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every federator.* setting can be given as an environment variable (Spring relaxed binding). */
class FederatorPropertiesTest {

    static FederatorProperties bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        // the name matters: Spring Boot applies its environment-variable name mapping to this source only
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        ConfigurationPropertySources.attach(env);
        return Binder.get(env).bindOrCreate("federator", FederatorProperties.class);
    }

    @Test
    void defaults() {
        FederatorProperties p = bind(Map.of());
        assertThat(p.dataDir()).isEqualTo(Path.of("data"));
        assertThat(p.trust().webMirror()).isNull();
        assertThat(p.trust().trustAnchors()).isNull();
        assertThat(p.trust().allowedContexts()).isEmpty();
        assertThat(p.trust().cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.net().allowHttp()).isFalse();
        assertThat(p.net().allowPrivateNetworks()).isFalse();
        assertThat(p.http().maxBodySize().toBytes()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void environmentVariables() {
        FederatorProperties p = bind(Map.of(
                "FEDERATOR_DATA_DIR", "/var/lib/federator",
                "FEDERATOR_TRUST_WEB_MIRROR", "/srv/mirror",
                "FEDERATOR_TRUST_TRUST_ANCHORS", "/etc/federator/anchors.pem",
                "FEDERATOR_TRUST_ALLOWED_CONTEXTS", "https://a.example/ctx,https://b.example/ctx",
                "FEDERATOR_TRUST_CACHE_TTL", "1h",
                "FEDERATOR_NET_ALLOW_PRIVATE_NETWORKS", "true",
                "FEDERATOR_NET_ALLOW_HTTP", "true",
                "FEDERATOR_HTTP_MAX_BODY_SIZE", "2MB"));
        assertThat(p.dataDir()).isEqualTo(Path.of("/var/lib/federator"));
        assertThat(p.trust().webMirror()).isEqualTo(Path.of("/srv/mirror"));
        assertThat(p.trust().trustAnchors()).isEqualTo(Path.of("/etc/federator/anchors.pem"));
        assertThat(p.trust().allowedContexts()).containsExactly("https://a.example/ctx", "https://b.example/ctx");
        assertThat(p.trust().cacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(p.net().allowPrivateNetworks()).isTrue();
        assertThat(p.net().allowHttp()).isTrue();
        assertThat(p.http().maxBodySize().toBytes()).isEqualTo(2L * 1024 * 1024);
    }
}
