export { curationModule } from './module.ts';
