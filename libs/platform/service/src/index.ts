export { defineService, type ServiceSpec, type ServiceContext, type ServiceInstance, type StreamUse, type ConsumerUse } from './define-service.ts';
