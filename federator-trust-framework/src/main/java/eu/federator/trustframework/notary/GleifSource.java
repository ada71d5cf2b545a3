package eu.federator.trustframework.notary;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.net.GuardedApiClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The GLEIF API: {@code GET {baseUrl}/lei-records/{lei}} (JSON:API, default base {@value #BASE}). 200 gives
 * {@code data.attributes.entity} with {@code legalName.name}, {@code legalAddress.country} (ISO 3166-1) and
 * {@code legalAddress.region} (ISO 3166-2, when known); 404 means GLEIF has no record. A record whose
 * {@code registration.status} is ANNULLED, CANCELLED, DUPLICATE, MERGED or RETIRED is still served by GLEIF but does not
 * identify a live entity: it is rejected with that status.
 * LAPSED records (renewal overdue) are accepted: the code still identifies the entity.
 */
public final class GleifSource implements RegistrationSource {
    public static final String BASE = "https://api.gleif.org/api/v1";
    private static final Set<String> DEAD_REGISTRATIONS = Set.of("ANNULLED", "CANCELLED", "DUPLICATE", "MERGED", "RETIRED");
    private static final String NAME = "GLEIF";

    private final GuardedApiClient client;
    private final SourceSettings settings;
    private final Clock clock;

    public GleifSource(GuardedApiClient client, SourceSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceAnswer check(OfflineCheck number) {
        URI uri = URI.create(ViesSource.stripSlash(settings.baseUrl().toString()) + "/lei-records/" + number.normalized());
        Instant executed = clock.instant();
        SourceCalls.Exchange exchange = SourceCalls.send(client, NAME, settings, "GET", uri,
                Map.of("Accept", "application/vnd.api+json"), null);
        if (exchange.unavailable() != null) {
            return exchange.unavailable();
        }
        GuardedApiClient.Response response = exchange.response();
        if (response.status() == 404) {
            return new SourceAnswer.Rejected(NAME, uri, executed, "GLEIF: no LEI record " + number.normalized() + " exists");
        }
        if (response.status() != 200) {
            return SourceCalls.unavailable(NAME, response, settings, null);
        }
        JsonObject entity;
        JsonObject registration;
        try {
            JsonObject attributes = Json.parseObject(response.body()).getJsonObject("data").getJsonObject("attributes");
            entity = attributes.getJsonObject("entity");
            registration = attributes.getJsonObject("registration");
        } catch (JsonSyntaxException | ClassCastException | NullPointerException e) {
            return new SourceAnswer.Unavailable(NAME, "GLEIF answered without data.attributes.entity", false, settings.retryAfter());
        }
        if (entity == null) {
            return new SourceAnswer.Unavailable(NAME, "GLEIF answered without data.attributes.entity", false, settings.retryAfter());
        }
        String registrationStatus = registration == null ? null : string(registration, "status");
        if (registrationStatus != null && DEAD_REGISTRATIONS.contains(registrationStatus)) {
            return new SourceAnswer.Rejected(NAME, uri, executed, "GLEIF: LEI " + number.normalized() + " has registration status "
                    + registrationStatus + "; it no longer identifies a legal entity");
        }
        JsonObject legalAddress = entity.get("legalAddress") instanceof JsonObject a ? a : JsonObject.EMPTY_JSON_OBJECT;
        String country = string(legalAddress, "country");
        if (country == null) {
            return new SourceAnswer.Unavailable(NAME, "GLEIF answered without entity.legalAddress.country", false, settings.retryAfter());
        }
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("countryCode", country);
        String region = string(legalAddress, "region");
        if (region != null && !region.isBlank()) {
            claims.put("subdivisionCountryCode", region);
        }
        if (entity.get("legalName") instanceof JsonObject legalName && string(legalName, "name") != null) {
            claims.put("name", string(legalName, "name"));
        }
        return new SourceAnswer.Confirmed(NAME, uri, executed, claims);
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }
}
