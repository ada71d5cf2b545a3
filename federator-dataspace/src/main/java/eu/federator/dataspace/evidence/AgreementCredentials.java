package eu.federator.dataspace.evidence;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.internal.Node;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.policy.Odrl;
import eu.federator.dataspace.policy.Policy.Agreement;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.DspJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues a finalized agreement as a W3C Verifiable Credential (VC Data Model 2.0, secured as {@code vc+jwt}) signed by
 * this connector, the GXFS Data Contract Service's signed contract: the subject is the ODRL agreement ({@code id} = the
 * agreement's id, {@code target}, {@code assigner}, {@code assignee}, {@code timestamp}, its rules) with the negotiation's
 * {@code providerPid} and {@code consumerPid}; and a log token for the counter-party.
 */
public final class AgreementCredentials {
    public static final String TYPE = "ContractAgreementCredential";
    static final String VC_V2 = "https://www.w3.org/ns/credentials/v2";

    private final SigningKey signer;
    private final LogTokens tokens;
    private final CredentialSigner credentials = new CredentialSigner();
    private final Clock clock;

    public AgreementCredentials(SigningKey signer, LogTokens tokens, Clock clock) {
        this.signer = signer;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The agreement of a finalized negotiation, read strictly (as DSP reads it). */
    public static Result<Agreement> agreementOf(Negotiation n) {
        ContractNegotiationState finalized = ContractNegotiationState.FINALIZED;
        if (n.position().state() != finalized && n.position().pending() != finalized) {
            return Result.failure("negotiation " + n.id() + " is " + n.position() + ", not FINALIZED: only a finalized agreement is issued");
        }
        if (n.agreement() == null) {
            return Result.failure("negotiation " + n.id() + " is FINALIZED but holds no agreement");
        }
        JsonValue parsed;
        try {
            parsed = Json.parse(n.agreement().getBytes(StandardCharsets.UTF_8));
        } catch (JsonSyntaxException e) {
            return Result.failure("the agreement of negotiation " + n.id() + " is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof JsonObject object)) {
            return Result.failure("the agreement of negotiation " + n.id() + " is not a JSON object");
        }
        // the agreement itself, or the ContractAgreementMessage that carried it
        JsonObject agreement = object.get("agreement") instanceof JsonObject inner ? inner : object;
        var builder = Json.provider().createObjectBuilder(agreement);
        builder.remove("@context");
        List<Problem> problems = new ArrayList<>();
        Agreement read = Odrl.readAgreement(new Node(builder.build(), "", problems));
        return problems.isEmpty() ? Result.success(read) : Result.failure(problems);
    }

    /** Signs the credential and the counter-party's log token for the finalized negotiation's agreement. */
    public AgreementRecord issue(Negotiation n, Agreement agreement) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String credentialId = "urn:uuid:" + UUID.randomUUID();
        JsonObject policy = Odrl.write(agreement);
        String jwt = credentials.sign(document(credentialId, policy, n, now), signer, CredentialSigner.Format.VC_JWT, now);
        LogTokens.Token token = tokens.issue(agreement.id(), n.counterPartyId());
        return new AgreementRecord(agreement.id(), n.role(), n.id(), n.consumerPid(), n.providerPid(), n.counterPartyId(),
                agreement.target(), agreement.assigner(), agreement.assignee(), Json.write(policy), credentialId, jwt, token.jwt(),
                token.expires(), now);
    }

    private JsonObject document(String credentialId, JsonObject policy, Negotiation n, Instant now) {
        JsonObjectBuilder subject = Json.provider().createObjectBuilder().add("id", policy.getString("@id")).add("type", "Agreement");
        for (Map.Entry<String, JsonValue> member : policy.entrySet()) {
            if (!member.getKey().startsWith("@")) {
                subject.add(member.getKey(), member.getValue());
            }
        }
        if (n.providerPid() != null) {
            subject.add("providerPid", n.providerPid());
        }
        if (n.consumerPid() != null) {
            subject.add("consumerPid", n.consumerPid());
        }
        return Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add(VC_V2).add(DspJson.CONTEXT))
                .add("id", credentialId)
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential").add(TYPE))
                .add("issuer", signer.did())
                .add("validFrom", now.toString())
                .add("credentialSubject", subject)
                .build();
    }
}
