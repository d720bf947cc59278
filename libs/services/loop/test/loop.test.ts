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

it('answers through the gateway, for the caller\'s project', async () => {
  const answer = await platform.gql<{ loopStatus: { service: string; greeting: string; project: string } }>('{ loopStatus(name: "Ada") { service greeting project } }');
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.loopStatus).toMatchObject({ service: 'loop', greeting: 'hello, Ada' });
  expect(answer.data?.loopStatus.project).toMatch(/\S/);
});

it('refuses bad input with the field named', async () => {
  const answer = await platform.gql('{ loopStatus(name: " ") { greeting } }');
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
});
