package eu.federator.server.portal.forms;

import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.forms.Form;
import eu.federator.trustframework.forms.FormCatalogue;
import eu.federator.trustframework.forms.FormResult;
import eu.federator.trustframework.forms.ShapeForms;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** templates/portal/form.html rendered with a standalone engine (the SpEL dialect the portal uses) and read with jsoup. */
class FormFragmentTest {

    static final ShapeForms LOIRE = new FormCatalogue(TrustFrameworks.builtIn(), LinkedData.offline()).forms("25.11");
    static final SpringTemplateEngine ENGINE = engine();
    static final String CALL = "<form method=\"post\"><div th:replace=\"~{portal/form :: fields(${form}, ${values}, ${errors}, ${prefix})}\"></div></form>";

    static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver files = new ClassLoaderTemplateResolver();
        files.setPrefix("templates/");
        files.setSuffix(".html");
        files.setTemplateMode(TemplateMode.HTML);
        files.setCheckExistence(true);
        files.setOrder(1);
        StringTemplateResolver strings = new StringTemplateResolver();
        strings.setOrder(2);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(files);
        engine.addTemplateResolver(strings);
        return engine;
    }

    static Document render(Form form, Map<String, List<String>> values, Map<String, List<String>> errors, String prefix) {
        Context context = new Context();
        context.setVariable("form", form);
        context.setVariable("values", values);
        context.setVariable("errors", errors);
        context.setVariable("prefix", prefix);
        return Jsoup.parse(ENGINE.process(CALL, context));
    }

    static Element byId(Document doc, String id) {
        Element e = doc.getElementById(id);
        assertThat(e).as("#" + id).isNotNull();
        return e;
    }

    @Test
    void aFreshLegalPersonFormHasLabelledAccessibleControls() {
        Document doc = render(LOIRE.forClass("gx:LegalPerson").orElseThrow(), Map.of(), Map.of(), "lp.");

        // the registration number is repeatable (no sh:maxCount): a fieldset with one empty input, required
        assertThat(byId(doc, "f-lp.registrationNumber").selectFirst("legend").text()).isEqualTo("Registration Number *");
        Element registration = byId(doc, "f-lp.registrationNumber[0]");
        assertThat(registration.attr("type")).isEqualTo("url");
        assertThat(registration.attr("name")).isEqualTo("lp.registrationNumber[0]");
        assertThat(registration.hasAttr("required")).isTrue();
        assertThat(registration.attr("aria-label")).isEqualTo("Registration Number 1");

        Element legal = byId(doc, "f-lp.legalAddress");
        assertThat(legal.tagName()).isEqualTo("fieldset");
        assertThat(legal.selectFirst("legend").text()).isEqualTo("Legal address *");
        Element country = byId(doc, "f-lp.legalAddress.countryCode");
        assertThat(country.attr("name")).isEqualTo("lp.legalAddress.countryCode");
        assertThat(country.hasAttr("required")).isTrue();
        assertThat(country.attr("list")).isEqualTo("f-lp.legalAddress.countryCode-choices");
        assertThat(doc.select("datalist#f-lp\\.legalAddress\\.countryCode-choices option[value=BE]")).hasSize(1);
        assertThat(doc.select("label[for=f-lp.legalAddress.countryCode]").text()).isEqualTo("Country code *");
        assertThat(country.attr("aria-describedby")).isEqualTo("f-lp.legalAddress.countryCode-help");
        assertThat(byId(doc, "f-lp.legalAddress.countryCode-help").text()).contains("ISO 3166-1");

        // gps is optional: its required latitude must not block the browser
        assertThat(byId(doc, "f-lp.legalAddress.gps[0].latitude").hasAttr("required")).isFalse();
        Element name = byId(doc, "f-lp.name");
        assertThat(name.attr("type")).isEqualTo("text");
        assertThat(name.hasAttr("required")).isFalse();
        assertThat(name.hasAttr("aria-invalid")).isFalse();
    }

    @Test
    void submittedValuesAndErrorsAreShownAtTheirFields() {
        Form form = LOIRE.forClass("gx:LegalPerson").orElseThrow();
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("registrationNumber[0]", List.of("https://notary.example.org/vat/BE0762747721.json#cs"));
        params.put("registrationNumber[1]", List.of("not an iri"));
        params.put("legalAddress.countryCode", List.of("XX"));
        params.put("headquartersAddress.countryCode", List.of("BE"));
        params.put("name", List.of("<b>Loire</b>"));
        FormResult result = LOIRE.submit(form, "https://participant.example.org/lp.json#cs", null, params, "");
        assertThat(result.ok()).isFalse();

        Document doc = render(form, result.values(), result.errorsByField(), "");
        Element country = byId(doc, "f-legalAddress.countryCode");
        assertThat(country.val()).isEqualTo("XX");
        assertThat(country.attr("aria-invalid")).isEqualTo("true");
        assertThat(country.attr("aria-describedby")).contains("f-legalAddress.countryCode-error");
        assertThat(byId(doc, "f-legalAddress.countryCode-error").text()).contains("'XX' is not one of the allowed values");

        // repeatable: one input per value (the bad one marked) plus an empty one
        assertThat(byId(doc, "f-registrationNumber[0]").val()).startsWith("https://notary.example.org/");
        assertThat(byId(doc, "f-registrationNumber[0]").hasAttr("aria-invalid")).isFalse();
        assertThat(byId(doc, "f-registrationNumber[1]").attr("aria-invalid")).isEqualTo("true");
        assertThat(byId(doc, "f-registrationNumber[1]-error").text()).contains("not an absolute IRI");
        assertThat(byId(doc, "f-registrationNumber[2]").val()).isEmpty();
        assertThat(byId(doc, "f-registrationNumber[2]").attr("aria-label")).isEqualTo("Registration Number 3");
        assertThat(byId(doc, "f-name").val()).isEqualTo("<b>Loire</b>"); // escaped, not markup
        assertThat(doc.select("#f-name ~ b")).isEmpty();
    }

    @Test
    void controlsFollowTheDatatypeAndChoices() {
        Document cpu = render(LOIRE.forClass("gx:CPU").orElseThrow(), Map.of(), Map.of(), "");
        Element cores = byId(cpu, "f-numberOfCores");
        assertThat(cores.attr("type")).isEqualTo("number");
        assertThat(cores.attr("min")).isEqualTo("1");
        assertThat(cores.attr("step")).isEqualTo("1");

        Document issuer = render(LOIRE.forClass("gx:Issuer").orElseThrow(), Map.of(), Map.of(), "");
        Element terms = byId(issuer, "f-gaiaxTermsAndConditions");
        assertThat(terms.tagName()).isEqualTo("select");
        assertThat(terms.hasAttr("required")).isTrue();
        assertThat(terms.select("option").eachAttr("value")).contains("", "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515");

        Document offering = render(LOIRE.forClass("gx:ServiceOffering").orElseThrow(), Map.of(), Map.of(), "so.");
        assertThat(byId(offering, "f-so.serviceOfferingTermsAndConditions[0].url").attr("type")).isEqualTo("url");
        assertThat(byId(offering, "f-so.serviceOfferingTermsAndConditions[0].url").hasAttr("required")).isTrue();
        assertThat(byId(offering, "f-so.keyword[0]").attr("name")).isEqualTo("so.keyword[0]");
        assertThat(offering.select("input[type=checkbox], input[type=date]")).isEmpty();

        // every rendered name is accepted back by the binder (no unknown-key errors for an untouched form)
        Map<String, List<String>> echoed = new LinkedHashMap<>();
        for (Element input : offering.select("input[name], select[name]")) {
            echoed.computeIfAbsent(input.attr("name"), k -> new ArrayList<>()).add(input.val());
        }
        FormResult back = LOIRE.submit(LOIRE.forClass("gx:ServiceOffering").orElseThrow(), "https://x.example/so#cs", null, echoed, "so.");
        assertThat(back.formErrors()).isEmpty();
        assertThat(back.errorsByField()).containsKey("so.providedBy");
    }
}
