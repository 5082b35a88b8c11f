package io.github.snapshotreplication.lambda.output;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes one JSON object per line to stdout, where Lambda sends it to CloudWatch Logs (and EMF documents to
 * CloudWatch metrics).
 */
public final class JsonLines {

    private final PrintStream out;

    /** Writes to {@code out}, normally {@code System.out}. */
    public JsonLines(PrintStream out) {
        this.out = out;
    }

    /** Writes one object as one line; keys keep their insertion order. */
    public void write(Map<String, ?> line) {
        out.println(toJson(line));
    }

    /** Serialises a map (of strings, numbers, booleans, lists and maps) to compact JSON. */
    public static String toJson(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
