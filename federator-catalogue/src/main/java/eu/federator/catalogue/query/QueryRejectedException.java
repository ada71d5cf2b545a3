package eu.federator.catalogue.query;

/** The query is not acceptable (syntax, an update, SERVICE, a bad parameter): the client's fault, HTTP 400. */
public class QueryRejectedException extends RuntimeException {
    /** Why a query was rejected. */
    public enum Reason { SYNTAX, UPDATE, SERVICE, UNSAFE_FUNCTION, INTERNAL_GRAPH, PARAMETER, EMPTY }

    private final Reason reason;
    private final int line;
    private final int column;

    public QueryRejectedException(Reason reason, String message) {
        this(reason, message, -1, -1);
    }

    public QueryRejectedException(Reason reason, String message, int line, int column) {
        super(message);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public Reason reason() {
        return reason;
    }

    /** Line of a syntax error (1-based), or -1. */
    public int line() {
        return line;
    }

    /** Column of a syntax error (1-based), or -1. */
    public int column() {
        return column;
    }
}
