import { runTargets } from '@tideline/catalog';

// The metrics service alone, one per pod when Tideline is scaled out.
await runTargets('metrics');
