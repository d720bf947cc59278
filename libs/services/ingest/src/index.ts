export { ingestModule } from './module.ts';
export { validatePrediction, validateFeedback, RecordError } from './validate.ts';
