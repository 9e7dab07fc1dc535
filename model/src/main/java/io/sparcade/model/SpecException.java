package io.sparcade.model;

/**
 * A specification is invalid. Carries where the bad value came from ({@code source}: a file, a preset, a
 * command-line option) and which field ({@code field}: a dotted path such as {@code units.array.rows}), so
 * the one-line message a user sees names the file, the field and the problem.
 */
public final class SpecException extends RuntimeException {
    private final String source;
    private final String field;
    private final String problem;

    public SpecException(String source, String field, String problem) {
        super(format(source, field, problem));
        this.source = source;
        this.field = field;
        this.problem = problem;
    }

    /** A problem found inside a value that does not know its own source or position yet. */
    public SpecException(String field, String problem) {
        this(null, field, problem);
    }

    public String source() {
        return source;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same problem, located under {@code parentPath} and attributed to {@code newSource}. */
    public SpecException locate(String newSource, String parentPath) {
        String f = field;
        if (parentPath != null && !parentPath.isEmpty()) {
            f = (f == null || f.isEmpty()) ? parentPath : parentPath + "." + f;
        }
        return new SpecException(source != null ? source : newSource, f, problem);
    }

    private static String format(String source, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            sb.append(source).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(problem).toString();
    }
}
