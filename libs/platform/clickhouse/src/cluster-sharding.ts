/**
 * Sharding keys of the platform's tables on a ClickHouse cluster, each with
 * its reason (docs/CLUSTER.md argues the choice). The rule: a table whose
 * rows belong to one model is sharded by `cityHash64(project, model)`, so a
 * model's predictions, feedback, read models, summaries, alerts and curation
 * rows all sit on one shard. Then the read-time join of feedback with its
 * prediction, FINAL (which collapses copies only within a shard) and every
 * per-model aggregate run shard-local, exactly as on one machine. The price
 * is skew: a hot model fills its shard, and one model's query uses one
 * shard's replicas, never all shards.
 */
export interface ShardingKey {
  /** expression given to the Distributed engine */
  readonly key: string;
  readonly why: string;
}

export const MODEL_KEY = 'cityHash64(project, model)';

const byModel = (why: string): ShardingKey => ({ key: MODEL_KEY, why });

/**
 * Key-value tables of the read model (issue 14) keep `project` and `model` only
 * inside `key` = concat(project, '\\0', model, '\\0', …): the same shard, from the key.
 */
const byKeyModel: ShardingKey = {
  key: "cityHash64(splitByChar('\\0', key)[1], splitByChar('\\0', key)[2])",
  why: "keyed by project\\0model\\0…: filled by views on the shard of the model, read beside the model's rows",
};

/** Tables named here; any other table with project and model columns gets MODEL_KEY. */
export const SHARDING_KEYS: Readonly<Record<string, ShardingKey>> = {
  evalstore_predictions: byModel('every read is one model: FINAL, the join with feedback and AUC sorts stay on one shard'),
  evalstore_feedback: byModel('a label must land beside its prediction for the read-time join; a correction beside the label it replaces'),
  evalstore_model_summary: byModel('fed by views on the shard of the model, so a model reference is one key lookup on one shard'),
  evalstore_fields: byModel('backfilled from the shard-local predictions of the model'),
  evalstore_ingest_errors: byModel('read per model, like the rows they failed to be'),
  alerts: byModel('a monitor watches one model; FIRING and RESOLVED rows of an alert must meet for FINAL'),
  curation_label_requests: byModel('the budget ledger is a sum over one model'),
  curation_label_picks: byModel('joined by prediction id with the store: co-located with the predictions'),
  curation_label_budgets: byModel('one row per model, the latest grant wins under FINAL'),
  metrics_reference_windows: byModel('one row per model, the latest write wins under FINAL'),
  evalstore_prediction_kv: byKeyModel,
  evalstore_feedback_kv: byKeyModel,
  evalstore_labeled_hour_kv: byKeyModel,
  alerts_webhook_dead_letters: {
    key: 'cityHash64(project, webhook_id)',
    why: 'the only reader is one webhook; redelivered copies of a row share the webhook, so FINAL sees them together',
  },
  curation_dataset_rows: {
    key: 'cityHash64(project, dataset_id)',
    why: 'a dataset snapshot is exported as a whole; the table has no model column',
  },
  curation_datasets: { key: 'cityHash64(project, id)', why: 'one row per dataset, copies of it meet under FINAL' },
  metrics_offline_rows: {
    key: 'cityHash64(project, evaluation_id)',
    why: 'scratch rows of one evaluation, read together and dropped together',
  },
};

const COLUMN = (name: string) => new RegExp(`^\\s*${name}\\s`, 'm');

/** The sharding key of `table`, or undefined when it has none argued and no (project, model) to fall back on. */
export function shardingKeyOf(table: string, columns: string): ShardingKey | undefined {
  const named = SHARDING_KEYS[table];
  if (named) return named;
  if (COLUMN('project').test(columns) && COLUMN('model').test(columns)) {
    return byModel('default: a per-model table sits on the shard of its model');
  }
  return undefined;
}
