/**
 * HyperLogLog (Redis's hyperloglog.c): PFADD, PFCOUNT, PFMERGE.
 *
 * <p>An HLL is a string value in Redis's exact byte layout ("HYLL" header,
 * cached cardinality, sparse or dense registers), so GET, SET, DUMP/RESTORE
 * and replication move it between Troupe and Redis unchanged; TYPE says
 * "string". {@link io.troupe.type.hll.HyperLogLog} is the structure (Redis's
 * MurmurHash64A with seed 0xadc83b19, 14-bit register index, sparse opcodes
 * edited step for step as Redis edits them, promotion past
 * {@code hll-sparse-max-bytes}, Ertl's estimator);
 * {@link io.troupe.type.hll.HyperLogLogCommands} the handlers. Stored strings
 * are never mutated: a command edits a copy and stores it (keeping the TTL).
 */
package io.troupe.type.hll;
