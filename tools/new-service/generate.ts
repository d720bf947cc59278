import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Names a service may not take: targets, internal modules and paths that exist already. */
const RESERVED = new Set(['all', 'server', 'nats', 'clickhouse', 'subgraphs', 'process', 'gateway', 'catalog', 'service', 'runtime', 'contracts', 'testing']);

export interface ServiceNames {
  /** kebab-case: the target, folder, package and subgraph name. */
  name: string;
  camel: string;
  pascal: string;
  doc: string;
}

export function serviceNames(name: string, doc?: string): ServiceNames {
  if (!SERVICE_NAME.test(name) || name.length > 40) throw new Error(`service name '${name}' must be kebab-case (a-z, 0-9, single dashes), starting with a letter, at most 40 characters`);
  if (RESERVED.has(name)) throw new Error(`service name '${name}' is reserved`);
  const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { name, camel, pascal: camel[0]!.toUpperCase() + camel.slice(1), doc: doc ?? `the ${name} service` };
}

/** The template's text with the service's names filled in. */
export const fillTemplate = (text: string, names: ServiceNames) =>
  text.replaceAll('__name__', names.name).replaceAll('__camel__', names.camel).replaceAll('__Pascal__', names.pascal).replaceAll('__doc__', names.doc);

/** Writes the template (files named `*.tmpl`, placeholders in names and contents) into `target`; returns the files written. */
export function writeTemplate(templateDir: string, target: string, names: ServiceNames): string[] {
  if (existsSync(target)) throw new Error(`${target} exists already`);
  const written: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const from = join(dir, entry);
      if (statSync(from).isDirectory()) walk(from);
      else if (entry.endsWith('.tmpl')) {
        const to = join(target, fillTemplate(relative(templateDir, from), names).replace(/\.tmpl$/, ''));
        mkdirSync(dirname(to), { recursive: true });
        writeFileSync(to, fillTemplate(readFileSync(from, 'utf8'), names));
        written.push(to);
      }
    }
  };
  walk(templateDir);
  return written;
}

/**
 * The catalog with the new service imported and listed before the gateway
 * (which composes whatever comes before it). Fails if the catalog's shape
 * changed so that this edit would be a guess.
 */
export function addToCatalog(source: string, names: ServiceNames): string {
  const importLine = `import { ${names.camel}Module } from '@tideline/${names.name}';\n`;
  if (source.includes(importLine)) throw new Error(`the catalog already lists ${names.name}`);
  const firstImport = source.indexOf('import ');
  const list = /(export const services: readonly AnyModule\[\] = \[)([^\]]*?)(gatewayModule\];)/;
  if (firstImport < 0 || !list.test(source)) throw new Error('libs/catalog/src/index.ts no longer has the `export const services = [..., gatewayModule];` list this generator edits');
  return (source.slice(0, firstImport) + importLine + source.slice(firstImport)).replace(list, `$1$2${names.camel}Module, $3`);
}
