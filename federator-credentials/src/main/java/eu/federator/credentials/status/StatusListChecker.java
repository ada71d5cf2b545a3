package eu.federator.credentials.status;

import eu.federator.credentials.internal.JsonInput;
import eu.federator.credentials.internal.TtlCache;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.VerificationResult;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Checks a credential's {@code credentialStatus} against its status list and yields one {@link CheckName#STATUS}
 * check.
 *
 * <p>Supported entries: {@code BitstringStatusListEntry} (W3C Bitstring Status List v1.0, VCDM 2.0; encodedList is
 * multibase base64url, prefix {@code u}, of a GZIP-compressed bitstring; {@code statusPurpose} revocation, suspension
 * or message; {@code statusSize}, default 1) and {@code StatusList2021Entry} (base64url of GZIP, revocation or
 * suspension). Index 0 is the left-most (most significant) bit of the first byte; with {@code statusSize} n the
 * entry occupies bits {@code index*n .. index*n+n-1}.
 *
 * <p>For each entry the list credential at {@code statusListCredential} is fetched (JSON-LD, or a compact JWS whose
 * payload is the credential or carries it in a {@code vc} claim), verified through the
 * {@link StatusListCredentialVerifier}, and required to be within its validity window at the evaluation instant, to
 * have the matching list type and {@code statusPurpose}, and to decompress to at most 16 MiB. A set status
 * (revocation, suspension) fails the check; a {@code message} status passes and reports the message. Every entry
 * of an array must pass. Unknown entry types fail. Verified lists are reused for 5 minutes while their bytes are
 * unchanged (at most 256).
 */
public final class StatusListChecker {

    static final long MAX_DECOMPRESSED = 16L * 1024 * 1024;
    private static final String ACCEPT = "application/vc+ld+json, application/vc+jwt, application/vc, application/ld+json;q=0.9, application/jwt;q=0.9, application/json;q=0.8";
    private static final Set<String> PURPOSES_BITSTRING = Set.of("revocation", "suspension", "message");
    private static final Set<String> PURPOSES_2021 = Set.of("revocation", "suspension");

    private final ResourceFetcher fetcher;
    private final StatusListCredentialVerifier verifier;
    private final TtlCache<String, StatusList> verified = new TtlCache<>(Duration.ofMinutes(5), 256);

    public StatusListChecker(ResourceFetcher fetcher, StatusListCredentialVerifier verifier) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * @param credentialStatus the credential's {@code credentialStatus}: one entry object or an array of them
     * @param at               the evaluation instant for the list credential's validity window
     */
    public Check check(JsonValue credentialStatus, Instant at) {
        Objects.requireNonNull(at, "at");
        if (credentialStatus instanceof JsonArray array) {
            if (array.isEmpty()) {
                return Check.passed(CheckName.STATUS, "credentialStatus is an empty array: nothing to check");
            }
            List<Check> results = new ArrayList<>();
            for (JsonValue entry : array) {
                results.add(one(entry, at));
            }
            List<Check> failed = results.stream().filter(c -> !c.ok()).toList();
            if (!failed.isEmpty()) {
                return Check.failed(CheckName.STATUS, failed.stream().map(Check::message).collect(Collectors.joining("; ")));
            }
            return Check.passed(CheckName.STATUS, results.stream().map(Check::message).collect(Collectors.joining("; ")));
        }
        return one(credentialStatus, at);
    }

    private Check one(JsonValue value, Instant at) {
        if (!(value instanceof JsonObject entry)) {
            return Check.failed(CheckName.STATUS, "credentialStatus must be an object or an array of objects");
        }
        try {
            return Check.passed(CheckName.STATUS, evaluate(entry, at));
        } catch (StatusException e) {
            return Check.failed(CheckName.STATUS, e.getMessage());
        }
    }

    private enum Kind {
        BITSTRING("BitstringStatusListEntry", "BitstringStatusList", "BitstringStatusListCredential"),
        STATUS_LIST_2021("StatusList2021Entry", "StatusList2021", "StatusList2021Credential");

        final String entryType;
        final String subjectType;
        final String credentialType;

        Kind(String entryType, String subjectType, String credentialType) {
            this.entryType = entryType;
            this.subjectType = subjectType;
            this.credentialType = credentialType;
        }
    }

    /** A verified, decoded list: its purposes, validity window and bits. */
    private record StatusList(String url, Kind kind, List<String> purposes, Instant validFrom, Instant validUntil, byte[] bits) {
    }

