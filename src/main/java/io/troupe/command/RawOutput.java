package io.troupe.command;

/**
 * Bytes for a connection to write as they are (a replica feed's
 * +FULLRESYNC line, RDB payload and replication stream); sent through
 * {@link ClientInfo#mailbox}.
 */
public record RawOutput(byte[] bytes) {}
