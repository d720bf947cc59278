export { loopModule } from './module.ts';
