package eu.federator.trustframework.forms;

import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.trustframework.bundle.TrustFrameworks;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ShapeForms} of every loaded trust-framework version, made on first use. One per process. */
public final class FormCatalogue {

    private final TrustFrameworks frameworks;
    private final LinkedData linkedData;
    private final Map<String, ShapeForms> forms = new ConcurrentHashMap<>();

    public FormCatalogue(TrustFrameworks frameworks, LinkedData linkedData) {
        this.frameworks = Objects.requireNonNull(frameworks, "frameworks");
        this.linkedData = Objects.requireNonNull(linkedData, "linkedData");
    }

    /**
     * @throws IllegalArgumentException for an unknown version (names the known ones)
     */
    public ShapeForms forms(String version) {
        return forms.computeIfAbsent(frameworks.require(version).version(),
                v -> new ShapeForms(frameworks.require(v), linkedData));
    }
}
