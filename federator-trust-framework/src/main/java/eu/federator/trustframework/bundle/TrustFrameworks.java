package eu.federator.trustframework.bundle;

import eu.federator.credentials.json.Json;
import eu.federator.trustframework.bundle.TrustFrameworkBundle.RuleSet;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The trust-framework versions a process knows: the built-in 22.10 (Tagus) and 25.11 (Loire) bundles plus whatever
 * an operator adds from a directory. Each version is parsed and compiled once, when this object is built; keep one
 * instance for the life of the process.
 *
 * <p>Directory layout (see docs/trust-frameworks.md): {@code <dir>/<name>/bundle.properties} with either
 * {@code version=} and {@code rules=tagus|loire} (a new version) or {@code extends=<version>} (an ecosystem extension
 * of an existing version); {@code shapes/*.ttl|*.jsonld}, {@code ontology/*.ttl} beside it are loaded when the
 * properties do not list files explicitly.
 */
public final class TrustFrameworks {

    private static final Logger LOG = LoggerFactory.getLogger(TrustFrameworks.class);
    private static final String BUILT_IN = "/eu/federator/trustframework/bundle/";
    public static final String TAGUS = "22.10";
    public static final String LOIRE = "25.11";

    private final Map<String, TrustFrameworkBundle> bundles;

    private TrustFrameworks(Map<String, TrustFrameworkBundle> bundles) {
        this.bundles = Map.copyOf(bundles);
    }

    /** The built-in versions only. */
    public static TrustFrameworks builtIn() {
        return load(null);
    }

    /**
     * The built-in versions plus the versions and extensions under {@code dir} (null for none).
     *
     * @throws IllegalArgumentException when a bundle in {@code dir} is incomplete or does not parse (names the file)
     */
    public static TrustFrameworks load(Path dir) {
        Map<String, Parts> parts = new LinkedHashMap<>();
        for (String version : List.of(TAGUS, LOIRE)) {
            Parts p = Parts.read(new Source.Classpath(BUILT_IN + version + "/"));
            parts.put(p.version, p);
        }
        if (dir != null) {
            List<Parts> extensions = new ArrayList<>();
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.sorted().toList()) {
                    if (Files.isRegularFile(child.resolve("bundle.properties"))) {
                        Parts p = Parts.read(new Source.Directory(child));
                        if (p.extendsVersion != null) {
                            extensions.add(p);
                        } else if (parts.putIfAbsent(p.version, p) != null) {
                            throw new IllegalArgumentException(child + ": version " + p.version
                                    + " already exists; use extends=" + p.version + " to add to it");
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the trust-framework directory " + dir, e);
            }
            for (Parts extension : extensions) {
                Parts base = parts.get(extension.extendsVersion);
                if (base == null) {
                    throw new IllegalArgumentException(extension.source + ": extends=" + extension.extendsVersion
                            + " but that version is not known (known: " + parts.keySet() + ")");
                }
                base.merge(extension);
            }
        }
        Map<String, TrustFrameworkBundle> built = new LinkedHashMap<>();
        parts.forEach((version, p) -> built.put(version, p.build()));
        return new TrustFrameworks(built);
    }

    public Optional<TrustFrameworkBundle> get(String version) {
        return Optional.ofNullable(bundles.get(version));
    }

    public TrustFrameworkBundle require(String version) {
        return get(version).orElseThrow(() -> new IllegalArgumentException("unknown trust-framework version " + version
                + " (known: " + versions() + ")"));
    }

    public List<String> versions() {
        return bundles.keySet().stream().sorted().toList();
    }

    public Collection<TrustFrameworkBundle> all() {
        return bundles.values();
    }

    /** The bundle whose rules are {@code rules} and whose version is highest (what new input of that family meets). */
    public TrustFrameworkBundle latest(RuleSet rules) {
        return bundles.values().stream().filter(b -> b.rules() == rules)
                .max((a, b) -> a.version().compareTo(b.version()))
                .orElseThrow(() -> new IllegalStateException("no " + rules + " trust framework loaded"));
    }

    // ------------------------------------------------------------------------------------------------ loading

    private sealed interface Source permits Source.Classpath, Source.Directory {
        String read(String relative) throws IOException;

        List<String> list(String subdir) throws IOException;

        record Classpath(String base) implements Source {
            public String read(String relative) throws IOException {
                try (InputStream in = TrustFrameworks.class.getResourceAsStream(base + relative)) {
                    if (in == null) {
                        throw new IOException("missing built-in resource " + base + relative);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }

            public List<String> list(String subdir) {
                return List.of(); // built-in bundles list their files in bundle.properties
            }

            @Override
            public String toString() {
                return "classpath:" + base;
            }
        }

        record Directory(Path dir) implements Source {
            public String read(String relative) throws IOException {
                Path file = dir.resolve(relative).normalize();
                if (!file.startsWith(dir)) {
                    throw new IOException(relative + " is outside " + dir);
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }

            public List<String> list(String subdir) throws IOException {
                Path d = dir.resolve(subdir);
                if (!Files.isDirectory(d)) {
                    return List.of();
                }
                try (Stream<Path> files = Files.list(d)) {
                    return files.filter(Files::isRegularFile).map(f -> subdir + "/" + f.getFileName()).sorted().toList();
                }
            }

            @Override
            public String toString() {
                return dir.toString();
            }
        }
    }

    /** What a bundle.properties and its files contribute, before compilation. */
    private static final class Parts {
        final Source source;
        String version;
        String extendsVersion;
        String name;
        RuleSet rules;
        String contextUrl;
        String contextDocument;
        final Graph shapes = GraphFactory.createGraphMem();
        final Graph ontology = GraphFactory.createGraphMem();
        final Set<String> implementedExtra = new LinkedHashSet<>();
        String termsText;
        final Map<String, java.time.Instant> termsHashes = new java.util.LinkedHashMap<>();
        final Set<String> notaries = new LinkedHashSet<>();
        final Set<String> subdivisionCodes = new LinkedHashSet<>();
        String rulesVersion;
        boolean fixNodeShapeIds;
        final List<String> sources = new ArrayList<>();

        private Parts(Source source) {
            this.source = source;
        }

        static Parts read(Source source) {
            Parts p = new Parts(source);
            try {
                Properties props = new Properties();
                props.load(new StringReader(source.read("bundle.properties")));
                p.version = trimmed(props, "version");
                p.extendsVersion = trimmed(props, "extends");
                if (p.version == null && p.extendsVersion == null) {
                    throw new IllegalArgumentException(source + "/bundle.properties: set version= (a new version) or extends= (an extension)");
                }
                p.name = Optional.ofNullable(trimmed(props, "name")).orElse(p.version);
                String rules = trimmed(props, "rules");
                if (p.extendsVersion == null) {
                    if (rules == null) {
                        throw new IllegalArgumentException(source + "/bundle.properties: a new version needs rules=tagus or rules=loire");
                    }
                    p.rules = RuleSet.valueOf(rules.toUpperCase(java.util.Locale.ROOT));
                }
                p.contextUrl = trimmed(props, "context-url");
                String context = trimmed(props, "context");
                if (context != null) {
                    p.contextDocument = source.read(context);
                }
                for (String file : files(source, props, "shapes")) {
                    parse(source, file, p.shapes);
                    p.sources.add(source + file);
                }
                for (String file : files(source, props, "ontology")) {
                    parse(source, file, p.ontology);
                    p.sources.add(source + file);
                }
                p.implementedExtra.addAll(list(props, "implemented-extra"));
                String terms = trimmed(props, "terms-and-conditions");
                if (terms != null) {
                    p.termsText = source.read(terms);
                }
                for (String entry : list(props, "terms-and-conditions.hashes")) {
                    // "HASH" is current; "HASH@INSTANT" is deprecated and accepted until INSTANT (exclusive)
                    int at = entry.indexOf('@');
                    p.termsHashes.put((at < 0 ? entry : entry.substring(0, at)).toLowerCase(java.util.Locale.ROOT),
                            at < 0 ? java.time.Instant.MAX : java.time.Instant.parse(entry.substring(at + 1)));
                }
                p.notaries.addAll(list(props, "trusted-notaries"));
                String codes = trimmed(props, "subdivision-codes");
                if (codes != null) {
                    JsonArray array = Json.parse(source.read(codes).getBytes(StandardCharsets.UTF_8)).asJsonArray();
                    array.getValuesAs(JsonString.class).forEach(s -> p.subdivisionCodes.add(s.getString()));
                }
                p.rulesVersion = trimmed(props, "rules-version");
                p.fixNodeShapeIds = Boolean.parseBoolean(trimmed(props, "fix.node-shape-ids"));
            } catch (IOException | eu.federator.credentials.json.JsonSyntaxException e) {
                throw new IllegalArgumentException("cannot read the trust-framework bundle " + source + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (e instanceof IllegalArgumentException) {
                    throw e;
                }
                throw new IllegalArgumentException("invalid trust-framework bundle " + source + ": " + e.getMessage(), e);
            }
            return p;
        }

        private static List<String> files(Source source, Properties props, String key) throws IOException {
            String listed = trimmed(props, key);
            return listed != null ? list(props, key) : source.list(key);
        }

        private static void parse(Source source, String file, Graph into) throws IOException {
            String text = source.read(file);
            try {
                // no base-relative fetches: JSON-LD shapes must carry an inline context
                RDFParser.fromString(text, TrustFrameworkBundle.langOf(file)).base("urn:federator:bundle:").parse(into);
            } catch (RiotException e) {
                throw new IllegalArgumentException(source + "/" + file + " does not parse: " + e.getMessage(), e);
            }
        }

        void merge(Parts extension) {
            extension.shapes.find().forEach(shapes::add);
            extension.ontology.find().forEach(ontology::add);
            implementedExtra.addAll(extension.implementedExtra);
            termsHashes.putAll(extension.termsHashes);
            notaries.addAll(extension.notaries);
            subdivisionCodes.addAll(extension.subdivisionCodes);
            sources.addAll(extension.sources);
            LOG.info("trust framework {}: extension {} added", version, extension.source);
        }

        TrustFrameworkBundle build() {
            if (fixNodeShapeIds) {
                Set<String> renamed = TrustFrameworkBundle.fixNodeShapeIds(shapes);
                LOG.debug("trust framework {}: renamed node shapes whose id was their target class: {}", version, renamed);
            }
            Shapes compiled;
            try {
                compiled = Shapes.parse(shapes);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the shapes of trust framework " + version + " do not compile: " + e.getMessage(), e);
            }
            Set<String> implemented = new LinkedHashSet<>(TrustFrameworkBundle.targetClassNames(shapes));
            implemented.addAll(implementedExtra);
            return new TrustFrameworkBundle(version, name, rules, contextUrl, contextDocument, shapes, compiled,
                    TrustFrameworkBundle.subclassFacts(ontology), implemented, termsText, termsHashes, notaries,
                    subdivisionCodes, rulesVersion, sources);
        }

        private static String trimmed(Properties props, String key) {
            String value = props.getProperty(key);
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static List<String> list(Properties props, String key) {
            String value = trimmed(props, key);
            return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}
