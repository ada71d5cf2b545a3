package eu.federator.credentials.fuzz;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.proof.ProofFormatException;
import eu.federator.credentials.proof.jws2020.JsonWebSignature2020;
import eu.federator.credentials.testing.Fixtures;

import com.nimbusds.jose.jwk.JWK;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded mutational fuzzing of the parsing entry points ({@link Json#parse}, {@link LinkedData#canonicalize} and
 * {@link LinkedData#droppedTerms} on parsed input, {@link JsonWebSignature2020#headerAlgorithm} and
 * {@code verify}). Only the documented checked exceptions may come out: never a RuntimeException, never a
 * StackOverflowError. Deterministic (fixed seeds) and bounded in iterations and time, so it runs in every
 * build; a failure prints the seed and the input. Complements {@link JazzerFuzzTest} (coverage-guided, byte
 * level) with mutations that know JSON-LD: keywords, blank nodes, contexts, extreme numbers, deep nesting.
 */
class ParserFuzzTest {

    /** A longer campaign: {@code -Dfederator.fuzz.scale=20 -Dfederator.fuzz.seed=N} (the time budget grows too). */
    private static final int SCALE = Integer.getInteger("federator.fuzz.scale", 1);
    private static final long SEED = Long.getLong("federator.fuzz.seed", 0x5EEDF00DL);
    private static final int BYTE_MUTATIONS = 2_500 * SCALE;
    private static final int TREE_MUTATIONS = 2_500 * SCALE;
    private static final int JWS_MUTATIONS = 4_000 * SCALE;
    private static final long TIME_BUDGET_NANOS = 25_000_000_000L * SCALE;

    private static final List<byte[]> SEEDS = new ArrayList<>();
    private static final LinkedData LD = LinkedData.offline();
    private static final JsonWebSignature2020 JWS = new JsonWebSignature2020(LD);
    private static JWK key;

    /** Keys and values that steer JSON-LD processing into its rarer branches. */
    private static final String[] KEYWORDS = {"@context", "@id", "@type", "@value", "@language", "@list", "@set", "@graph",
            "@reverse", "@nest", "@index", "@included", "@json", "@vocab", "@base", "@propagate", "@protected", "@import",
            "@container", "@version", "@direction", "@none", "id", "type", "proof", "jws", "credentialSubject", "gx:legalName", "x"};
    private static final String[] STRINGS = {"", "_:b0", "_:b1", "@id", "@vocab", "@json", "https://example.org/a", "did:web:x",
            "https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/suites/jws-2020/v1", "https://w3id.org/security/v3",
            "https://w3id.org/gaia-x/development#", "https://www.w3.org/ns/credentials/v2", "https://unknown.example/ctx",
            "relative/iri", "http://[::1", "urn:x:\u0000", "\uD800", "ltr", "en-US", "1e999999999", "gx:", ":", "@", "#"};

    @BeforeAll
    static void seeds() throws Exception {
        for (String file : List.of("gaiax/jws2020-vectors/gx-jws2020-dual-flavour-vectors.json", "gaiax/tagus-2210/vp/participant-vp.json",
                "gaiax/loire-2511/examples/gx-legalperson-reference.json", "xfsc/classic/sign/valid_signature.json",
                "xfsc/classic/mock-data/default-sd.json", "gaiax/contexts/w3c-credentials-v2.jsonld")) {
            SEEDS.add(Fixtures.bytes(file));
        }
        key = JWK.parse(Json.write(Json.parseObject(SEEDS.get(0)).getJsonObject("publicKeyJwk")));
    }

    @Test
    void byteLevelMutationsOfFixtures() {
        SplittableRandom random = new SplittableRandom(SEED);
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS / 3;
        int done = 0;
        for (; done < BYTE_MUTATIONS && System.nanoTime() < deadline; done++) {
            byte[] input = mutateBytes(SEEDS.get(random.nextInt(SEEDS.size())), random);
            exercise(input, "byte mutation " + done);
        }
        assertThat(done).isGreaterThan(200);
    }

    @Test
    void structureAwareMutationsReachJsonLdProcessing() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<JsonObject> documents = new ArrayList<>();
        for (byte[] seed : SEEDS) {
            JsonObject o = Json.parseObject(seed);
            documents.add(o.containsKey("vectors") ? o.getJsonObject("vectors").getJsonObject("w3cJsonWebSignature2020").getJsonObject("credential") : o);
        }
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS / 3;
        int done = 0;
        int canonicalized = 0;
        for (; done < TREE_MUTATIONS && System.nanoTime() < deadline; done++) {
            JsonValue mutated = documents.get(random.nextInt(documents.size()));
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                mutated = mutateTree(mutated, random, 0);
            }
            if (exercise(Json.write(mutated).getBytes(StandardCharsets.UTF_8), "tree mutation " + done)) {
                canonicalized++;
            }
        }
        assertThat(done).isGreaterThan(200);
        assertThat(canonicalized).as("mutants that canonicalized successfully").isGreaterThan(done / 20);
    }

    @Test
    void mutatedJwsValues() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        String[] seeds = {
                "eyJhbGciOiJQUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..c2lnbmF0dXJl",
                "eyJiNjQiOmZhbHNlLCJjcml0IjpbImI2NCJdLCJhbGciOiJQUzI1NiJ9..c2ln",
                Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\"]}".getBytes(StandardCharsets.UTF_8)) + "..AA"};
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS / 3;
        int done = 0;
        for (; done < JWS_MUTATIONS && System.nanoTime() < deadline; done++) {
            String jws;
            if (random.nextBoolean()) {
                jws = new String(mutateBytes(seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.ISO_8859_1), random), StandardCharsets.ISO_8859_1);
            } else {
                // mutate the decoded header and re-encode it, to get past base64url
                String header = new String(mutateBytes("{\"alg\":\"PS256\",\"b64\":false,\"crit\":[\"b64\"]}".getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
                jws = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "..c2ln";
            }
            JsonObject proof = Json.provider().createObjectBuilder().add("type", "JsonWebSignature2020").add("jws", jws).build();
            try {
                JsonWebSignature2020.headerAlgorithm(proof);
            } catch (ProofFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable t) {
                fail("headerAlgorithm threw " + t + " for jws " + jws, t);
            }
        }
        assertThat(done).isGreaterThan(500);
    }

    /** @return true if the input made it through canonicalization */
    private static boolean exercise(byte[] input, String label) {
        JsonValue value;
        try {
            value = Json.parse(input);
        } catch (JsonSyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return false;
        } catch (Throwable t) {
            return failWith("Json.parse", label, input, t);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return false;
        }
        JsonObject document = value.asJsonObject();
        boolean canonicalized = false;
        try {
            LD.canonicalize(document);
            canonicalized = true;
        } catch (LinkedDataException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (Throwable t) {
            return failWith("LinkedData.canonicalize", label, input, t);
        }
        try {
            LD.droppedTerms(document);
        } catch (LinkedDataException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (Throwable t) {
            return failWith("LinkedData.droppedTerms", label, input, t);
        }
        if (document.get("proof") instanceof JsonObject proof) {
            try {
                JWS.verify(document, proof, key);
            } catch (LinkedDataException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable t) {
                return failWith("JsonWebSignature2020.verify", label, input, t);
            }
        }
        return canonicalized;
    }

    private static boolean failWith(String entryPoint, String label, byte[] input, Throwable t) {
        String text = new String(input, StandardCharsets.UTF_8);
        fail(entryPoint + " threw " + t + " on " + label + " (seed " + SEED + "), input: "
                + (text.length() > 2_000 ? text.substring(0, 2_000) + "…" : text), t);
        return false;
    }

    static byte[] mutateBytes(byte[] seed, SplittableRandom random) {
        byte[] b = seed.clone();
        switch (random.nextInt(8)) {
            case 0 -> { // bit flips
                for (int i = 1 + random.nextInt(8); i > 0 && b.length > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> { // truncation
                b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            }
            case 2 -> { // duplicate a slice
                if (b.length > 1) {
                    int from = random.nextInt(b.length);
                    int to = from + random.nextInt(Math.min(200, b.length - from));
                    int at = random.nextInt(b.length);
                    b = splice(b, at, java.util.Arrays.copyOfRange(b, from, to));
                }
            }
            case 3 -> { // deep nesting inserted somewhere
                int depth = 150 + random.nextInt(10_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                b = splice(b, b.length == 0 ? 0 : random.nextInt(b.length), open.repeat(depth).getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> { // random unicode, including surrogates and controls
                StringBuilder s = new StringBuilder();
                for (int i = 1 + random.nextInt(6); i > 0; i--) {
                    s.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x10FFFF));
                }
                b = splice(b, b.length == 0 ? 0 : random.nextInt(b.length), s.toString().getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> { // raw invalid bytes
                b = splice(b, b.length == 0 ? 0 : random.nextInt(b.length), new byte[]{(byte) (0x80 + random.nextInt(0x80)), (byte) random.nextInt(256)});
            }
            case 6 -> { // delete a slice
                if (b.length > 1) {
                    int from = random.nextInt(b.length);
                    int to = from + random.nextInt(Math.min(100, b.length - from));
                    byte[] out = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, out, 0, from);
                    System.arraycopy(b, to, out, from, b.length - to);
                    b = out;
                }
            }
            default -> { // JSON-ish tokens
                String[] tokens = {"\"@context\":", "\"@id\":\"_:b0\",", "1e999999999", "-0", "null", "\"\\ud800\"", "{\"@list\":[", "]]]", "}}", ",,"};
                b = splice(b, b.length == 0 ? 0 : random.nextInt(b.length), tokens[random.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    /** Replaces, adds or removes one value somewhere in the tree. */
    static JsonValue mutateTree(JsonValue value, SplittableRandom random, int depth) {
        boolean here = depth > 12 || random.nextInt(4) == 0 || !(value instanceof JsonObject || value instanceof JsonArray);
        if (here) {
            if (value instanceof JsonObject object && random.nextBoolean()) {
                JsonObjectBuilder builder = Json.provider().createObjectBuilder(object);
                String k = random.nextInt(3) == 0 && !object.isEmpty()
                        ? new ArrayList<>(object.keySet()).get(random.nextInt(object.size()))
                        : KEYWORDS[random.nextInt(KEYWORDS.length)];
                if (random.nextInt(4) == 0) {
                    builder.remove(k);
                } else {
                    builder.add(k, randomValue(random, 0));
                }
                return builder.build();
            }
            return randomValue(random, 0);
        }
        if (value instanceof JsonObject object) {
            if (object.isEmpty()) {
                return value;
            }
            List<String> keys = new ArrayList<>(object.keySet());
            String k = keys.get(random.nextInt(keys.size()));
            return Json.provider().createObjectBuilder(object).add(k, mutateTree(object.get(k), random, depth + 1)).build();
        }
        JsonArray array = value.asJsonArray();
        if (array.isEmpty()) {
            return Json.provider().createArrayBuilder().add(randomValue(random, 0)).build();
        }
        int i = random.nextInt(array.size());
        JsonArrayBuilder builder = Json.provider().createArrayBuilder();
        for (int j = 0; j < array.size(); j++) {
            builder.add(j == i ? mutateTree(array.get(j), random, depth + 1) : array.get(j));
        }
        return builder.build();
    }

    static JsonValue randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 8);
        return switch (kind) {
            case 0 -> Json.provider().createValue(STRINGS[random.nextInt(STRINGS.length)]);
            case 1 -> Json.provider().createValue(new java.math.BigDecimal(random.nextBoolean() ? "1e999999999" : "-0.0000001e-400"));
            case 2 -> Json.provider().createValue(random.nextLong());
            case 3 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.NULL;
            case 4 -> Json.provider().createValue(KEYWORDS[random.nextInt(KEYWORDS.length)]);
            case 5 -> {
                JsonArrayBuilder a = Json.provider().createArrayBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a.build();
            }
            default -> {
                JsonObjectBuilder o = Json.provider().createObjectBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.add(KEYWORDS[random.nextInt(KEYWORDS.length)], randomValue(random, depth + 1));
                }
                yield o.build();
            }
        };
    }

    @Test
    void theMutatorsProduceVariedInput() {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<Integer, Integer> lengths = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            lengths.merge(mutateBytes(SEEDS.get(1), random).length, 1, Integer::sum);
        }
        assertThat(lengths.size()).isGreaterThan(10);
    }
}
