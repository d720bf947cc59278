/**
 * GraphiQL as a user without internet access meets it: Debian's chromium,
 * driven by playwright-core, may reach 127.0.0.1 only. The page must load,
 * take an API key and run its first example against the real platform.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { chromium, type Browser } from 'playwright-core';
import { EXAMPLE_TABS } from '@tideline/gateway';
import { chromiumPath, eventually, keyGraphql, postAll, type GraphqlRequest } from '@tideline/testing';
import { startTestPlatform, type TestPlatform } from './platform-fixture.ts';

const CHROMIUM = chromiumPath();
let test: TestPlatform;
let browser: Browser;
let key: string;

let gql: GraphqlRequest;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: npm test installs it (apt-get install chromium), or set CHROMIUM_BIN`);
  test = await startTestPlatform('graphiql', { NODE_ENV: 'development' });
  key = await test.newKey('graphiql');
  gql = keyGraphql(`${test.platform.url}/graphql`, key);
  const records = [0.9, 0.2, 0.7].map((score, i) => ({ id: `p${i}`, model: 'churn', tags: { country: 'BR' }, features: { x: i }, output: { score } }));
  await postAll(test.platform.url, key, '/v1/predictions', records);
  await eventually(async () => (await gql<{ models: { predictionCount: number }[] }>('{ models { predictionCount } }')).data?.models[0]?.predictionCount === 3);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await test?.stop();
});

describe('GraphiQL', () => {
  it('has example tabs that are valid against the platform schema and run without errors', async () => {
    const introspection = await gql<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data!);
    for (const tab of EXAMPLE_TABS) {
      const document = parse(tab.query);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      const subscription = document.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'subscription');
      if (!subscription) expect((await gql(tab.query, tab.variables ? JSON.parse(tab.variables) : {})).errors).toBeUndefined();
    }
  });

  it('loads with no network beyond 127.0.0.1, takes an API key and runs the first example', async () => {
    const context = await browser.newContext();
    const elsewhere: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      elsewhere.push(url.href);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    await page.goto(`${test.platform.url}/graphql`, { waitUntil: 'load' });
    expect(elsewhere).toEqual([]);
    expect(await page.title()).toBe('Tideline GraphiQL');
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });

    await page.fill('#api-key', key);
    await page.click('#api-key-use');
    await expect.poll(() => page.textContent('#api-key-state')).toContain('sent as Authorization');
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.click('.graphiql-execute-button');
    // The first tab lists the project's models: the result shows churn and its 3 predictions.
    const response = page.locator('.graphiql-response');
    // Monaco renders spaces as no-break spaces: compare with whitespace collapsed.
    const text = async () => (await response.innerText()).replace(/\s+/g, ' ');
    await expect.poll(text, { timeout: 30_000 }).toMatch(/"models": \[ \{ "name": "churn", "task": "BINARY", "predictionCount": 3,/);
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
