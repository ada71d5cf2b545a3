package eu.federator.server.dataspace.evidence;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.did.DidDocument;
import eu.federator.credentials.did.DidResolutionException;
import eu.federator.credentials.did.DidResolver;
import eu.federator.credentials.did.VerificationMethod;
import eu.federator.credentials.json.Json;
import eu.federator.dataspace.log.ExchangeLogVerifier;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Verifies an exported exchange log ({@link ExchangeLogVerifier}) with keys from known verification methods or, for
 * other signers, from their DID documents (listed under assertionMethod), and reports it as JSON: {@code ok},
 * {@code entries}, {@code checkpoints}, {@code signers}, {@code checkpointedThrough}, {@code firstBreak}, and why a key
 * was not found. Used by {@code POST /dataspace/log/verify} and the {@code verify-log} command.
 */
public final class LogVerification {
    private LogVerification() {
    }

    /** Why the document is not an export at all (then there is nothing to report on), or empty. */
    public static Optional<String> notAnExport(JsonObject export) {
        return export.get("from") instanceof JsonNumber && export.get("to") instanceof JsonNumber && export.get("previousHash") instanceof JsonString
                && export.get("entries") instanceof JsonArray && export.get("checkpoints") instanceof JsonArray ? Optional.empty()
                : Optional.of("it needs from and to (numbers), previousHash (a string), entries and checkpoints (arrays)");
    }

    /** @param known keys of verification methods known without resolving (this connector's own) */
    public static JsonObject verify(JsonObject export, DidResolver dids, Map<String, JWK> known) {
        Map<String, String> keyProblems = new LinkedHashMap<>();
        ExchangeLogVerifier.Verification v = ExchangeLogVerifier.verify(export, method -> known.containsKey(method)
                ? Optional.of(known.get(method)) : resolve(method, dids, keyProblems));
        var b = Json.provider().createObjectBuilder().add("ok", v.ok()).add("entries", v.entries()).add("checkpoints", v.checkpoints());
        TreeSet<String> signers = new TreeSet<>();
        long checkpointed = 0;
        if (export.get("checkpoints") instanceof JsonArray checkpoints) {
            for (var c : checkpoints) {
                if (c instanceof JsonObject o && o.get("verificationMethod") instanceof JsonString s && o.get("sequence") instanceof JsonNumber n) {
                    signers.add(s.getString());
                    checkpointed = Math.max(checkpointed, n.longValue());
                }
            }
        }
        b.add("signers", Json.provider().createArrayBuilder(List.copyOf(signers)));
        if (v.ok()) {
            b.add("checkpointedThrough", checkpointed);
            long to = export.getJsonNumber("to").longValue();
            if (checkpointed < to) {
                b.add("warning", checkpointed == 0
                        ? "no signed checkpoint covers this export: it is consistent, but nothing proves who wrote it"
                        : "entries after " + checkpointed + " are not covered by a signed checkpoint");
            }
            b.addNull("firstBreak");
        } else {
            ExchangeLogVerifier.Break first = v.firstBreak();
            b.add("firstBreak", Json.provider().createObjectBuilder().add("sequence", first.sequence()).add("problem", first.problem().name())
                    .add("detail", first.detail()));
        }
        if (!keyProblems.isEmpty()) {
            var keys = Json.provider().createObjectBuilder();
            keyProblems.forEach(keys::add);
            b.add("keyProblems", keys);
        }
        return b.build();
    }

    /** The key of a signer's verification method from its DID document, if listed under assertionMethod. */
    private static Optional<JWK> resolve(String method, DidResolver dids, Map<String, String> problems) {
        int hash = method.indexOf('#');
        if (!method.startsWith("did:") || hash < 0) {
            problems.put(method, "not a DID URL with a fragment");
            return Optional.empty();
        }
        try {
            DidDocument document = dids.resolve(method.substring(0, hash));
            Optional<VerificationMethod> vm = document.method(method);
            if (vm.isEmpty() || vm.get().publicKey() == null) {
                problems.put(method, "the DID document has no such verification method with a public key");
                return Optional.empty();
            }
            if (!document.authorizes(method, "assertionMethod")) {
                problems.put(method, "the DID document does not list it under assertionMethod");
                return Optional.empty();
            }
            return Optional.of(vm.get().publicKey());
        } catch (DidResolutionException e) {
            problems.put(method, "cannot resolve the DID: " + e.getMessage());
            return Optional.empty();
        }
    }
}
