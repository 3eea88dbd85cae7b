/**
 * Server parameters by their Redis names (Redis's config.c: the
 * standardConfig table, CONFIG GET/SET's parsing and its error texts).
 *
 * <p>{@link io.troupe.config.ServerConfig} holds one
 * {@link io.troupe.config.Param} per parameter defined in
 * {@link io.troupe.config.Params}, with Redis 7.0's name, aliases, default,
 * bounds and kind (bool, integer, memory, enum, string). redis.conf lines,
 * {@code --directive} arguments, application.conf's {@code troupe.redis} and
 * CONFIG SET all go through {@link io.troupe.config.Param#set}, so a value is
 * parsed and refused the same way everywhere.
 *
 * <p>Invariants: bottom floor, imports no other Troupe package and no Pekko;
 * values are volatile, readable from any thread.
 */
package io.troupe.config;
