import { runTargets } from '@tideline/catalog';

// The alerts service alone (monitors, evaluator, webhooks), one or more per cluster.
await runTargets('alerts');
