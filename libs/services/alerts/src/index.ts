export { alertsModule } from './module.ts';
export { signWebhook, verifyWebhook } from './webhooks/index.ts';
