package eu.federator.trustframework.forms;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.forms.Field.Kind;
import jakarta.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Forms generated from the built-in 25.11 and 22.10 shapes, bound and validated with the same shapes. */
class ShapeFormsTest {

    static final TrustFrameworks FRAMEWORKS = TrustFrameworks.builtIn();
    static final LinkedData LINKED_DATA = LinkedData.offline();
    static final FormCatalogue CATALOGUE = new FormCatalogue(FRAMEWORKS, LINKED_DATA);
    static final ShapeForms LOIRE = CATALOGUE.forms("25.11");
    static final ShapeForms TAGUS = CATALOGUE.forms("22.10");
    static final String GX = "https://w3id.org/gaia-x/development#";
    static final String ACCEPTED_HASH = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515";
    static final String SUBJECT = "https://participant.example.org/legal-person.json#cs";
    static final String REGISTRATION = "https://notary.example.org/vat/BE0762747721.json#cs";

    static Map<String, List<String>> params(String... keyValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.computeIfAbsent(keyValues[i], k -> new ArrayList<>()).add(keyValues[i + 1]);
        }
        return params;
    }

    static Map<String, List<String>> validLegalPerson() {
        return params("registrationNumber", REGISTRATION, "legalAddress.countryCode", "BE",
                "legalAddress.street-address", "Rue de la Loi 1", "headquartersAddress.countryCode", "BE",
                "name", "Loire Example SA");
    }

    /** The subjects as one JSON-LD document, converted and validated exactly as the compliance engine does. */
    static ValidationReport validate(ShapeForms forms, JsonObject... subjects) throws Exception {
        var graph = Json.provider().createArrayBuilder();
        for (JsonObject s : subjects) {
            graph.add(s);
        }
        var context = Json.provider().createArrayBuilder();
        forms.contexts().forEach(context::add);
        JsonObject document = Json.provider().createObjectBuilder().add("@context", context).add("@graph", graph).build();
        assertThat(LINKED_DATA.droppedTerms(document)).isEmpty();
        Graph data = GraphFactory.createGraphMem();
        RDFParser.fromString(LINKED_DATA.canonicalize(document), Lang.NQUADS).parse(data);
        TrustFrameworkBundle bundle = forms.bundle();
        return ShaclValidator.get().validate(bundle.shapes(), new Union(data, bundle.subclassFacts()));
    }

    static JsonObject vatId() {
        return Json.provider().createObjectBuilder().add("id", REGISTRATION).add("type", "gx:VatID")
                .add("gx:vatID", "BE0762747721").build();
    }

    // ------------------------------------------------------------------------------------------------ 25.11 forms

    @Test
    void legalPersonFormHasTheRequiredFieldsWithTheAddressAsANestedForm() {
        Form form = LOIRE.forClass("gx:LegalPerson").orElseThrow();
        assertThat(form.shapeIri()).isEqualTo(GX + "LegalPersonShape");
        assertThat(form.title()).isEqualTo("Legal Person");
        assertThat(form.requiredFields()).extracting(Field::key)
                .containsExactly("registrationNumber", "legalAddress", "headquartersAddress");

        Field registration = form.field("registrationNumber").orElseThrow();
        assertThat(registration.kind()).isEqualTo(Kind.IRI);
        assertThat(registration.classIri()).isEqualTo(GX + "RegistrationNumber");
        assertThat(registration.help()).contains("registration number");

        Field legal = form.field("legalAddress").orElseThrow();
        assertThat(legal.kind()).isEqualTo(Kind.NESTED);
        assertThat(legal.repeatable()).isFalse();
        assertThat(legal.term()).isEqualTo("gx:legalAddress");
        Field country = legal.nested().field("countryCode").orElseThrow();
        assertThat(country.kind()).isEqualTo(Kind.CHOICE);
        assertThat(country.required()).isTrue();
        assertThat(country.choices()).extracting(Field.Choice::value).contains("BE", "DEU", "276");
        assertThat(legal.nested().field("street-address").orElseThrow().term()).isEqualTo("vcard:street-address");
        assertThat(form.field("subOrganisationOf").orElseThrow().kind()).isEqualTo(Kind.IRI);
        assertThat(form.field("name").orElseThrow().label()).isEqualTo("Name");
    }

    @Test
    void issuerFormOffersTheAcceptedTermsHashes() {
        Field terms = LOIRE.forClass("gx:Issuer").orElseThrow().field("gaiaxTermsAndConditions").orElseThrow();
        assertThat(terms.required()).isTrue();
        assertThat(terms.repeatable()).isFalse();
        assertThat(terms.kind()).isEqualTo(Kind.CHOICE);
        assertThat(terms.choices()).extracting(Field.Choice::value).contains(ACCEPTED_HASH);

        FormResult wrong = LOIRE.submit(LOIRE.forClass("gx:Issuer").orElseThrow(), SUBJECT, null,
                params("gaiaxTermsAndConditions", "0".repeat(64)), "");
        assertThat(wrong.errors("gaiaxTermsAndConditions")).singleElement().asString().contains("not one of the allowed values");
    }

    @Test
    void serviceOfferingAndResourceForms() {
        Form offering = LOIRE.forClass("gx:ServiceOffering").orElseThrow();
        Field providedBy = offering.field("providedBy").orElseThrow();
        assertThat(providedBy.kind()).isEqualTo(Kind.IRI);
        assertThat(providedBy.required()).isTrue();
        Field terms = offering.field("serviceOfferingTermsAndConditions").orElseThrow();
        assertThat(terms.kind()).isEqualTo(Kind.NESTED);
        assertThat(terms.repeatable()).isTrue();
        assertThat(terms.nested().field("url").orElseThrow().kind()).isEqualTo(Kind.URL);
        assertThat(offering.field("keyword").orElseThrow().repeatable()).isTrue();

        Form product = LOIRE.forClass("gx:DataProduct").orElseThrow();
        assertThat(product.field("digitalServiceOfferingProvider").orElseThrow().kind()).isEqualTo(Kind.IRI);
        assertThat(product.requiredFields()).extracting(Field::key).contains("digitalServiceOfferingName", "dataProductDescription");
        Form resource = LOIRE.forClass("gx:PhysicalResource").orElseThrow();
        assertThat(resource.fields()).isNotEmpty();
        Field cores = LOIRE.forClass("gx:CPU").orElseThrow().field("numberOfCores").orElseThrow();
        assertThat(cores.kind()).isEqualTo(Kind.INTEGER);
        assertThat(cores.htmlMin()).isEqualTo("1");
    }

    @Test
    void formsAreBuiltOnceAndShared() {
        assertThat(LOIRE.forClass("gx:LegalPerson").orElseThrow()).isSameAs(LOIRE.forClass(GX + "LegalPerson").orElseThrow());
        assertThat(CATALOGUE.forms("25.11")).isSameAs(LOIRE);
        assertThat(LOIRE.forClass("gx:NoSuchClass")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ binding

    @Test
    void aValidLegalPersonBindsToASubjectThatConformsToTheShapes() throws Exception {
        Form form = LOIRE.forClass("gx:LegalPerson").orElseThrow();
        FormResult result = LOIRE.submit(form, SUBJECT, null, validLegalPerson(), "");
        assertThat(result.formErrors()).isEmpty();
        assertThat(result.errorsByField()).isEmpty();
        assertThat(result.ok()).isTrue();

        JsonObject subject = result.subject();
        assertThat(subject.getString("id")).isEqualTo(SUBJECT);
        assertThat(subject.getString("type")).isEqualTo("gx:LegalPerson");
        assertThat(subject.getJsonObject("gx:registrationNumber").getString("id")).isEqualTo(REGISTRATION);
        JsonObject legal = subject.getJsonObject("gx:legalAddress");
        assertThat(legal.getString("type")).isEqualTo("gx:Address");
        assertThat(legal.getString("gx:countryCode")).isEqualTo("BE");
        assertThat(legal.getString("vcard:street-address")).isEqualTo("Rue de la Loi 1");
        assertThat(legal.containsKey("id")).as("embedded nodes stay blank nodes").isFalse();
        assertThat(subject.getString("httpsschema:name")).isEqualTo("Loire Example SA");

        ValidationReport report = validate(LOIRE, subject, vatId());
        assertThat(report.conforms()).as(report.getEntries().toString()).isTrue();
    }

    @Test
    void referencesAreCheckedAgainstLinkedSubjectsWhenGiven() {
        Form form = LOIRE.forClass("gx:LegalPerson").orElseThrow();
        assertThat(LOIRE.submit(form, SUBJECT, null, validLegalPerson(), "", List.of(vatId())).ok()).isTrue();

        // the registration number points at a node that is not a gx:RegistrationNumber: a SHACL (not a parse) error
        JsonObject issuer = Json.provider().createObjectBuilder().add("id", REGISTRATION).add("type", "gx:Issuer")
                .add("gx:gaiaxTermsAndConditions", ACCEPTED_HASH).build();
        FormResult wrong = LOIRE.submit(form, SUBJECT, null, validLegalPerson(), "", List.of(issuer));
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.errors("registrationNumber")).singleElement().asString().contains("Registration number");
    }

    @Test
    void parseErrorsAreReportedAtTheField() {
        Form form = LOIRE.forClass("gx:LegalPerson").orElseThrow();
        Map<String, List<String>> params = validLegalPerson();
        params.put("headquartersAddress.countryCode", List.of("XX"));
        params.put("registrationNumber", List.of("not an iri"));
        params.remove("legalAddress.countryCode");
        FormResult result = LOIRE.submit(form, SUBJECT, null, params, "lp.");
        assertThat(result.ok()).isFalse();
        // the prefix only selects keys; none of these start with it, so every required field is missing
        assertThat(result.errorsByField()).containsKeys("lp.registrationNumber", "lp.legalAddress", "lp.headquartersAddress");

        Map<String, List<String>> prefixed = new LinkedHashMap<>();
        params.forEach((k, v) -> prefixed.put("lp." + k, v));
        prefixed.put("_csrf", List.of("token"));
        prefixed.put("lp._action", List.of("save"));
        result = LOIRE.submit(form, SUBJECT, null, prefixed, "lp.");
        assertThat(result.formErrors()).isEmpty();
        assertThat(result.errors("lp.headquartersAddress.countryCode")).singleElement().asString()
                .contains("'XX' is not one of the allowed values");
        assertThat(result.errors("lp.registrationNumber")).singleElement().asString().contains("not an absolute IRI");
        assertThat(result.errors("lp.legalAddress.countryCode")).containsExactly("Country code is required");
        assertThat(result.values()).containsEntry("lp.headquartersAddress.countryCode", List.of("XX"))
                .doesNotContainKey("_csrf");
    }

    @Test
    void unknownKeysAreErrorsNeverDropped() {
        Form form = LOIRE.forClass("gx:LegalPerson").orElseThrow();
        for (String key : List.of("nickname", "legalAddress.planet", "name[0]", "legalAddress", "legalAddress[0].countryCode")) {
            Map<String, List<String>> params = validLegalPerson();
            params.put(key, List.of("x"));
            FormResult result = LOIRE.submit(form, SUBJECT, null, params, "");
            assertThat(result.ok()).as(key).isFalse();
            assertThat(result.formErrors()).as(key).singleElement().asString().contains("unknown field '" + key + "'");
        }
    }

    @Test
    void repeatableAndNestedRepeatableFields() throws Exception {
        Form form = LOIRE.forClass("gx:ServiceOffering").orElseThrow();
        Map<String, List<String>> params = params("providedBy", SUBJECT,
                "keyword[0]", "storage", "keyword[1]", "", "keyword[3]", "s3",
                "serviceOfferingTermsAndConditions[0].url", "https://provider.example.org/terms",
                "serviceOfferingTermsAndConditions[0].hash", "a".repeat(64),
                "serviceOfferingTermsAndConditions[2].url", "https://provider.example.org/terms-2",
                "serviceOfferingTermsAndConditions[2].hash", "b".repeat(64),
                "serviceOfferingTermsAndConditions[5].url", "", "serviceOfferingTermsAndConditions[5].hash", "");
        FormResult result = LOIRE.submit(form, "https://provider.example.org/offering.json#cs", null, params, "");
        assertThat(result.formErrors()).isEmpty();
        assertThat(result.errorsByField()).isEmpty();
        JsonObject subject = result.subject();
        assertThat(subject.getJsonArray("gx:keyword").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("storage", "s3");
        var terms = subject.getJsonArray("gx:serviceOfferingTermsAndConditions");
        assertThat(terms).hasSize(2);
        assertThat(terms.getJsonObject(1).getString("type")).isEqualTo("gx:TermsAndConditions");
        assertThat(terms.getJsonObject(1).getJsonObject("gx:url").getString("@type")).isEqualTo("xsd:anyURI");
        assertThat(form.field("keyword").orElseThrow().indices(params, "keyword")).containsExactly(0, 1, 3);
        assertThat(form.field("keyword").orElseThrow().nextIndex(params, "keyword")).isEqualTo(4);
        JsonObject provider = LOIRE.submit(LOIRE.forClass("gx:LegalPerson").orElseThrow(), SUBJECT, null, validLegalPerson(), "").subject();
        ValidationReport report = validate(LOIRE, subject, provider, vatId());
        assertThat(report.conforms()).as(report.getEntries().toString()).isTrue();

        // one bad value among several is reported at its own index
        params.put("serviceOfferingTermsAndConditions[2].url", List.of("not a uri"));
        result = LOIRE.submit(form, "https://provider.example.org/offering.json#cs", null, params, "");
        assertThat(result.errorsByField()).containsOnlyKeys("serviceOfferingTermsAndConditions[2].url");
    }

    @Test
    void wrongDatatypesAndRangesAreParseErrors() {
        Form cpu = LOIRE.forClass("gx:CPU").orElseThrow();
        FormResult letters = LOIRE.submit(cpu, "https://provider.example.org/cpu#cs", null, params("numberOfCores", "eight"), "");
        assertThat(letters.errors("numberOfCores")).containsExactly("'eight' is not a whole number");
        FormResult zero = LOIRE.submit(cpu, "https://provider.example.org/cpu#cs", null, params("numberOfCores", "0"), "");
        assertThat(zero.errors("numberOfCores")).singleElement().asString().contains("at least 1");

        Form data = TAGUS.forClass("gx:DataResource").orElseThrow();
        FormResult date = TAGUS.submit(data, "https://provider.example.org/data#cs", null,
                params("expirationDateTime", "tomorrow", "containsPII", "maybe"), "");
        assertThat(date.errors("expirationDateTime")).singleElement().asString().contains("not a date and time");
        assertThat(date.errors("containsPII")).singleElement().asString().contains("not true or false");
    }

    @Test
    void tooLongValuesAndShapeMessagesFromAnExtension(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // an ecosystem extension adds a rule with its own message to gx:LegalPerson
        Path ext = Files.createDirectories(dir.resolve("ecosystem/shapes"));
        Files.writeString(dir.resolve("ecosystem/bundle.properties"), "extends=25.11\n");
        Files.writeString(ext.resolve("rules.ttl"), """
                @prefix sh: <http://www.w3.org/ns/shacl#> .
                @prefix gx: <https://w3id.org/gaia-x/development#> .
                @prefix schema: <https://schema.org/> .
                <urn:ecosystem:LegalPersonRules> a sh:NodeShape ; sh:targetClass gx:LegalPerson ;
                  sh:property [ sh:path schema:description ; sh:maxLength 20 ] ;
                  sh:property [ sh:path schema:name ; sh:minCount 1 ; sh:message "Give the registered name of the company" ;
                                sh:not [ sh:pattern "^TODO" ] ] .
                """);
        ShapeForms forms = new ShapeForms(TrustFrameworks.load(dir).require("25.11"), LINKED_DATA);
        Form form = forms.forClass("gx:LegalPerson").orElseThrow();
        assertThat(form.field("registrationNumber")).as("the version's own fields stay").isPresent();
        assertThat(form.field("name").orElseThrow().required()).isTrue();

        Map<String, List<String>> params = validLegalPerson();
        params.put("description", List.of("x".repeat(21)));
        FormResult tooLong = forms.submit(form, SUBJECT, null, params, "");
        assertThat(tooLong.errors("description")).singleElement().asString().contains("at most 20 characters");

        params = validLegalPerson();
        params.put("name", List.of("TODO later"));
        FormResult shapeMessage = forms.submit(form, SUBJECT, null, params, "");
        assertThat(shapeMessage.formErrors()).isEmpty();
        assertThat(shapeMessage.errors("name")).containsExactly("Give the registered name of the company");
    }

    // ------------------------------------------------------------------------------------------------ 22.10

    @Test
    void tagusLegalParticipant() throws Exception {
        Form form = TAGUS.forClass("gx:LegalParticipant").orElseThrow();
        Field registration = form.field("legalRegistrationNumber").orElseThrow();
        assertThat(registration.kind()).isEqualTo(Kind.IRI);
        Field subdivision = form.field("legalAddress").orElseThrow().nested().field("countrySubdivisionCode").orElseThrow();
        assertThat(subdivision.pattern()).isNotNull();
        assertThat(subdivision.patternFlags()).isEqualTo("i");
        assertThat(subdivision.htmlPattern()).as("HTML cannot express sh:flags").isNull();
        assertThat(TAGUS.forClass("gx:ServiceOffering").orElseThrow().field("providedBy").orElseThrow().kind()).isEqualTo(Kind.IRI);

        Map<String, List<String>> params = params("legalRegistrationNumber", "https://participant.example.org/lrn.json#cs",
                "legalAddress[0].countrySubdivisionCode", "be-bru", "headquarterAddress[0].countrySubdivisionCode", "BE-BRU");
        FormResult ok = TAGUS.submit(form, SUBJECT, null, params, "");
        assertThat(ok.formErrors()).isEmpty();
        assertThat(ok.errorsByField()).isEmpty();
        assertThat(ok.subject().getJsonObject("gx:legalAddress").containsKey("type")).as("sh:node needs no type").isFalse();

        params.put("legalAddress[0].countrySubdivisionCode", List.of("Brussels"));
        FormResult bad = TAGUS.submit(form, SUBJECT, null, params, "");
        assertThat(bad.errors("legalAddress[0].countrySubdivisionCode")).as("the shape's sh:message").containsExactly("an ISO 3166-2 format value is expected.");
    }

    // ------------------------------------------------------------------------------------------------ sweep

    /** Every input name the form renders first (index 0 for repeatable nested forms). */
    static List<String> leafKeys(Form form, String base) {
        List<String> keys = new ArrayList<>();
        for (Field f : form.fields()) {
            if (f.kind() == Kind.NESTED) {
                keys.addAll(leafKeys(f.nested(), base + f.key() + (f.repeatable() ? "[0]." : ".")));
            } else {
                keys.add(base + f.key() + (f.repeatable() ? "[0]" : ""));
            }
        }
        return keys;
    }

    @Test
    void everyNodeShapeOfEveryBuiltInVersionMakesAForm() {
        int forms = 0;
        for (String version : FRAMEWORKS.versions()) {
            ShapeForms shapeForms = CATALOGUE.forms(version);
            for (String shape : shapeForms.nodeShapes()) {
                Form form = shapeForms.forShape(shape).orElseThrow(() -> new AssertionError(version + " " + shape));
                assertThat(form.fields()).allSatisfy(f -> assertThat(f.label()).isNotBlank());
                for (String key : leafKeys(form, "")) {
                    assertThat(FormBinder.known(form, key)).as(version + " " + shape + " " + key).isTrue();
                }
                FormResult empty = shapeForms.submit(form, "https://example.org/" + forms + "#cs", null, Map.of(), "");
                assertThat(empty.ok()).as(version + " " + shape).isEqualTo(empty.errorsByField().isEmpty() && empty.formErrors().isEmpty());
                forms++;
            }
        }
        assertThat(forms).isGreaterThan(170);
    }
}
