import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addToCatalog, serviceNames, writeTemplate } from './generate.ts';

const template = fileURLToPath(new URL('./template', import.meta.url));
const catalogSource = readFileSync(fileURLToPath(new URL('../../libs/catalog/src/index.ts', import.meta.url)), 'utf8');
const out = mkdtempSync(join(tmpdir(), 'new-service-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('new-service', () => {
  it('derives the names, and refuses bad or reserved ones', () => {
    expect(serviceNames('label-studio')).toMatchObject({ name: 'label-studio', camel: 'labelStudio', pascal: 'LabelStudio' });
    expect(() => serviceNames('Bad_Name')).toThrow(/kebab-case/);
    expect(() => serviceNames('all')).toThrow(/reserved/);
  });

  it('writes the template with every placeholder filled', () => {
    const files = writeTemplate(template, join(out, 'label-studio'), serviceNames('label-studio', 'turns annotations into feedback'));
    expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual(
      ['README.md', 'package.json', 'src/index.ts', 'src/module.ts', 'src/resolvers.ts', 'src/schema.graphql', 'test/label-studio.test.ts', 'tsconfig.json'].map((f) => `label-studio/${f}`),
    );
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toMatch(/__(name|camel|Pascal|doc)__/);
    expect(readFileSync(join(out, 'label-studio/src/module.ts'), 'utf8')).toContain("name: 'label-studio'");
    expect(JSON.parse(readFileSync(join(out, 'label-studio/package.json'), 'utf8')).name).toBe('@tideline/label-studio');
  });

  it('lists the service in the catalog before the gateway, once', () => {
    const names = serviceNames('label-studio');
    const next = addToCatalog(catalogSource, names);
    expect(next).toContain("import { labelStudioModule } from '@tideline/label-studio';");
    expect(next).toMatch(/Module, labelStudioModule, gatewayModule\];/);
    expect(() => addToCatalog(next, names)).toThrow(/already lists/);
  });
});
