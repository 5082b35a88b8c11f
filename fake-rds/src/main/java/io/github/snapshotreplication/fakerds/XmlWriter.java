package io.github.snapshotreplication.fakerds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;

/** A small streaming XML writer: escapes every value, closes elements in order, writes timestamps as UTC ISO-8601. */
final class XmlWriter {

    static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(1024);
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens the root element in the RDS namespace. */
    XmlWriter root(String name) {
        out.append('<').append(name).append(" xmlns=\"").append(NAMESPACE).append("\">");
        open.push(name);
        return this;
    }

    XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** Writes {@code <name>value</name>}; nothing when the value is null. */
    XmlWriter element(String name, String value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            escape(value, out);
            out.append("</").append(name).append('>');
        }
        return this;
    }

    XmlWriter element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    XmlWriter element(String name, int value) {
        return element(name, Integer.toString(value));
    }

    XmlWriter element(String name, Instant value) {
        return value == null ? this : element(name, TIMESTAMP.format(value));
    }

    /** Appends already written XML (a nested writer's output). */
    XmlWriter raw(String xml) {
        out.append(xml);
        return this;
    }

    boolean isEmpty() {
        return out.length() == 0;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    static String format(Instant value) {
        return TIMESTAMP.format(value);
    }

    private static void escape(String value, StringBuilder target) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> target.append("&amp;");
                case '<' -> target.append("&lt;");
                case '>' -> target.append("&gt;");
                case '"' -> target.append("&quot;");
                case '\'' -> target.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        target.append('\uFFFD'); // not representable in XML 1.0
                    } else {
                        target.append(c);
                    }
                }
            }
        }
    }
}
