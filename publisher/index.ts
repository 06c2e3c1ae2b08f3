export { DualPublisher, PublishError, type DualPublisherOptions } from './dual-publisher.ts';
export { EmbeddedLog, type EmbeddedLogOptions } from './embedded/embedded-log.ts';
export { EmbeddedBus } from './embedded/embedded-bus.ts';
export { KafkaLog, type KafkaLogOptions } from './kafka-log.ts';
export { RedisBus, type RedisBusOptions } from './redis-bus.ts';
export { Simulator, type SimulatorOptions } from './simulator/simulator.ts';
