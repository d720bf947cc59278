export { evalstoreModule, evalstoreMigrations, loadTypeDefs } from './module.ts';
export { predictionRow, feedbackRow } from './rows.ts';
