import { runTargets } from '@tideline/catalog';

// The model registry alone, one per pod when Tideline is scaled out.
await runTargets('registry');
