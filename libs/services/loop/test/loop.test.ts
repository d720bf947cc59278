import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevPlatform, type DevPlatform } from '@tideline/testing';

// The whole platform as `npm start` runs it: the loop service is reached through the gateway.
let platform: DevPlatform;
beforeAll(async () => {
  platform = await startDevPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

it('refuses a malformed or unknown model with the field named', async () => {
  const bad = await platform.gql('{ retrainingDecision(model: " ") { action } }');
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'model' });
  const unknown = await platform.gql('{ retrainingDecision(model: "nobody") { action } }');
  expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'MODEL_NOT_FOUND', field: 'model' });
});
