package eu.federator.credentials.verify;

import eu.federator.credentials.proof.jose.CompactJws;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code structure} check: what the VC data models (1.1 and 2.0) and VC-JOSE require of a document's shape. */
final class Structure {
    private Structure() {
    }

    static Check credential(JsonObject vc, String locator) {
        List<String> problems = new ArrayList<>();
        boolean v2 = Fields.isVcdm2(vc);
        if (Fields.baseContext(vc).filter(c -> c.equals(Fields.VC_V1) || c.equals(Fields.VC_V2)).isEmpty()) {
            problems.add("must have " + Fields.VC_V1 + " or " + Fields.VC_V2 + " as its first @context");
        }
        if (!Fields.types(vc).contains("VerifiableCredential")) {
            problems.add("must have a type that includes VerifiableCredential");
        }
        if (Fields.party(vc, "issuer").isEmpty()) {
            problems.add("must contain 'issuer' property (a URL or an object with an id)");
        }
        if (!vc.containsKey("credentialSubject")) {
            problems.add("must contain 'credentialSubject' property");
        }
        if (!v2 && !vc.containsKey("issuanceDate")) {
            problems.add("must contain 'issuanceDate' property (VCDM 1.1)");
        }
        // Worded like the XFSC catalogue ("VerifiableCredential[0] must contain ...") so its users recognise it.
        String label = locator.startsWith("verifiableCredential[") ? "VerifiableCredential" + locator.substring("verifiableCredential".length())
                : "VerifiableCredential";
        return problems.isEmpty()
                ? Check.passed(CheckName.STRUCTURE, v2 ? "VCDM 2.0 credential" : "VCDM 1.1 credential")
                : Check.failed(CheckName.STRUCTURE, label + " " + String.join("; ", problems));
    }

    static Check presentation(JsonObject vp) {
        List<String> problems = new ArrayList<>();
        if (Fields.baseContext(vp).filter(c -> c.equals(Fields.VC_V1) || c.equals(Fields.VC_V2)).isEmpty()) {
            problems.add("the first @context must be " + Fields.VC_V1 + " or " + Fields.VC_V2);
        }
        if (!vp.containsKey("verifiableCredential")) {
            problems.add("it must contain 'verifiableCredential'");
        }
        return problems.isEmpty()
                ? Check.passed(CheckName.STRUCTURE, Fields.isVcdm2(vp) ? "VCDM 2.0 presentation" : "VCDM 1.1 presentation")
                : Check.failed(CheckName.STRUCTURE, "VerifiablePresentation: " + String.join("; ", problems));
    }

    static Check jose(CompactJws jws, JsonObject document, boolean presentation, String format) {
        List<String> problems = new ArrayList<>();
        String typ = Optional.ofNullable(jws.typ()).map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
        if (typ.startsWith("vp") && !presentation) {
            problems.add("typ " + jws.typ() + " announces a presentation but the payload is not a VerifiablePresentation");
        }
        if (typ.startsWith("vc") && presentation) {
            problems.add("typ " + jws.typ() + " announces a credential but the payload is a VerifiablePresentation");
        }
        if (!presentation && !Fields.types(document).contains("VerifiableCredential")) {
            problems.add("the payload's type must include VerifiableCredential or VerifiablePresentation");
        }
        if (!presentation && !document.containsKey("credentialSubject")) {
            problems.add("the credential must contain 'credentialSubject'");
        }
        if (!format.startsWith("jwt_") && Fields.baseContext(document).filter(c -> c.equals(Fields.VC_V1) || c.equals(Fields.VC_V2)).isEmpty()) {
            problems.add("the first @context must be " + Fields.VC_V2);
        }
        return problems.isEmpty()
                ? Check.passed(CheckName.STRUCTURE, (presentation ? "presentation" : "credential") + " secured as " + format)
                : Check.failed(CheckName.STRUCTURE, String.join("; ", problems));
    }
}
