/** What a user does in the console, step by step: shared by the browser tests and the screenshots. */
import type { Page } from 'playwright-core';

export interface MonitorValues {
  name: string;
  model: string;
  metric: string;
  window: string;
  interval: string;
  op: 'LT' | 'GT';
  threshold: number;
}

/** A metric monitor that fires on the oracle's day 1 at once: churn's accuracy (about 0.70) below 0.99. */
export const FIRING_MONITOR: MonitorValues = { name: 'churn accuracy', model: 'churn', metric: 'ACCURACY', window: '1d', interval: '10s', op: 'LT', threshold: 0.99 };

export async function createMonitorThroughForm(page: Page, v: MonitorValues) {
  const form = page.locator('form[aria-labelledby="monitor-form-title"]');
  await form.getByLabel('Name').fill(v.name);
  await form.getByLabel('Model').selectOption(v.model);
  await form.getByLabel('Metric').selectOption(v.metric);
  await form.getByLabel('Window', { exact: true }).fill(v.window);
  await form.getByLabel('Check every').fill(v.interval);
  await form.getByLabel('Fires when the value is').selectOption(v.op);
  await form.getByLabel('Threshold').fill(String(v.threshold));
  await form.getByRole('button', { name: 'Create monitor' }).click();
}

export async function promoteThroughForm(page: Page, version: string, stage: string, reason: string) {
  const form = page.locator('form[aria-labelledby="promote-title"]');
  await form.getByLabel('Version').selectOption(version);
  await form.getByLabel('To stage').selectOption(stage);
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Promote' }).click();
}

/** The text of a model card's fact (`Predictions`, `Worst slice`, …) on the models page. */
export const fact = (page: Page, model: string, name: string) => page.locator(`[data-model="${model}"] [data-fact="${name}"] dd`);

/** The cells of a table row, by column title. */
export async function rowCells(page: Page, testId: string, index: number): Promise<Record<string, string>> {
  const table = page.locator(`[data-testid="${testId}"]`);
  const titles = await table.locator('thead th').allInnerTexts();
  const cells = await table.locator('tbody tr').nth(index).locator('td').allInnerTexts();
  return Object.fromEntries(titles.map((t, i) => [t.trim(), (cells[i] ?? '').trim()]));
}

/** Every row of a table, each as its cells by column title. */
export async function tableRows(page: Page, testId: string): Promise<Record<string, string>[]> {
  const count = await page.locator(`[data-testid="${testId}"] tbody tr`).count();
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) rows.push(await rowCells(page, testId, i));
  return rows;
}

/** A dataset snapshot as registerModelVersion takes it (its content hash is made up: the registry keeps it, it does not read rows). */
export const LINEAGE_DATASET = { id: 'churn-2026-01', contentHash: `sha256:${'ab'.repeat(32)}`, rowCount: 8000 };

/** Registers churn's `version`, trained on LINEAGE_DATASET by run `run-7` from `parent`, with `files` (path → bytes). */
export async function registerVersionWithLineage(data: (query: string, variables: Record<string, unknown>) => Promise<unknown>, version: string, parent: string, files: Record<string, Buffer>) {
  await data(
    `mutation($v: String!, $p: String!, $d: DatasetInput!, $files: [ArtifactFileInput!]!) {
      registerModelVersion(input: { model: "churn", version: $v, dataset: $d, trainingRun: { id: "run-7", seed: 7 }, parentVersion: $p, artifact: { files: $files, format: OTHER } }) { version }
    }`,
    { v: version, p: parent, d: LINEAGE_DATASET, files: Object.entries(files).map(([path, bytes]) => ({ path, contentBase64: bytes.toString('base64') })) },
  );
}