    private String evaluate(JsonObject entry, Instant at) throws StatusException {
        List<String> types = JsonInput.strings(entry, "type");
        Kind kind;
        if (types.contains(Kind.BITSTRING.entryType)) {
            kind = Kind.BITSTRING;
        } else if (types.contains(Kind.STATUS_LIST_2021.entryType)) {
            kind = Kind.STATUS_LIST_2021;
        } else {
            throw new StatusException("unsupported credentialStatus type " + (types.isEmpty() ? "(none)" : types)
                    + "; supported: BitstringStatusListEntry, StatusList2021Entry");
        }
        String url = JsonInput.string(entry, "statusListCredential").orElseThrow(() ->
                new StatusException(kind.entryType + " has no statusListCredential URL"));
        String purpose = JsonInput.string(entry, "statusPurpose").orElseThrow(() ->
                new StatusException(kind.entryType + " for " + url + " has no statusPurpose"));
        if (!(kind == Kind.BITSTRING ? PURPOSES_BITSTRING : PURPOSES_2021).contains(purpose)) {
            throw new StatusException(kind.entryType + " for " + url + " has unsupported statusPurpose \"" + purpose + "\"");
        }
        long index = JsonInput.nonNegativeLong(entry, "statusListIndex").orElseThrow(() ->
                new StatusException(kind.entryType + " for " + url + " has no valid statusListIndex (a non-negative integer)"));
        int size = 1;
        if (kind == Kind.BITSTRING && entry.containsKey("statusSize")) {
            long s = JsonInput.nonNegativeLong(entry, "statusSize").orElse(0L);
            if (s < 1 || s > 32) {
                throw new StatusException("statusSize of the entry for " + url + " must be an integer from 1 to 32");
            }
            size = (int) s;
        }
        if (purpose.equals("message") && !(entry.get("statusMessage") instanceof JsonArray)) {
            throw new StatusException("the message status entry for " + url + " has no statusMessage list");
        }
        StatusList list = list(url, kind, at);
        if (!list.purposes().contains(purpose)) {
            throw new StatusException("the status list " + url + " is for " + String.join("/", list.purposes())
                    + ", but the entry's statusPurpose is " + purpose);
        }
        long bitCount = (long) list.bits().length * 8;
        long first = index * size;
        if (index > Long.MAX_VALUE / 64 || first + size > bitCount) {
            throw new StatusException("statusListIndex " + index + " is outside the status list " + url + " ("
                    + (bitCount / size) + " entries)");
        }
        long status = 0;
        for (int i = 0; i < size; i++) {
            long bit = first + i;
            int b = list.bits()[(int) (bit >>> 3)] & 0xff;
            status = (status << 1) | ((b >>> (7 - (bit & 7))) & 1);
        }
        String position = size == 1 ? "bit " + first : "bits " + first + ".." + (first + size - 1);
        switch (purpose) {
            case "revocation", "suspension" -> {
                String state = purpose.equals("revocation") ? "revoked" : "suspended";
                if (status != 0) {
                    throw new StatusException(state + ": " + position + " of " + url + " is set");
                }
                return "not " + state + ": " + position + " of " + url + " is clear";
            }
            default -> {
                return "status 0x" + Long.toHexString(status) + message(entry, status) + " at " + position + " of " + url;
            }
        }
    }

    private static String message(JsonObject entry, long status) {
        if (entry.get("statusMessage") instanceof JsonArray messages) {
            for (JsonValue m : messages) {
                if (m instanceof JsonObject o) {
                    String code = JsonInput.string(o, "status").orElse("");
                    try {
                        if (Long.decode(code) == status) {
                            return " (\"" + JsonInput.string(o, "message").orElse("") + "\")";
                        }
                    } catch (NumberFormatException e) {
                        // a malformed code just does not match
                    }
                }
            }
        }
        return "";
    }

