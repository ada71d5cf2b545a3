package eu.federator.edcinterop;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.policy.Requester;
import eu.federator.server.dataspace.DspAuthentication;
import eu.federator.server.dataspace.DspAuthorization;
import eu.federator.server.dataspace.DspException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * EDC's {@code iam-mock} identity, for tests only: it proves nothing. EDC 0.15.1's {@code MockIdentityService} puts
 * the JSON {@code {"region": "eu", "audience": <aud>, "clientId": <its edc.participant.id>}} as it is into the
 * {@code Authorization} header of every DSP request (no {@code Bearer}), {@code aud} being the counter-party
 * <em>address</em> given to its management API (not the counter-party id); on the receiving side it trusts such a JSON as it is and takes {@code clientId} as the
 * participant id. This class reads those tokens for Federator's DSP endpoints ({@link #requester}) and writes them for
 * Federator's outgoing messages and catalog requests ({@link #header}).
 */
public final class EdcMockIdentity implements DspAuthentication, DspAuthorization {
    private final String self;

    /**
     * {@code self}: the participant id EDC knows Federator by (its {@code counterPartyId}); tokens must name it or
     * Federator's DSP base URL as audience.
     */
    public EdcMockIdentity(String self) {
        this.self = self;
    }

    @Override
    public Requester requester(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("no Authorization header: send an EDC iam-mock token {\"region\", \"audience\", \"clientId\"}");
        }
        JsonObject token;
        try {
            JsonValue value = Json.parse(authorization.strip().getBytes(StandardCharsets.UTF_8));
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw unauthorized("the Authorization header is not an EDC iam-mock token (a JSON object)");
            }
            token = value.asJsonObject();
        } catch (JsonSyntaxException e) {
            throw unauthorized("the Authorization header is not an EDC iam-mock token (a JSON object): " + e.getMessage());
        }
        String clientId = string(token, "clientId");
        if (clientId == null || clientId.isBlank()) {
            throw unauthorized("the iam-mock token names no clientId");
        }
        // EDC 0.15.1 puts the counter-party address as audience (the DSP base URL it was given), not the counterPartyId
        String audience = string(token, "audience");
        String dspBase = ServletUriComponentsBuilder.fromCurrentContextPath().path("/dsp").toUriString();
        if (!self.equals(audience) && !dspBase.equals(audience)) {
            throw unauthorized("the iam-mock token's audience must be " + dspBase + " or " + self + ", not " + audience);
        }
        return new Requester(clientId, List.of());
    }

    /**
     * The header Federator sends: a mock token with {@code clientId} = {@code self}, as it is (EDC does not strip a
     * {@code Bearer}). EDC does not check the audience; the counter-party id stands in for EDC's address.
     */
    @Override
    public String header(String counterPartyId) {
        return token(counterPartyId);
    }

    /** A mock token from {@code self} for {@code audience}. */
    public String token(String audience) {
        return Json.write(Json.provider().createObjectBuilder().add("region", "eu").add("audience", audience)
                .add("clientId", self).build());
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static DspException unauthorized(String reason) {
        return new DspException(HttpStatus.UNAUTHORIZED, reason);
    }
}
