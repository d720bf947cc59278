import type { Consumer, JsMsg } from '@nats-io/jetstream';

/**
 * Handles a pull consumer's messages, at most `concurrency` at once: the
 * next message waits for a free slot, so a replica never takes more work
 * than it runs (what it has not taken, another replica may). `handle`
 * settles each message itself (ack, nak) and must not throw. `stop()` closes
 * the subscription and waits for the handlers in flight.
 */
export async function consumeConcurrently(consumer: Consumer, concurrency: number, handle: (msg: JsMsg) => Promise<void>): Promise<{ stop(): Promise<void> }> {
  let running = 0;
  let freed: (() => void) | undefined;
  const slotFreed = () => new Promise<void>((resolve) => (freed = resolve));
  const messages = await consumer.consume({ max_messages: concurrency });
  const loop = (async () => {
    for await (const msg of messages) {
      while (running >= concurrency) await slotFreed();
      running += 1;
      void handle(msg).finally(() => {
        running -= 1;
        freed?.();
      });
    }
  })();
  return {
    async stop() {
      await messages.close();
      await loop;
      while (running > 0) await slotFreed();
    },
  };
}
