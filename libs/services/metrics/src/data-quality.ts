import { checkWindow, fieldPath, rows, type SliceFilter } from '@tideline/store';
import type { FeatureType, QueryResolvers } from './__generated__/resolvers-types.ts';
import { windowRows, type DriftScope } from './drift-sql.ts';
import { checkFieldsExist, type QueryDeps } from './inputs.ts';

const MAX_UNSEEN_LISTED = 20;

/** Every feature value of every row as (name, kind, number, string); bools as 'true' / 'false'. */
const EXPLODE = `arrayJoin(arrayConcat(
    arrayMap(k -> (k, 'num', features_num[k], ''), mapKeys(features_num)),
    arrayMap(k -> (k, 'str', toFloat64(0), features_str[k]), mapKeys(features_str)),
    arrayMap(k -> (k, 'bool', toFloat64(0), toString(features_bool[k])), mapKeys(features_bool)),
    arrayMap(k -> (k, 'null', toFloat64(0), ''), features_null))) AS t`;

interface KindCounts {
  name: string;
  rn: string; rs: string; rb: string; rz: string;
  cn: string; cs: string; cb: string; cz: string;
}

const TYPES: [FeatureType, 'n' | 's' | 'b'][] = [['NUMERIC', 'n'], ['STRING', 's'], ['BOOLEAN', 'b']];

/** `dataQuality`: per-feature checks of a window against a reference, four aggregate queries in ClickHouse. */
export function dataQualityQueries(deps: QueryDeps): Pick<QueryResolvers, 'dataQuality'> {
  const { client, task, references } = deps;
  return {
    dataQuality: async (_, args, { project }) => {
      const current = checkWindow(args.window, 'window');
      // No reference given: the model's stored one, else the window of the same length just before.
      const reference = args.reference
        ? checkWindow(args.reference, 'reference')
        : ((await references.get(project, args.model)) ?? { fromMs: current.fromMs - (current.toMs - current.fromMs), toMs: current.fromMs });
      const scope: DriftScope = { project, model: args.model, task: await task(project, args.model), reference, current, slice: args.slice as SliceFilter | null | undefined };
      await checkFieldsExist(deps, project, args.model, { slice: args.slice });
      const e = windowRows(scope, EXPLODE);
      const exploded = `SELECT in_ref, in_cur, t.1 AS name, t.2 AS kind, t.3 AS num, t.4 AS str FROM (${e.sql})`;
      const totals = windowRows(scope, '1 AS one');
      const [[total], kinds, ranges, unseen] = await Promise.all([
        rows<{ nr: string; nc: string }>(client, `SELECT countIf(in_ref) AS nr, countIf(in_cur) AS nc FROM (${totals.sql})`, totals.params),
        rows<KindCounts>(
          client,
          `SELECT name, countIf(in_ref AND kind = 'num') AS rn, countIf(in_ref AND kind = 'str') AS rs, countIf(in_ref AND kind = 'bool') AS rb, countIf(in_ref AND kind = 'null') AS rz,
             countIf(in_cur AND kind = 'num') AS cn, countIf(in_cur AND kind = 'str') AS cs, countIf(in_cur AND kind = 'bool') AS cb, countIf(in_cur AND kind = 'null') AS cz
           FROM (${exploded}) GROUP BY name ORDER BY name`,
          e.params,
        ),
        rows<{ name: string; outside: string }>(
          client,
          `SELECT c.name AS name, countIf(c.num < r.lo OR c.num > r.hi) AS outside
           FROM (SELECT name, num FROM (${exploded}) WHERE in_cur AND kind = 'num') AS c
           INNER JOIN (SELECT name, min(num) AS lo, max(num) AS hi FROM (${exploded}) WHERE in_ref AND kind = 'num' GROUP BY name) AS r ON c.name = r.name
           GROUP BY c.name`,
          e.params,
        ),
        rows<{ name: string; unseen: string; sample: string[] }>(
          client,
          `SELECT name, sum(n) AS unseen, groupArray(${MAX_UNSEEN_LISTED})(str) AS sample FROM (
             SELECT c.name AS name, c.str AS str, c.n AS n
             FROM (SELECT name, str, count() AS n FROM (${exploded}) WHERE in_cur AND kind IN ('str', 'bool') GROUP BY name, str ORDER BY n DESC, str) AS c
             LEFT ANTI JOIN (SELECT DISTINCT name, str FROM (${exploded}) WHERE in_ref AND kind IN ('str', 'bool')) AS r ON c.name = r.name AND c.str = r.str
           ) GROUP BY name`,
          e.params,
        ),
      ]);
      const rowCount = Number(total?.nc ?? 0);
      const outside = new Map(ranges.map((r) => [r.name, Number(r.outside)]));
      const unseenBy = new Map(unseen.map((u) => [u.name, u]));
      return kinds.map((k) => {
        const ref = { n: Number(k.rn), s: Number(k.rs), b: Number(k.rb) };
        const cur = { n: Number(k.cn), s: Number(k.cs), b: Number(k.cb) };
        const newFeature = ref.n + ref.s + ref.b === 0;
        const basis = newFeature ? cur : ref;
        const best = TYPES.reduce((a, t) => (basis[t[1]] > basis[a[1]] ? t : a), TYPES[0]!);
        const expectedType: FeatureType = basis[best[1]] === 0 ? 'NULL' : best[0];
        const present = cur.n + cur.s + cur.b;
        const u = unseenBy.get(k.name);
        const categorical = expectedType === 'STRING' || expectedType === 'BOOLEAN';
        return {
          feature: fieldPath('features', k.name),
          expectedType,
          rowCount,
          nullRate: rowCount === 0 ? 0 : (rowCount - present) / rowCount,
          typeMismatchCount: expectedType === 'NULL' ? 0 : present - cur[best[1]],
          outOfRangeShare: expectedType === 'NUMERIC' && ref.n > 0 && cur.n > 0 ? (outside.get(k.name) ?? 0) / cur.n : null,
          unseenCategoryShare: categorical && !newFeature && cur.s + cur.b > 0 ? Number(u?.unseen ?? 0) / (cur.s + cur.b) : null,
          unseenCategories: categorical && !newFeature ? (u?.sample ?? []) : [],
          newFeature,
        };
      });
    },
  };
}
