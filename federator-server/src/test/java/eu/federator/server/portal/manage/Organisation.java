package eu.federator.server.portal.manage;

import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A participant of its own for one test (its own did:web host: publishing a party again would replace its key), with
 * its Loire participant credentials (LegalPerson with a registration number by the world's notary, gx:Issuer) and
 * offerings presented with them.
 */
final class Organisation {
    final ComplianceWorld world;
    final ComplianceWorld.Party party;
    final String base;
    private final List<String> credentials;

    Organisation(ComplianceWorld world, ComplianceWorld.Loire loire, String host) {
        this.world = world;
        this.party = world.party(host);
        this.base = "https://" + host + "/credentials/";
        String vat = "BE0" + Math.floorMod(host.hashCode(), 1_000_000_000);
        JsonObject legalPerson = ComplianceWorld.vc(party, base + "legal-person.json", "LegalPerson", cs -> {
            cs.add("gx:registrationNumber", Json.createObjectBuilder().add("id", "https://notary.example.org/vat/" + vat + ".json#cs"));
            cs.add("gx:legalAddress", Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE"));
            cs.add("gx:headquartersAddress", Json.createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE"));
            cs.add("https://schema.org/name", "Org " + host);
        });
        JsonObject registration = ComplianceWorld.vc(loire.notary, "https://notary.example.org/vat/" + vat + ".json", "VatID",
                cs -> cs.add("gx:vatID", vat));
        JsonObject issuer = ComplianceWorld.vc(party, base + "issuer.json", "Issuer",
                cs -> cs.add("gx:gaiaxTermsAndConditions", ComplianceWorld.ACCEPTED_HASH));
        this.credentials = List.of(world.sign(legalPerson, party), world.sign(registration, loire.notary), world.sign(issuer, party));
    }

    String did() {
        return party.did();
    }

    /** Its participant self-description: a vp+jwt of its participant credentials. */
    String participantVp() {
        return world.presentation(party, credentials);
    }

    /** A vp+jwt of an offering named {@code name} (schema:name) with the participant credentials. */
    String offeringVp(String name) {
        JsonObject offering = ComplianceWorld.vc(party, base + name + ".json", "ServiceOffering", cs -> {
            cs.add("gx:providedBy", Json.createObjectBuilder().add("id", base + "legal-person.json#cs"));
            cs.add("gx:serviceOfferingTermsAndConditions", Json.createObjectBuilder().add("type", "gx:TermsAndConditions")
                    .add("gx:url", Json.createObjectBuilder().add("@value", base + "terms").add("@type", "xsd:anyURI"))
                    .add("gx:hash", "0d6a4c3bbf6a7d2b3b2e0f6f3e1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"));
            cs.add("https://schema.org/name", name);
        });
        List<String> all = new ArrayList<>(credentials);
        all.add(world.sign(offering, party));
        return world.presentation(party, all);
    }

    String offeringSubject(String name) {
        return base + name + ".json#cs";
    }
}
