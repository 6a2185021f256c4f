/** What every context shares: errors with codes, the injectable clock, ids and idempotent creates, record lookups, shared schemas, the caller, and the milestones a process waits for. */
export { Caller, Role, roleTitles } from './caller';
export { clockFromEnvironment, systemClock } from './clock';
export type { Clock } from './clock';
export type { DocumentStore } from './documents';
export { DomainError, httpStatusOf, validationFailed } from './errors';
export type { ErrorCode } from './errors';
export { createOnce, keyDigest, newId } from './ids';
export { unobserved } from './milestones';
export type { Milestone, Milestones } from './milestones';
export { committed, decideOnFreshRecords, notFound, required } from './records';
export { IdPath, Identifier, Sha256Hex } from './schemas';
export { FileName, LongText, malformedStringAt, Name, text } from './text';
export type { TextOptions } from './text';
