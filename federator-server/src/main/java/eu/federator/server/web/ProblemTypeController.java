package eu.federator.server.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Makes the problem type URIs dereferenceable. */
@RestController
@Tag(name = "Problems", description = "Descriptions of the problem types in error responses")
public class ProblemTypeController {

    @GetMapping(path = "/problems", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the problem types")
    public List<Map<String, String>> all() {
        return Arrays.stream(ProblemType.values()).map(ProblemTypeController::describe).toList();
    }

    @GetMapping(path = "/problems/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Describe one problem type")
    public Map<String, String> one(@PathVariable String slug) {
        return Arrays.stream(ProblemType.values()).filter(t -> t.slug().equals(slug)).findFirst()
                .map(ProblemTypeController::describe)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no problem type '" + slug + "'"));
    }

    private static Map<String, String> describe(ProblemType type) {
        return Map.of("type", type.uri().toString(), "title", type.title(), "description", type.description());
    }
}
