package eu.federator.server.portal.manage;

import eu.federator.catalogue.schema.SchemaException;
import eu.federator.catalogue.schema.SchemaSyntax;
import eu.federator.catalogue.schema.SchemaType;
import eu.federator.catalogue.schema.Schemas;
import eu.federator.catalogue.schema.StoredSchema;
import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.bundle.TrustFrameworks;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trust-framework versions built in (read-only: they come with the server or {@code federator.compliance.bundle-directory})
 * and the catalogue's own schemas, the store of {@code /schemas}: list, view, upload a file, delete. Uploads go through
 * {@link Schemas#add} like {@code POST /schemas}, so the same type detection and unique-term rules refuse the same files,
 * with the same messages, shown at the file field.
 */
@Controller
@Hidden
public class ManageSchemasController {
    private static final Node NODE_SHAPE = NodeFactory.createURI("http://www.w3.org/ns/shacl#NodeShape");

    private final TrustFrameworks frameworks;
    private final Schemas schemas;

    public ManageSchemasController(TrustFrameworks frameworks, Schemas schemas) {
        this.frameworks = frameworks;
        this.schemas = schemas;
    }

    /** A built-in trust-framework version as the page lists it. */
    public record Framework(String version, String name, String contextUrl, long shapes, int targetClasses) {
    }

    /** A stored schema as the page lists it (without its content). */
    public record Row(String id, String type, String syntax, String origin, Instant uploadTime, Instant updateTime) {
    }

    @GetMapping("/manage/schemas")
    public String page(Model model) {
        fill(model);
        return "portal/manage/schemas";
    }

    @PostMapping("/manage/schemas")
    public String upload(@RequestParam(name = "file", required = false) MultipartFile file, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            return refused(model, response, HttpStatus.BAD_REQUEST, "Choose a schema file (Turtle, JSON-LD or RDF/XML); the file sent was empty.");
        }
        StoredSchema stored;
        try {
            stored = schemas.add(file.getBytes(), syntax(file));
        } catch (SchemaException e) {
            HttpStatus status = switch (e.reason()) {
                case SYNTAX, MISMATCH -> HttpStatus.BAD_REQUEST;
                case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
                case CONFLICT -> HttpStatus.CONFLICT;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
            };
            return refused(model, response, status, e.getMessage());
        }
        redirect.addFlashAttribute("notice", "Added the " + stored.type().code() + " schema " + stored.id() + " from " + file.getOriginalFilename() + ".");
        return "redirect:/manage/schemas";
    }

    @GetMapping("/manage/schema")
    public String view(@RequestParam String id, Model model) {
        model.addAttribute("schema", find(id));
        return "portal/manage/schema";
    }

    @GetMapping("/manage/schema/delete")
    public String confirmDelete(@RequestParam String id, Model model) {
        model.addAttribute("schema", find(id));
        return "portal/manage/schema-delete";
    }

    @PostMapping("/manage/schema/delete")
    public String delete(@RequestParam String id, RedirectAttributes redirect) {
        try {
            schemas.delete(id);
        } catch (SchemaException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        redirect.addFlashAttribute("notice", "Deleted the schema " + id + "; its terms may be defined again.");
        return "redirect:/manage/schemas";
    }

    private StoredSchema find(String id) {
        return schemas.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no schema " + id + " (deleted already?)."));
    }

    private String refused(Model model, HttpServletResponse response, HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAttribute("fileError", message);
        fill(model);
        return "portal/manage/schemas";
    }

    private void fill(Model model) {
        List<Framework> list = new ArrayList<>();
        for (TrustFrameworkBundle b : frameworks.all()) {
            long shapes = b.shapesGraph().find(Node.ANY, RDF.type.asNode(), NODE_SHAPE).toList().size();
            list.add(new Framework(b.version(), b.name(), b.contextUrl(), shapes, b.implemented().size()));
        }
        model.addAttribute("frameworks", list);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<SchemaType, List<String>> e : schemas.list().entrySet()) {
            for (String id : e.getValue()) {
                schemas.get(id).ifPresent(s -> rows.add(new Row(s.id(), s.type().code(), s.syntax().code(), s.origin(), s.uploadTime(), s.updateTime())));
            }
        }
        model.addAttribute("schemas", rows);
    }

    /**
     * The syntax of an uploaded file: from its name's extension, else from the type the browser gave it, else detected
     * from the content (browsers send {@code application/octet-stream} for {@code .ttl}).
     */
    static SchemaSyntax syntax(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ttl")) {
            return SchemaSyntax.TURTLE;
        }
        if (name.endsWith(".jsonld") || name.endsWith(".json")) {
            return SchemaSyntax.JSON_LD;
        }
        if (name.endsWith(".rdf") || name.endsWith(".owl") || name.endsWith(".xml")) {
            return SchemaSyntax.RDF_XML;
        }
        try {
            return SchemaSyntax.ofMediaType(file.getContentType()).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
