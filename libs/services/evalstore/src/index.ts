export { evalstoreModule, loadTypeDefs } from './module.ts';
