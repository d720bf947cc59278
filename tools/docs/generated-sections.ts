import type { ErrorCodeSpec } from '@tideline/contracts';
import { indexModules, processConfig, servicesOf, type AnyModule, type ConfigSection } from '@tideline/runtime';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's list of targets: every service of the catalog with what it serves and needs. */
export function targetsTable(catalog: readonly AnyModule[]): string {
  const rows = servicesOf(catalog).map((m) => {
    const s = m.service!;
    const serves = [s.subgraph ? `subgraph \`${m.name}\`` : null, ...s.routes.map((r) => `\`${r.methods.join('|')} ${r.path}${r.pattern ? '…' : ''}\``)].filter(Boolean).join(', ') || '—';
    const nats = [...s.streams.map((n) => `stream ${n}`), ...s.buckets.map((n) => `KV ${n}`)];
    return `| \`${m.name}\` | ${cell(s.doc)} | ${serves} | ${s.needs.join(', ') || '—'} |${nats.length ? ` ${cell(nats.join(', '))}` : ' —'} |`;
  });
  return ['| target | what it does | serves | needs | NATS streams and buckets |', '|---|---|---|---|---|', ...rows, '| `all` | every target above in one process (`npm start`, CI) | everything | nats, clickhouse | all |'].join('\n');
}

export interface ExtraSection {
  /** Who reads these settings, for the table's second column. */
  owner: string;
  section: ConfigSection<unknown>;
}

/**
 * The README's configuration table: every setting of every module of the
 * catalog, of the process itself, and of the extra sections (`npm start`,
 * tests), with its default and doc; a variable read by several modules is
 * one row naming them all.
 */
export function configTable(catalog: readonly AnyModule[], extra: readonly ExtraSection[]): string {
  const rows = new Map<string, { owners: string[]; fallback: string; doc: string }>();
  const add = (owner: string, section: ConfigSection<unknown>) => {
    for (const setting of Object.values(section.settings)) {
      const row = rows.get(setting.env);
      if (row) {
        if (!row.owners.includes(owner)) row.owners.push(owner);
        continue;
      }
      const fallback = setting.default === undefined ? '*required*' : setting.default === null ? '—' : `\`${String(setting.default)}\``;
      rows.set(setting.env, { owners: [owner], fallback, doc: setting.doc });
    }
  };
  add('process', processConfig as ConfigSection<unknown>);
  for (const module of indexModules(catalog).values()) if (module.config) add(module.name, module.config);
  for (const { owner, section } of extra) add(owner, section);
  const lines = [...rows.entries()].map(([env, r]) => `| \`${env}\` | ${r.owners.join(', ')} | ${r.fallback} | ${cell(r.doc)} |`);
  return ['| variable | read by | default | what it does |', '|---|---|---|---|', ...lines].join('\n');
}

/** docs/API.md's table of error codes: every code of the catalog, in its order, with its HTTP status and meaning. */
export function errorTable(codes: Readonly<Record<string, ErrorCodeSpec>>): string {
  const rows = Object.entries(codes).map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${cell(spec.doc)} |`);
  return ['| code | HTTP status | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function replaceSection(document: string, name: string, content: string): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start < 0 || end < start) throw new Error(`the document has no ${open} … ${close} section`);
  return `${document.slice(0, start + open.length)}\n${content}\n${document.slice(end)}`;
}
