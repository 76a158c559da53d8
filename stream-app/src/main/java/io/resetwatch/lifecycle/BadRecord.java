package io.resetwatch.lifecycle;

/** Internal signal that a record cannot be parsed; its message becomes the one-line rejection reason. */
final class BadRecord extends RuntimeException {

    BadRecord(String reason) {
        super(reason, null, false, false);
    }
}
