/**
 * Pub/Sub and keyspace notifications (Redis's pubsub.c and notify.c).
 *
 * <p>{@link io.troupe.pubsub.PubSub} is the node's registry of channels,
 * patterns and shard channels; it is thread-safe and delivers a message to a
 * subscriber by calling {@link io.troupe.pubsub.Subscriber#deliver}, which
 * the connection implements as a message to its actor, so no lock is held
 * across clients. {@link io.troupe.pubsub.ClientSubscriptions} is one
 * client's side (owned by its connection), {@link io.troupe.pubsub.Notifier}
 * turns the shards' keyspace events into messages as notify-keyspace-events
 * asks. Plain Java: sits above keyspace (for glob matching and the events
 * interface) and below the connection.
 */
package io.troupe.pubsub;
