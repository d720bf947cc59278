import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Waits until what the connection buffered (acks: plain publishes) has
 * reached its server. A flush in flight when the connection drops (its
 * server died, and the client moves to another) is rejected with
 * "connection disconnected": the acks may be lost, and their messages come
 * back after the consumer's ack_wait, which a consumer that stores
 * idempotently absorbs. So that is answered `false`, not thrown: thrown, it
 * ended the store writer's loop and with it the whole process, as a NATS
 * node was lost. A closed connection (the process stopping) still throws.
 */
export async function flushAcks(connection: NatsConnection): Promise<boolean> {
  try {
    await connection.flush();
    return true;
  } catch (err) {
    if (connection.isClosed()) throw err;
    return false;
  }
}
