package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.watch.ProcessChanges;
import jakarta.json.JsonObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * GETs of one negotiation or transfer that a client can make wait instead of polling (docs/dataspace.md, "Following a
 * process"). The {@code ETag} is the process's version. {@code If-None-Match} answers 304 while it is unchanged;
 * {@code Prefer: wait=N} (RFC 7240) holds the answer up to N seconds (at most {@link #MAX_WAIT}) until the process
 * changed from the given tag and/or reached one of the {@code until} states or a final one.
 *
 * @param noun     "negotiation" or "transfer", for messages
 * @param states   every state the view can show
 * @param terminal states after which nothing changes any more: a wait for any {@code until} ends there too
 */
record ProcessReads<T>(String noun, Function<String, Optional<T>> find, ToLongFunction<T> version, Function<T, String> state,
                       Set<String> states, Set<String> terminal, Function<T, JsonObject> view, ProcessChanges changes) {
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    ResponseEntity<String> get(String id, List<String> until, String prefer, String ifNoneMatch) throws InterruptedException {
        Set<String> wanted = states(until);
        Set<String> notTags = tags(ifNoneMatch);
        Predicate<T> settled = p -> (wanted.isEmpty() || wanted.contains(state.apply(p)) || terminal.contains(state.apply(p)))
                && (notTags.isEmpty() || !matches(notTags, tag(p)));
        Duration wait = wanted.isEmpty() && notTags.isEmpty() ? Duration.ZERO : waitPreference(prefer);
        ProcessChanges.Awaited<T> read = changes.await(id, () -> find.apply(id), settled, wait);
        T current = read.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + noun + " " + id));
        String tag = tag(current);
        boolean unchanged = matches(notTags, tag);
        ResponseEntity.BodyBuilder answer = unchanged ? ResponseEntity.status(HttpStatus.NOT_MODIFIED) : ResponseEntity.ok();
        answer.eTag(tag).header("Vary", "Prefer");
        if (read.waited()) {
            answer.header("Preference-Applied", "wait=" + wait.toSeconds());
        }
        return unchanged ? answer.build() : answer.contentType(MediaType.APPLICATION_JSON).body(Json.write(view.apply(current)));
    }

    private String tag(T process) {
        return "\"" + version.applyAsLong(process) + "\"";
    }

    private Set<String> states(List<String> until) {
        Set<String> wanted = new LinkedHashSet<>();
        if (until != null) {
            for (String value : until) {
                for (String s : value.split(",")) {
                    String name = s.trim().toUpperCase(Locale.ROOT);
                    if (!states.contains(name)) {
                        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "until: a " + noun + " has no state '" + s.trim()
                                + "'; one of " + states);
                    }
                    wanted.add(name);
                }
            }
        }
        return wanted;
    }

    /** The entity tags of an If-None-Match header, weak ones compared by their opaque part (RFC 9110 weak comparison). */
    static Set<String> tags(String ifNoneMatch) {
        Set<String> tags = new LinkedHashSet<>();
        if (ifNoneMatch != null) {
            for (String t : ifNoneMatch.split(",")) {
                String tag = t.trim();
                tags.add(tag.startsWith("W/") ? tag.substring(2) : tag);
            }
            tags.remove("");
        }
        return tags;
    }

    private static boolean matches(Set<String> tags, String tag) {
        return tags.contains("*") || tags.contains(tag);
    }

    /** The {@code wait} preference of a Prefer header in whole seconds, capped; none or unreadable: zero (RFC 7240 ignores it). */
    static Duration waitPreference(String prefer) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].trim();
            int eq = token.indexOf('=');
            if (eq > 0 && token.substring(0, eq).trim().equalsIgnoreCase("wait")) {
                String value = token.substring(eq + 1).trim().replace("\"", "");
                if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
                    return Duration.ZERO;
                }
                Duration wait = Duration.ofSeconds(Long.parseLong(value));
                return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
            }
        }
        return Duration.ZERO;
    }
}
