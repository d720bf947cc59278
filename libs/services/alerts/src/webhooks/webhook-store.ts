import { ProjectRecords } from '@tideline/nats';
import type { WebhookRecord } from './webhook-record.ts';

/** Webhooks of each project in KV, one key per webhook: `<project>.<id>`; `create` refuses an id taken. */
export class WebhookStore extends ProjectRecords<WebhookRecord> {}
