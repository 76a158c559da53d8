package io.resetwatch.model;

/**
 * {@code %RESPONSE_CODE_DETAILS%} split as Envoy builds it (DOMAIN §5.1):
 * {@code <prefix>{<reset reason>[<sep><transport failure>]}}.
 *
 * @param raw              the value as logged (spaces already turned into {@code _} by Envoy); null when {@code -}
 * @param kind             whether the upstream reset came before or after the response started, else OTHER
 * @param resetReason      the reset reason inside the braces, e.g. {@code connection_termination}; null if none
 * @param transportFailure the transport failure part inside the braces, e.g. {@code delayed_connect_error:_111}
 */
public record ResponseDetails(String raw, Kind kind, String resetReason, String transportFailure) {

    public enum Kind { BEFORE_RESPONSE_STARTED, AFTER_RESPONSE_STARTED, OTHER, NONE }

    public static final ResponseDetails NONE = new ResponseDetails(null, Kind.NONE, null, null);
}
