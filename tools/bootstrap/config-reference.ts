/** Prints every environment variable of every module, with its default and doc: the README's config reference. */
import { catalog } from '@tideline/catalog';
import { indexModules } from '@tideline/runtime';

const rows = new Map<string, string>();
for (const module of indexModules(catalog).values()) {
  for (const setting of Object.values(module.config?.settings ?? {})) {
    if (rows.has(setting.env)) continue;
    const fallback = setting.default === undefined ? '*required*' : setting.default === null ? '—' : `\`${String(setting.default)}\``;
    rows.set(setting.env, `| \`${setting.env}\` | ${module.name} | ${fallback} | ${setting.doc.replace(/\|/g, '\\|')} |`);
  }
}
console.log('| variable | module | default | what it does |\n|---|---|---|---|');
console.log([...rows.keys()].sort().map((k) => rows.get(k)).join('\n'));
