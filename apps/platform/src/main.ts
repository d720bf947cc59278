import { runTargets } from '@tideline/catalog';

// Every module in one process (`TIDELINE_TARGET` picks others): the laptop and CI deployment.
await runTargets('all');
