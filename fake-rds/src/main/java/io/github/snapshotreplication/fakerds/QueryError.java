package io.github.snapshotreplication.fakerds;

/** Thrown by handlers to answer with an RDS error response; carries no stack trace (it is control flow). */
final class QueryError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FakeError error;

    QueryError(FakeError error, String message) {
        super(message == null ? error.defaultMessage() : message, null, false, false);
        this.error = error;
    }

    FakeError error() {
        return error;
    }

    static QueryError invalidValue(String message) {
        return new QueryError(FakeError.INVALID_PARAMETER_VALUE, message);
    }

    static QueryError invalidCombination(String message) {
        return new QueryError(FakeError.INVALID_PARAMETER_COMBINATION, message);
    }

    static QueryError missing(String parameter) {
        return new QueryError(FakeError.MISSING_PARAMETER,
                "The request must contain the parameter " + parameter);
    }
}
