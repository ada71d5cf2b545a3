package eu.federator.server.portal;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.FederatorApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Portal sessions live in PostgreSQL, not in a server's memory: a user signed in on one server process stays signed in
 * on the next one on the same database (what a second replica behind a load balancer sees), and signing out ends the
 * session for all.
 */
class PortalSessionStoreTest {
    static final String TOKEN = "portal-session-store-token-0123456789";
    static final Path DATA = TestDirectories.newDataDir("federator-portal-sessions-");

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(FederatorApplication.class).run("--server.port=0", "--federator.data-dir=" + DATA,
                "--FEDERATOR_ADMIN_TOKEN=" + TOKEN);
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void aSignedInUserStaysSignedInOnTheNextServerAndSigningOutEndsItEverywhere() throws Exception {
        PortalSession browser;
        try (ConfigurableApplicationContext first = start()) {
            browser = new PortalSession(port(first)).signInWithToken(TOKEN);
            assertThat(browser.page("/catalogue").select("form.signout")).hasSize(1);
            assertThat(first.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = 'local-admin'",
                    Long.class)).isEqualTo(1);
        }
        try (ConfigurableApplicationContext second = start()) {
            PortalSession same = browser.onPort(port(second));
            assertThat(same.page("/catalogue").select("form.signout button").text()).isEqualTo("Sign out administrator");
            assertThat(same.get("/manage").statusCode()).isEqualTo(200);
            assertThat(same.submit(same.page("/catalogue"), "form.signout", java.util.Map.of()).statusCode()).isEqualTo(302);
            assertThat(same.get("/manage").statusCode()).as("signed out").isEqualTo(302);
            assertThat(second.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = 'local-admin'",
                    Long.class)).isZero();
        }
    }
}
