/**
 * Data types, one sub-package each, as Redis keeps one t_&lt;type&gt;.c per type:
 * first the type's data structure and API ({@code XType}), then one handler
 * per command ({@code XCommands}), with shared logic in generic helpers.
 * What several types share lives here: {@link io.troupe.type.BytesTable}
 * (the "hashtable" encoding of hashes and sets, Redis's dict, with dictScan's
 * reverse-binary cursor), {@link io.troupe.type.Sampling} (distinct random
 * picks) and {@link io.troupe.type.ScanOptions} (the MATCH/COUNT options of
 * HSCAN, SSCAN and ZSCAN).
 *
 * <p>Invariants: plain Java: no Pekko, no network (ArchitectureTest); handlers
 * reach keys only through {@link io.troupe.keyspace.ExecContext} and answer
 * with {@link io.troupe.resp.Reply} values; they parse and validate every
 * argument before changing anything.
 */
package io.troupe.type;
