import { runTargets } from '@tideline/catalog';

// The gateway service alone, one per pod when Tideline is scaled out.
await runTargets('gateway');
