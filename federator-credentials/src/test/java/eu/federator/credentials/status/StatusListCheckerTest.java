package eu.federator.credentials.status;

import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.VerificationResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class StatusListCheckerTest {

    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final String URL = "https://example.com/status/3";

    /** Lists served by URL; the "issuer" signs by registering the exact bytes it produced. */
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Set<String> signed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger verifications = new AtomicInteger();

    private final ResourceFetcher fetcher = (uri, accept) -> {
        byte[] body = served.get(uri.toString());
        if (body == null) {
            throw new FetchException(uri + " answered HTTP 404");
        }
        return new Fetched(uri, "application/vc+ld+json", body);
    };

    /** A real check: only bytes this test issued verify (the lead plugs in the full credential verifier). */
    private final StatusListCredentialVerifier verifier = bytes -> {
        verifications.incrementAndGet();
        boolean ok = signed.contains(new String(bytes, StandardCharsets.UTF_8));
        Check signature = ok ? Check.passed("proof.signature", "signed by the test issuer")
                : Check.failed("proof.signature", "the signature does not verify");
        return new VerificationResult("ldp_vc", List.of(new CredentialReport(URL, "did:example:issuer",
                "VerifiableCredential", "test", null, null, List.of(signature), null, null)), List.of());
    };

    private final StatusListChecker checker = new StatusListChecker(fetcher, verifier);

    // --- building lists ---

    static byte[] bits(int entries, int statusSize, Map<Integer, Integer> values) {
        byte[] out = new byte[(entries * statusSize + 7) / 8];
        values.forEach((index, value) -> {
            for (int i = 0; i < statusSize; i++) {
                if (((value >>> (statusSize - 1 - i)) & 1) == 1) {
                    int bit = index * statusSize + i;
                    out[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
        });
        return out;
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String issueBitstring(String url, String purpose, byte[] bitstring, String validFrom, String validUntil) {
        String json = """
                {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"%s","type":["VerifiableCredential","BitstringStatusListCredential"],
                 "issuer":"did:example:issuer","validFrom":"%s"%s,
                 "credentialSubject":{"id":"%s#list","type":"BitstringStatusList","statusPurpose":"%s","encodedList":"u%s"}}
                """.formatted(url, validFrom, validUntil == null ? "" : ",\"validUntil\":\"" + validUntil + "\"", url, purpose,
                base64url(gzip(bitstring)));
        return publish(url, json);
    }

    String publish(String url, String body) {
        served.put(url, body.getBytes(StandardCharsets.UTF_8));
        signed.add(body);
        return body;
    }

    static JsonValue json(String s) {
        return Json.createReader(new StringReader(s)).readValue();
    }

    static JsonObject entry(String type, String purpose, long index, String url) {
        return json("""
                {"id":"%s#%d","type":"%s","statusPurpose":"%s","statusListIndex":"%d","statusListCredential":"%s"}
                """.formatted(url, index, type, purpose, index, url)).asJsonObject();
    }

    // --- tests ---

    @Test
    void revokedAndNotRevoked() {
        issueBitstring(URL, "revocation", bits(131072, 1, Map.of(94567, 1)), "2026-01-01T00:00:00Z", null);
        Check revoked = checker.check(entry("BitstringStatusListEntry", "revocation", 94567, URL), AT);
        assertThat(revoked).isEqualTo(Check.failed(CheckName.STATUS, "revoked: bit 94567 of https://example.com/status/3 is set"));
        Check fine = checker.check(entry("BitstringStatusListEntry", "revocation", 94566, URL), AT);
        assertThat(fine).isEqualTo(Check.passed(CheckName.STATUS, "not revoked: bit 94566 of https://example.com/status/3 is clear"));
        assertThat(verifications.get()).isEqualTo(1); // the verified list is reused while its bytes are unchanged
    }

    @Test
    void indexZeroIsTheMostSignificantBitOfTheFirstByte() {
        byte[] list = new byte[16384];
        list[0] = (byte) 0x80;
        list[1] = (byte) 0x01;
        issueBitstring(URL, "revocation", list, "2026-01-01T00:00:00Z", null);
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 0, URL), AT).ok()).isFalse();
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), AT).ok()).isTrue();
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 7, URL), AT).ok()).isTrue();
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 8, URL), AT).ok()).isTrue();
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 15, URL), AT).ok()).isFalse();
    }

    @Test
    void suspensionAndPurposeMismatch() {
        issueBitstring(URL, "suspension", bits(131072, 1, Map.of(5, 1)), "2026-01-01T00:00:00Z", null);
        assertThat(checker.check(entry("BitstringStatusListEntry", "suspension", 5, URL), AT).message())
                .isEqualTo("suspended: bit 5 of https://example.com/status/3 is set");
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 6, URL), AT))
                .isEqualTo(Check.failed(CheckName.STATUS, "the status list https://example.com/status/3 is for suspension,"
                        + " but the entry's statusPurpose is revocation"));
    }

    @Test
    void multiBitMessageStatus() {
        issueBitstring(URL, "message", bits(65536, 2, Map.of(3, 2)), "2026-01-01T00:00:00Z", null);
        JsonObject entry = json("""
                {"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"3","statusSize":2,
                 "statusListCredential":"%s","statusMessage":[{"status":"0x0","message":"pending_review"},
                 {"status":"0x1","message":"accepted"},{"status":"0x2","message":"rejected"}]}""".formatted(URL)).asJsonObject();
        Check check = checker.check(entry, AT);
        assertThat(check.ok()).isTrue();
        assertThat(check.message()).isEqualTo("status 0x2 (\"rejected\") at bits 6..7 of https://example.com/status/3");
    }

    @Test
    void statusList2021InsideAJwtVcClaim() {
        String credential = """
                {"@context":["https://www.w3.org/2018/credentials/v1","https://w3id.org/vc/status-list/2021/v1"],
                 "id":"%s","type":["VerifiableCredential","StatusList2021Credential"],"issuer":"did:example:issuer",
                 "issuanceDate":"2026-01-01T00:00:00Z",
                 "credentialSubject":{"id":"%s#list","type":"StatusList2021","statusPurpose":"revocation","encodedList":"%s"}}
                """.formatted(URL, URL, base64url(gzip(bits(131072, 1, Map.of(42, 1)))));
        String header = base64url("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64url(("{\"iss\":\"did:example:issuer\",\"nbf\":1767225600,\"exp\":1798761600,\"vc\":" + credential + "}")
                .getBytes(StandardCharsets.UTF_8));
        publish(URL, header + "." + payload + ".c2lnbmF0dXJl");
        assertThat(checker.check(entry("StatusList2021Entry", "revocation", 42, URL), AT).message())
                .isEqualTo("revoked: bit 42 of https://example.com/status/3 is set");
        assertThat(checker.check(entry("StatusList2021Entry", "revocation", 41, URL), AT).ok()).isTrue();
        // exp 2027-01-01 from the JWT bounds the list's validity
        assertThat(checker.check(entry("StatusList2021Entry", "revocation", 41, URL), Instant.parse("2027-06-01T00:00:00Z")).message())
                .isEqualTo("the status list credential https://example.com/status/3 expired at 2027-01-01T00:00:00Z");
        // a StatusList2021 list does not answer a BitstringStatusListEntry
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 41, URL), AT).message())
                .contains("is a StatusList2021, but the entry is a BitstringStatusListEntry");
    }

    @Test
    void vcJoseJwtWhosePayloadIsTheCredential() {
        String credential = """
                {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"%s","type":["VerifiableCredential","BitstringStatusListCredential"],
                 "issuer":"did:example:issuer","validFrom":"2026-01-01T00:00:00Z",
                 "credentialSubject":{"id":"%s#list","type":"BitstringStatusList","statusPurpose":"revocation","encodedList":"u%s"}}
                """.formatted(URL, URL, base64url(gzip(bits(131072, 1, Map.of(7, 1)))));
        publish(URL, base64url("{\"alg\":\"EdDSA\",\"typ\":\"vc+jwt\"}".getBytes()) + "." + base64url(credential.getBytes()) + ".c2ln");
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 7, URL), AT).ok()).isFalse();
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 8, URL), AT).ok()).isTrue();
    }

    @Test
    void listThatDoesNotVerifyFails() {
        String body = issueBitstring(URL, "revocation", bits(131072, 1, Map.of()), "2026-01-01T00:00:00Z", null);
        signed.remove(body); // served, but not issued by the trusted issuer
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), AT)).isEqualTo(Check.failed(CheckName.STATUS,
                "the status list credential https://example.com/status/3 did not verify: proof.signature: the signature does not verify"));
    }

    @Test
    void validityWindowOfTheList() {
        issueBitstring(URL, "revocation", bits(131072, 1, Map.of()), "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z");
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), AT).message())
                .isEqualTo("the status list credential https://example.com/status/3 expired at 2026-03-01T00:00:00Z");
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), Instant.parse("2025-12-01T00:00:00Z")).message())
                .isEqualTo("the status list credential https://example.com/status/3 is not valid before 2026-01-01T00:00:00Z");
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), Instant.parse("2026-02-01T00:00:00Z")).ok()).isTrue();
    }

    @Test
    void indexOutOfBounds() {
        issueBitstring(URL, "revocation", bits(131072, 1, Map.of()), "2026-01-01T00:00:00Z", null);
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 131072, URL), AT).message())
                .isEqualTo("statusListIndex 131072 is outside the status list https://example.com/status/3 (131072 entries)");
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 131071, URL), AT).ok()).isTrue();
        assertThat(checker.check(json("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":\"-1\","
                + "\"statusListCredential\":\"" + URL + "\"}"), AT).message()).contains("has no valid statusListIndex");
    }

    @Test
    void zipBombsAreRefused() {
        byte[] huge = new byte[(int) StatusListChecker.MAX_DECOMPRESSED + 1024];
        issueBitstring(URL, "revocation", huge, "2026-01-01T00:00:00Z", null);
        assertThat(served.get(URL).length).isLessThan(100_000);
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), AT).message())
                .isEqualTo("the encodedList of https://example.com/status/3 decompresses to more than 16777216 bytes; refusing it (possible zip bomb)");
    }

    @Test
    void malformedEntriesAndLists() {
        assertThat(checker.check(json("{\"type\":\"RevocationList2020Status\",\"revocationListIndex\":\"1\"}"), AT))
                .isEqualTo(Check.failed(CheckName.STATUS,
                        "unsupported credentialStatus type [RevocationList2020Status]; supported: BitstringStatusListEntry, StatusList2021Entry"));
        assertThat(checker.check(json("\"https://example.com/status\""), AT).message())
                .isEqualTo("credentialStatus must be an object or an array of objects");
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, "https://example.com/missing"), AT).message())
                .isEqualTo("the status list credential https://example.com/missing could not be fetched: https://example.com/missing answered HTTP 404");
        publish(URL, """
                {"type":["VerifiableCredential","BitstringStatusListCredential"],"validFrom":"2026-01-01T00:00:00Z",
                 "credentialSubject":{"type":"BitstringStatusList","statusPurpose":"revocation","encodedList":"%s"}}
                """.formatted(base64url(gzip(new byte[16384]))));
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), AT).message())
                .isEqualTo("the encodedList of https://example.com/status/3 must be multibase base64url (start with 'u')");
        publish(URL, """
                {"type":["VerifiableCredential"],"credentialSubject":{"type":"BitstringStatusList","statusPurpose":"revocation","encodedList":"uAAAA"}}
                """);
        assertThat(checker.check(entry("BitstringStatusListEntry", "revocation", 1, URL), AT).message()).contains("is not GZIP data");
        assertThat(checker.check(json("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"refresh\",\"statusListIndex\":\"1\","
                + "\"statusListCredential\":\"" + URL + "\"}"), AT).message()).contains("unsupported statusPurpose \"refresh\"");
    }

    @Test
    void everyEntryOfAnArrayMustPass() {
        String revocationUrl = "https://example.com/status/revocation";
        String suspensionUrl = "https://example.com/status/suspension";
        issueBitstring(revocationUrl, "revocation", bits(131072, 1, Map.of()), "2026-01-01T00:00:00Z", null);
        issueBitstring(suspensionUrl, "suspension", bits(131072, 1, Map.of(9, 1)), "2026-01-01T00:00:00Z", null);
        JsonValue both = Json.createArrayBuilder()
                .add(entry("BitstringStatusListEntry", "revocation", 9, revocationUrl))
                .add(entry("BitstringStatusListEntry", "suspension", 9, suspensionUrl)).build();
        assertThat(checker.check(both, AT)).isEqualTo(Check.failed(CheckName.STATUS,
                "suspended: bit 9 of https://example.com/status/suspension is set"));
        JsonValue fine = Json.createArrayBuilder()
                .add(entry("BitstringStatusListEntry", "revocation", 10, revocationUrl))
                .add(entry("BitstringStatusListEntry", "suspension", 10, suspensionUrl)).build();
        Check passed = checker.check(fine, AT);
        assertThat(passed.ok()).isTrue();
        assertThat(passed.message()).isEqualTo("not revoked: bit 10 of https://example.com/status/revocation is clear;"
                + " not suspended: bit 10 of https://example.com/status/suspension is clear");
    }

    @Test
    void fetchedThroughTheFetcherWithTheUrlOfTheEntry() {
        AtomicInteger fetches = new AtomicInteger();
        ResourceFetcher counting = (uri, accept) -> {
            fetches.incrementAndGet();
            assertThat(accept).contains("application/vc");
            return fetcher.fetch(uri, accept);
        };
        issueBitstring(URL, "revocation", bits(131072, 1, Map.of()), "2026-01-01T00:00:00Z", null);
        new StatusListChecker(counting, verifier).check(entry("BitstringStatusListEntry", "revocation", 1, URL), AT);
        assertThat(fetches.get()).isEqualTo(1);
    }
}
