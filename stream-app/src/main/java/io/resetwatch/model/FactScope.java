package io.resetwatch.model;

/** What a lifecycle fact concerns, and so how it is keyed (CONTRACTS §3). */
public enum FactScope { POD, NODE, OWNER }
