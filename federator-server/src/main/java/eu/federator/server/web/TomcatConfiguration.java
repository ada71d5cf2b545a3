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
}
