package io.resetwatch.parse;

/**
 * Internal signal that a value is a dead letter. Thrown only on the rare failure path, so it carries no stack
 * trace (cheap to create) and its message is the one-line reason, never input bytes.
 */
final class Rejection extends RuntimeException {

    private final String format;

    Rejection(String reason, String format) {
        super(reason, null, false, false);
        this.format = format;
    }

    String format() {
        return format;
    }
}
