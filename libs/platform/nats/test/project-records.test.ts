/**
 * ProjectRecords.list on a real nats-server while its records are written:
 * a key written during the listing must be answered once (KV's keys(), a
 * consumer, delivered it twice: a loop run showed twice on the console) and
 * never missed (keys() on nats-server 2.9 missed one in CI: 300 rounds failed
 * 2 runs of 3 with it).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { startNatsServer, type NatsServerHandle } from '@tideline/testing';
import { ProjectRecords } from '../src/index.ts';

interface Item {
  project: string;
  id: string;
  createdAt: string;
  version: number;
}

let server: NatsServerHandle;
let nc: NatsConnection;
let records: ProjectRecords<Item>;
const IDS = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  records = new ProjectRecords<Item>(await new Kvm(nc).create('records_bucket'));
  for (const [i, id] of IDS.entries()) await records.put({ project: 'p', id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), version: 0 });
});

afterAll(async () => {
  await nc?.close();
  await server?.stop();
});

it('lists each record once, oldest first, while the records are being written', async () => {
  let writing = true;
  let writes = 0;
  const writer = (async () => {
    for (let v = 1; writing; v++) {
      for (const [i, id] of IDS.entries()) {
        await records.put({ project: 'p', id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), version: v });
        writes++;
      }
    }
  })();
  try {
    for (let round = 0; round < 300; round++) expect((await records.list('p')).map((r) => r.id)).toEqual(IDS);
  } finally {
    writing = false;
    await writer;
  }
  // The listings overlapped writes (else the test proves nothing).
  expect(writes).toBeGreaterThan(IDS.length);
});

it("lists neither a deleted record nor another project's", async () => {
  await records.put({ project: 'q', id: 'other', createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(), version: 0 });
  await records.put({ project: 'p', id: 'gone', createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(), version: 0 });
  expect((await records.list('p')).map((r) => r.id)).toEqual([...IDS, 'gone']);
  expect(await records.delete('p', 'gone')).toBe(true);
  expect((await records.list('p')).map((r) => r.id)).toEqual(IDS);
  expect((await records.list('q')).map((r) => r.id)).toEqual(['other']);
});
