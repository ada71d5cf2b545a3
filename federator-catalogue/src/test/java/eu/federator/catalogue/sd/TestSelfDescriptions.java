package eu.federator.catalogue.sd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link NewSelfDescription} values built directly, as the ingest pipeline would hand them to a store, without signing.
 * Every value gets content of its own (a running nonce), so its hash is new; claims are N-Triples with a blank node,
 * as real claims have.
 */
public final class TestSelfDescriptions {
    public static final String GX = "https://w3id.org/gaia-x/development#";
    public static final String SCHEMA = "https://schema.org/";
    /** Microsecond precision and earlier than any real clock: what PostgreSQL stores is compared as is. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static final AtomicLong NONCE = new AtomicLong();

    private TestSelfDescriptions() {
    }

    public static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A service offering of {@code did:web:provider.example} about {@code subject}. */
    public static Builder sd(String subject) {
        return new Builder(subject);
    }

    /** A participant self-description: subject, issuer and provider are the participant's DID. */
    public static Builder participant(String did) {
        return new Builder(did).issuer(did).provider(did).kind(SdKind.PARTICIPANT, GX + "LegalPerson");
    }

    /** A bundled credential whose hash is derived from {@code name} (the same name: the same credential). */
    public static BundledCredential credential(String name) {
        return credential(name, "content of " + name);
    }

    public static BundledCredential credential(String name, String content) {
        return new BundledCredential(sha256("credential " + name), "https://provider.example/credentials/" + name + ".json",
                "did:web:provider.example", "https://provider.example/credentials/" + name + ".json#cs", SdKind.PARTICIPANT, "vc+jwt",
                content.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final String subject;
        private String issuer = "did:web:provider.example";
        private String provider;
        private SdKind kind = SdKind.SERVICE_OFFERING;
        private List<String> types = List.of(GX + "ServiceOffering");
        private String format = "vc+jwt";
        private String contentType = "application/vc+jwt";
        private Instant validFrom = T0.minusSeconds(86_400);
        private Instant expirationTime;
        private List<String> validators;
        private String origin;
        private String title;
        private String text = "";
        private final List<BundledCredential> bundled = new ArrayList<>();
        private List<String> keywords = List.of();
        private List<String> countries = List.of();
        private Compliance compliance = Compliance.NONE;
        private IngestReport report;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder kind(SdKind kind, String... types) {
            this.kind = kind;
            this.types = List.of(types);
            return this;
        }

        public Builder format(String format, String contentType) {
            this.format = format;
            this.contentType = contentType;
            return this;
        }

        public Builder validFrom(Instant validFrom) {
            this.validFrom = validFrom;
            return this;
        }

        public Builder expires(Instant expirationTime) {
            this.expirationTime = expirationTime;
            return this;
        }

        public Builder validators(String... validators) {
            this.validators = List.of(validators);
            return this;
        }

        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Words full-text search sees besides the subject id and the title. */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** Keywords, as facet values and as {@code gx:keyword} claims of the subject. */
        public Builder keywords(String... keywords) {
            this.keywords = List.of(keywords);
            return this;
        }

        /** Countries, as facet values and as {@code gx:countryCode} claims of an address. */
        public Builder countries(String... countries) {
            this.countries = List.of(countries);
            return this;
        }

        public Builder compliance(Compliance compliance) {
            this.compliance = compliance;
            return this;
        }

        public Builder report(IngestReport report) {
            this.report = report;
            return this;
        }

        public Builder bundled(BundledCredential... credentials) {
            bundled.addAll(List.of(credentials));
            return this;
        }

        public NewSelfDescription build() {
            long nonce = NONCE.incrementAndGet();
            String owner = provider == null ? issuer : provider;
            byte[] content = ("{\"credentialSubject\":{\"id\":\"" + subject + "\"},\"issuer\":\"" + issuer + "\",\"nonce\":" + nonce + "}")
                    .getBytes(StandardCharsets.UTF_8);
            String hash = HexFormat.of().formatHex(digest(content));
            StringBuilder claims = new StringBuilder();
            for (String type : types) {
                claims.append('<').append(subject).append("> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <").append(type).append("> .\n");
            }
            if (title != null) {
                claims.append('<').append(subject).append("> <").append(SCHEMA).append("name> \"").append(title).append("\" .\n");
            }
            claims.append('<').append(subject).append("> <").append(GX).append("dataAccountExport> _:export .\n");
            claims.append("_:export <").append(GX).append("requestType> \"API\" .\n");
            claims.append("_:export <").append(GX).append("nonce> \"").append(nonce).append("\" .\n");
            for (String keyword : keywords) {
                claims.append('<').append(subject).append("> <").append(GX).append("keyword> \"")
                        .append(keyword.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" .\n");
            }
            for (String country : countries) {
                claims.append('<').append(subject).append("> <").append(GX).append("legalAddress> _:address").append(country).append(" .\n");
                claims.append("_:address").append(country).append(" <").append(GX).append("countryCode> \"").append(country).append("\" .\n");
            }
            SelfDescription metadata = new SelfDescription(hash, subject, issuer, owner, kind, types, format, contentType, Lifecycle.ACTIVE,
                    null, null, validFrom, expirationTime, validators == null ? List.of(issuer + "#key-1") : validators,
                    List.of(subject.replace("#cs", "") + "/credential-" + nonce), origin, title);
            String searchText = String.join(" ", subject, title == null ? "" : title, text).trim();
            return new NewSelfDescription(metadata, content, claims.toString(), Map.of("gx", GX, "schema", SCHEMA), bundled, searchText,
                    new SdFacets(keywords, countries, compliance), report);
        }

        private static byte[] digest(byte[] content) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(content);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
