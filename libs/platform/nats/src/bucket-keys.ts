import { Bucket, type KV } from '@nats-io/kv';

/**
 * The keys of a KV bucket matching `filter` (`>`, `project.*`, …), from one
 * snapshot the server takes: the subjects of the bucket's stream that hold a
 * message. Not KV's keys(): that is a consumer of the last message per key,
 * and on nats-server 2.9 it could miss a key rewritten while it ran (a
 * listing lacked one of 40 records being rewritten, in CI) or yield one twice.
 * A deleted key still holds its marker, so it is listed: read each with get(),
 * which says DEL or PURGE.
 */
export async function bucketKeys(kv: KV, filter = '>'): Promise<string[]> {
  // Every bucket comes from Kvm (create/open), which makes a Bucket; its stream is what the snapshot reads.
  if (!(kv instanceof Bucket)) throw new Error('bucketKeys needs a KV bucket opened through Kvm');
  const prefix = `${kv.prefix}.`;
  const info = await kv.jsm.streams.info(kv.stream, { subjects_filter: `${prefix}${filter}` });
  return Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(prefix.length));
}
