export * from './lib/ensure-topics';
export * from './lib/kafka-config';
export * from './lib/kafka-log-creator';
export * from './lib/kafka-transport';
export * from './lib/topic-spec';
