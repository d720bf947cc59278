import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Every message a JetStream stream holds, oldest first, as parsed JSON: what a service subscribing to its subjects would read. */
export async function streamMessages(natsUrl: string, stream: string): Promise<unknown[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const { state } = await jsm.streams.info(stream);
    const seqs = Array.from({ length: Number(state.messages) }, (_, i) => Number(state.first_seq) + i);
    const messages = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(stream, { seq })));
    return messages.filter((m) => m !== null).map((m) => m.json());
  } finally {
    await nc.close();
  }
}
