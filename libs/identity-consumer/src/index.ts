export * from './lib/dead-letter.publisher';
export * from './lib/decode-event';
export * from './lib/identity-consumer.errors';
export * from './lib/identity-consumer.module';
export * from './lib/identity-consumer.options';
export * from './lib/identity-event.handler';
export * from './lib/identity-event.pipeline';
