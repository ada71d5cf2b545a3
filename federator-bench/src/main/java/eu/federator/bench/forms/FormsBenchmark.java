package eu.federator.bench.forms;

import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.forms.Form;
import eu.federator.trustframework.forms.FormResult;
import eu.federator.trustframework.forms.ShapeForms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SHACL-generated forms of 25.11 (the bundle itself is loaded once, outside the measurement):
 * <ul>
 *   <li>{@code buildCold}: a new {@link ShapeForms} and the gx:LegalPerson and gx:ServiceOffering forms built from the
 *   compiled shapes (what the first request after start pays);</li>
 *   <li>{@code lookupWarm}: the same two forms from the cache;</li>
 *   <li>{@code bindAndValidate}: one LegalPerson submission bound, parse-checked and SHACL-validated.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FormsBenchmark {

    static final Map<String, List<String>> LEGAL_PERSON = Map.of(
            "registrationNumber[0]", List.of("https://notary.example.org/vat/BE0762747721.json#cs"),
            "legalAddress.countryCode", List.of("BE"), "legalAddress.street-address", List.of("Rue de la Loi 1"),
            "headquartersAddress.countryCode", List.of("BE"), "name", List.of("Loire Example SA"));

    private TrustFrameworkBundle bundle;
    private LinkedData linkedData;
    private ShapeForms warm;
    private Form legalPerson;

    @Setup
    public void setUp() {
        bundle = TrustFrameworks.builtIn().require("25.11");
        linkedData = LinkedData.offline();
        warm = new ShapeForms(bundle, linkedData);
        legalPerson = warm.forClass("gx:LegalPerson").orElseThrow();
        FormResult check = bindAndValidate();
        if (!check.ok()) {
            throw new IllegalStateException("the benchmark submission must be valid: " + check.errorsByField() + check.formErrors());
        }
    }

    @Benchmark
    public Object buildCold() {
        ShapeForms cold = new ShapeForms(bundle, linkedData);
        return List.of(cold.forClass("gx:LegalPerson").orElseThrow(), cold.forClass("gx:ServiceOffering").orElseThrow());
    }

    @Benchmark
    public Object lookupWarm() {
        return List.of(warm.forClass("gx:LegalPerson").orElseThrow(), warm.forClass("gx:ServiceOffering").orElseThrow());
    }

    @Benchmark
    public FormResult bindAndValidate() {
        return warm.submit(legalPerson, "https://participant.example.org/lp.json#cs", null, LEGAL_PERSON, "");
    }
}
