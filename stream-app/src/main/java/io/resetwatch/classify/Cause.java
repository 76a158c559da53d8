package io.resetwatch.classify;

/** Why an upstream is resetting (DOMAIN §10). */
public enum Cause {
    OOM_KILLED,
    CONTAINER_CRASH,
    UNGRACEFUL_SHUTDOWN,
    LIVENESS_RESTART,
    APP_TIMEOUT,
    KEEPALIVE_RACE,
    NETWORK,
    MESH_TLS_MISCONFIG,
    CIRCUIT_BREAKER_OVERFLOW,
    UNKNOWN
}