    private StatusList list(String url, Kind kind, Instant at) throws StatusException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new StatusException("statusListCredential \"" + url + "\" is not a valid URL");
        }
        Fetched fetched;
        try {
            fetched = fetcher.fetch(uri, ACCEPT);
        } catch (FetchException e) {
            throw new StatusException("the status list credential " + url + " could not be fetched: " + e.getMessage());
        }
        byte[] bytes = fetched.body();
        String cacheKey = url + " " + sha256(bytes);
        StatusList list = verified.get(cacheKey);
        if (list == null) {
            VerificationResult result = verifier.verify(bytes.clone());
            if (result == null || !result.valid()) {
                String why = result == null ? "no result" : result.failures().isEmpty()
                        ? "not every check passed" + (result.hasSkippedChecks() ? " (some were skipped)" : "")
                        : result.failures().stream().map(c -> c.name() + ": " + c.message()).collect(Collectors.joining("; "));
                throw new StatusException("the status list credential " + url + " did not verify: " + why);
            }
            list = decode(url, kind, bytes);
            verified.put(cacheKey, list);
        }
        if (list.kind() != kind) {
            throw new StatusException("the status list " + url + " is a " + list.kind().subjectType + ", but the entry is a " + kind.entryType);
        }
        if (list.validFrom() != null && at.isBefore(list.validFrom())) {
            throw new StatusException("the status list credential " + url + " is not valid before " + list.validFrom());
        }
        if (list.validUntil() != null && at.isAfter(list.validUntil())) {
            throw new StatusException("the status list credential " + url + " expired at " + list.validUntil());
        }
        return list;
    }

    private static StatusList decode(String url, Kind kind, byte[] bytes) throws StatusException {
        JsonObject credential;
        Instant jwtNbf = null;
        Instant jwtExp = null;
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        try {
            if (text.startsWith("{")) {
                credential = JsonInput.object(text.getBytes(StandardCharsets.UTF_8), "the status list credential " + url);
            } else {
                String[] parts = text.split("\\.", -1);
                if (parts.length != 3) {
                    throw new StatusException("the status list credential " + url + " is neither JSON nor a compact JWS");
                }
                byte[] payload;
                try {
                    payload = Base64.getUrlDecoder().decode(parts[1]);
                } catch (IllegalArgumentException e) {
                    throw new StatusException("the status list credential " + url + " has a JWS payload that is not base64url");
                }
                JsonObject claims = JsonInput.object(payload, "the JWT payload of the status list credential " + url);
                jwtNbf = epochSeconds(claims, "nbf");
                jwtExp = epochSeconds(claims, "exp");
                credential = claims.get("vc") instanceof JsonObject vc ? vc : claims;
            }
        } catch (IllegalArgumentException e) {
            throw new StatusException(e.getMessage());
        }
        List<String> credentialTypes = JsonInput.strings(credential, "type");
        if (!credentialTypes.contains(kind.credentialType) && !credentialTypes.contains("VerifiableCredential")) {
            throw new StatusException("the status list credential " + url + " is not a VerifiableCredential (type " + credentialTypes + ")");
        }
        List<JsonValue> subjects = JsonInput.items(credential.get("credentialSubject"));
        if (subjects.size() != 1 || !(subjects.get(0) instanceof JsonObject subject)) {
            throw new StatusException("the status list credential " + url + " must have exactly one credentialSubject");
        }
        List<String> subjectTypes = JsonInput.strings(subject, "type");
        Kind listKind = subjectTypes.contains(Kind.BITSTRING.subjectType) ? Kind.BITSTRING
                : subjectTypes.contains(Kind.STATUS_LIST_2021.subjectType) ? Kind.STATUS_LIST_2021 : null;
        if (listKind == null) {
            throw new StatusException("the credentialSubject of " + url + " is not a BitstringStatusList or StatusList2021 (type "
                    + subjectTypes + ")");
        }
        List<String> purposes = JsonInput.strings(subject, "statusPurpose");
        if (purposes.isEmpty()) {
            throw new StatusException("the status list " + url + " has no statusPurpose");
        }
        String encoded = JsonInput.string(subject, "encodedList").orElseThrow(() ->
                new StatusException("the status list " + url + " has no encodedList"));
        byte[] compressed = decodeList(url, listKind, encoded);
        byte[] bits = gunzip(url, compressed);
        Instant validFrom = later(instant(credential, "validFrom", url), instant(credential, "issuanceDate", url), jwtNbf);
        Instant validUntil = earlier(instant(credential, "validUntil", url), instant(credential, "expirationDate", url), jwtExp);
        return new StatusList(url, listKind, List.copyOf(purposes), validFrom, validUntil, bits);
    }

    private static byte[] decodeList(String url, Kind kind, String encoded) throws StatusException {
        String b64;
        if (kind == Kind.BITSTRING) {
            if (!encoded.startsWith("u")) {
                throw new StatusException("the encodedList of " + url + " must be multibase base64url (start with 'u')");
            }
            b64 = encoded.substring(1);
        } else {
            // StatusList2021 is plain base64url; some issuers add the multibase 'u' anyway. GZIP's base64 starts "H4s".
            b64 = encoded.startsWith("uH4s") ? encoded.substring(1) : encoded;
        }
        try {
            return Base64.getUrlDecoder().decode(b64.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new StatusException("the encodedList of " + url + " is not base64url: " + e.getMessage());
        }
    }

    /** Decompresses with a hard bound, so a small list cannot expand into gigabytes. */
    static byte[] gunzip(String url, byte[] compressed) throws StatusException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_DECOMPRESSED) {
                    throw new StatusException("the encodedList of " + url + " decompresses to more than " + MAX_DECOMPRESSED
                            + " bytes; refusing it (possible zip bomb)");
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new StatusException("the encodedList of " + url + " is empty");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new StatusException("the encodedList of " + url + " is not GZIP data: " + e.getMessage());
        }
    }

    private static Instant instant(JsonObject o, String key, String url) throws StatusException {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw new StatusException(key + " of the status list credential " + url + " is not a date-time string");
        }
        try {
            return java.time.OffsetDateTime.parse(s.getString()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s.getString());
            } catch (DateTimeParseException e2) {
                throw new StatusException(key + " of the status list credential " + url + " is not an XML Schema date-time: "
                        + s.getString());
            }
        }
    }

    private static Instant epochSeconds(JsonObject claims, String key) {
        return claims.get(key) instanceof JsonNumber n ? Instant.ofEpochSecond(n.longValue()) : null;
    }

    private static Instant later(Instant... candidates) {
        Instant out = null;
        for (Instant i : candidates) {
            if (i != null && (out == null || i.isAfter(out))) {
                out = i;
            }
        }
        return out;
    }

    private static Instant earlier(Instant... candidates) {
        Instant out = null;
        for (Instant i : candidates) {
            if (i != null && (out == null || i.isBefore(out))) {
                out = i;
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class StatusException extends Exception {
        StatusException(String message) {
            super(message);
        }
    }
}
