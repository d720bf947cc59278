import { runTargets } from '@tideline/catalog';

// The ingest service alone, one per pod when Tideline is scaled out.
await runTargets('ingest');
