package eu.federator.server;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Federator server. Start it with {@code federator serve} (see {@link eu.federator.server.cli.FederatorCommand}). */
@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "Federator API", version = "v1",
        description = "Gaia-X Federation Services (Eclipse XFSC) as one server. Errors are RFC 9457/7807 problem details "
                + "(application/problem+json).",
        license = @License(name = "Apache-2.0")))
public class FederatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FederatorApplication.class, args);
    }
}
