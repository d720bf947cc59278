import { runTargets } from '@tideline/catalog';

// The evalstore service alone, one per pod when Tideline is scaled out.
await runTargets('evalstore');
