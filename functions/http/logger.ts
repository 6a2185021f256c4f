import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per function bundle; the service name comes from the environment. */
export const logger = new Logger();
