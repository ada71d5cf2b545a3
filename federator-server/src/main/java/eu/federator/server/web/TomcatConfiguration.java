package eu.federator.server.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    /**
     * Send "100 Continue" only when the application reads the body: a client that sends {@code Expect: 100-continue}
     * with a Content-Length above the limit gets 413 without uploading the body.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    /**
     * Keep {@code %2F} in a path segment instead of refusing the request (Tomcat's default): catalogue ids are IRIs,
     * URL-encoded into one segment ({@code /schemas/https%3A%2F%2Fw3id.org%2Fgaia-x%2Fcore%23}). Spring MVC decodes the
     * segment after matching, so the slash never splits the path.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> encodedSlashesInSegments() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
