/**
 * The data types (one subpackage each: {@code XType} the value and its API,
 * {@code XCommands} the handlers) and what several of them share:
 * {@link io.troupe.type.BytesTable} (the "hashtable" encoding of hashes and
 * sets, Redis's dict, with dictScan's reverse-binary cursor),
 * {@link io.troupe.type.Sampling} (distinct random picks) and
 * {@link io.troupe.type.ScanOptions} (the MATCH/COUNT options of HSCAN, SSCAN
 * and ZSCAN). Plain Java: no Pekko, no network.
 */
package io.troupe.type;
