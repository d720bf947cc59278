export { evalstoreModule, evalstoreMigrations } from './module.ts';
export { predictionRow, feedbackRow } from './rows.ts';
