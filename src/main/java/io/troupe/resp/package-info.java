/**
 * The wire protocol: request parsing, reply values and their RESP2/RESP3
 * encoding, and every error text (Redis's networking.c request parsing and
 * addReply* family, sds.c's sdssplitargs, and the {@code shared.*} error
 * objects of server.c).
 *
 * <p>{@link io.troupe.resp.RespDecoder} turns network reads into commands with
 * Redis's rules (multibulk and inline, string2ll lengths, the 64 KiB header
 * and inline limits, {@code proto-max-bulk-len}, the unauthenticated limits,
 * the query-buffer limit) and Redis's protocol error texts;
 * {@link io.troupe.resp.RespFramingStage} runs it as a Pekko Streams stage.
 * {@link io.troupe.resp.Reply} values are protocol-neutral and
 * {@link io.troupe.resp.RespWriter} degrades RESP3 types for RESP2 clients as
 * Redis does. {@link io.troupe.resp.RespErrors} holds every error text, byte
 * for byte as Redis sends it.
 *
 * <p>Invariants: bottom floor, imports no other Troupe package; only
 * RespFramingStage imports Pekko. A protocol error is answered, then the
 * connection is closed; a query-buffer overflow closes it without a reply.
 */
package io.troupe.resp;
