import type { ClickHouseClient } from '@tideline/clickhouse';
import { ms, rows, type Params, type Window } from '@tideline/store';
import { HOUR_MS } from './hour-states.ts';

/** Per (project, model, hour) and feature map: rows holding a list, and up to two distinct lists (evalstore migration 010). */
const KEY_LISTS_TABLE = 'evalstore_key_lists';

/**
 * Hours holding two or more lists of a map that a probe reads from their
 * rows at most; past it the model's rows carry varying lists (sparse
 * features) and the summary is not used at all.
 */
const MAX_ROW_HOURS = 64;

export interface KeyListSummary {
  /** Per map kind and list: the rows holding it in the whole hours the summary answers for. */
  lists: { kind: number; keys: string[]; n: number }[];
  /** Where the summary cannot answer, to be probed from the rows: the parts of hours a window cuts, and hours of two or more lists. */
  rowSpans: Window[];
}

/** The spans' union, sorted and merged. */
function union(spans: readonly Window[]): Window[] {
  const out: Window[] = [];
  for (const s of [...spans].filter((s) => s.fromMs < s.toMs).sort((a, b) => a.fromMs - b.fromMs)) {
    const last = out.at(-1);
    if (last && s.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, s.toMs);
    else out.push({ ...s });
  }
  return out;
}

/** The whole hours inside the spans' union (as spans between hour boundaries), and the parts of hours left over. */
export function splitByHours(spans: readonly Window[]): { whole: Window[]; parts: Window[] } {
  const whole: Window[] = [];
  const parts: Window[] = [];
  for (const { fromMs, toMs } of union(spans)) {
    const first = Math.ceil(fromMs / HOUR_MS) * HOUR_MS;
    const last = Math.floor(toMs / HOUR_MS) * HOUR_MS;
    if (first >= last) {
      parts.push({ fromMs, toMs });
      continue;
    }
    whole.push({ fromMs: first, toMs: last });
    if (fromMs < first) parts.push({ fromMs, toMs: first });
    if (last < toMs) parts.push({ fromMs: last, toMs });
  }
  return { whole, parts };
}

/** SQL true when `column` falls in one of the spans, with its parameters (named after `prefix`). */
export function inSpans(column: string, spans: readonly Window[], prefix: string): { sql: string; params: Params } {
  const params: Params = {};
  const terms = spans.map((s, i) => {
    params[`${prefix}${i}a`] = s.fromMs;
    params[`${prefix}${i}b`] = s.toMs;
    return `(${column} >= ${ms(`${prefix}${i}a`)} AND ${column} < ${ms(`${prefix}${i}b`)})`;
  });
  return { sql: terms.length > 0 ? `(${terms.join(' OR ')})` : '0', params };
}

/**
 * The key lists of a model's rows in `windows` (null: its whole history) as
 * far as the summary can tell, or null when it cannot help (more than
 * MAX_ROW_HOURS hours of two or more lists). Each whole hour of one list per
 * map answers for its rows with that list and their count; the rest is left
 * to the rows (`rowSpans`). At most `maxKeyLists` + 1 lists a map come back:
 * the caller, which adds the rows' lists, decides whether there are too many.
 */
export async function keyListSummary(client: ClickHouseClient, project: string, model: string, windows: readonly Window[] | null, maxKeyLists: number): Promise<KeyListSummary | null> {
  const { whole, parts } = windows ? splitByHours(windows) : { whole: null, parts: [] };
  const hours = whole ? inSpans('hour', whole, 'kh') : { sql: '1', params: {} };
  const perHour = `SELECT hour, kind, sum(rows) AS n, groupUniqArrayMerge(2)(lists) AS l FROM ${KEY_LISTS_TABLE}
    WHERE project = {project:String} AND model = {model:String} AND ${hours.sql} GROUP BY hour, kind`;
  // Clean hours' lists summed per map and list; then the hours of two or more lists (kind 255), which their rows answer for.
  // The first SELECT names its hour column mixed_hour: named hour, its WHERE would read `hour` as that alias (0).
  const found = await rows<{ kind: number; keys: string[]; n: string; mixed_hour: string }>(
    client,
    `WITH per_hour AS (${perHour}), mixed AS (SELECT DISTINCT hour FROM per_hour WHERE length(l) > 1)
    SELECT kind, l[1] AS keys, sum(n) AS n, toInt64(0) AS mixed_hour FROM per_hour WHERE hour NOT IN (SELECT hour FROM mixed) GROUP BY kind, keys LIMIT ${maxKeyLists + 1} BY kind
    UNION ALL
    SELECT toUInt8(255), [], toUInt64(0), toInt64(toUnixTimestamp(hour)) * 1000 FROM mixed LIMIT ${MAX_ROW_HOURS + 1}`,
    { ...hours.params, project, model },
  );
  const mixed = found.filter((r) => Number(r.kind) === 255).map((r) => Number(r.mixed_hour));
  const lists = found.filter((r) => Number(r.kind) !== 255).map((r) => ({ kind: Number(r.kind), keys: r.keys, n: Number(r.n) }));
  if (mixed.length > MAX_ROW_HOURS) return null;
  return { lists, rowSpans: [...parts, ...mixed.map((h) => ({ fromMs: h, toMs: h + HOUR_MS }))] };
}
