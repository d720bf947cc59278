import { runTargets } from '@tideline/catalog';

// The one entry point of every deployment: all modules on a laptop (`npm start`, CI),
// one service per pod when scaled out (`TIDELINE_TARGET=ingest`, `metrics,alerts`, …).
await runTargets();
