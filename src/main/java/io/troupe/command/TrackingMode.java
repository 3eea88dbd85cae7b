package io.troupe.command;

import java.util.List;

/**
 * A client's CLIENT TRACKING settings while tracking is on.
 *
 * @param redirect the client id invalidations go to, 0 for the client itself
 * @param prefixes BCAST prefixes (empty: every key)
 */
public record TrackingMode(long redirect, boolean bcast, boolean optin, boolean optout, boolean noloop,
    List<byte[]> prefixes) {}
