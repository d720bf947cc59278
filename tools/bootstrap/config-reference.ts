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
// Read outside any module (by the process runner, `npm start` and the test helpers), so not in a config section.
const outsideModules = [
  '| `TIDELINE_TARGET` | process | `all` | modules this process runs, comma-separated: `all`, `ingest`, `evalstore`, `metrics`, `alerts`, `registry`, `gateway` |',
  '| `LOG_LEVEL` | process | `info` (`npm start`: `warn`) | pino log level |',
  '| `TIDELINE_HOME` | `npm start` | `.tideline` | data of the embedded deployment |',
  '| `TIDELINE_NATS_PORT` | `npm start` | `4222` | port of the nats-server `npm start` runs (in its own process group; stopped after the modules, or within a second of the process dying) |',
  '| `NATS_SERVER_BIN` | `npm start`, tests | found on `PATH` | the nats-server binary |',
];
console.log('| variable | module | default | what it does |\n|---|---|---|---|');
console.log([...[...rows.keys()].sort().map((k) => rows.get(k)), ...outsideModules].join('\n'));
