import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevPlatform, type DevPlatform } from '@tideline/testing';

// The whole platform as `npm start` runs it: the trainer service is reached through the gateway.
let platform: DevPlatform;
beforeAll(async () => {
  platform = await startDevPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

it('answers through the gateway, for the caller\'s project', async () => {
  const answer = await platform.gql<{ trainerStatus: { service: string; greeting: string; project: string } }>('{ trainerStatus(name: "Ada") { service greeting project } }');
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.trainerStatus).toMatchObject({ service: 'trainer', greeting: 'hello, Ada' });
  expect(answer.data?.trainerStatus.project).toMatch(/\S/);
});

it('refuses bad input with the field named', async () => {
  const answer = await platform.gql('{ trainerStatus(name: " ") { greeting } }');
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
});
