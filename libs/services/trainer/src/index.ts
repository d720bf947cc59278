export { trainerModule } from './module.ts';
export * from './ml/index.ts';
