/** The whole platform on one machine, run from the synthesized template: DynamoDB Local, S3, the gateway, the state machines. */
export { s3rverCredentials } from './s3-local';
export { startLocalStack } from './stack';
export type { RunningStack, StackInfo } from './stack';
export { SynthesizedStack, localRegion } from './template';
