export { evalstoreModule, evalstoreMigrations } from './module.ts';
export { predictionRow } from './rows.ts';
