package eu.federator.server.catalogue.federation;

import eu.federator.server.catalogue.CatalogueErrors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The XFSC error envelope of {@link CatalogueErrors} for the federation endpoints: the same handlers, applied to these
 * controllers (CatalogueErrors names the controllers it covers).
 */
@RestControllerAdvice(assignableTypes = {FederationController.class, FederatedQueryController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FederationErrors extends CatalogueErrors {
}
