export { trainerModule } from './module.ts';
