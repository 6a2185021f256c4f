/** How the relay retries: as data, so a test and the README read the same numbers. */
export interface DeliveryPolicy {
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** The wait after the first failure; each further failure doubles it. */
  firstRetryMs: number;
  /** How long a claimed attempt may take before it counts as failed (its relay stopped). */
  claimMs: number;
  /** How far back the relay looks for messages; older ones were delivered or failed long since. */
  lookBackMs: number;
  /** Attempts per run, at most, so that one run ends well within its function's timeout. */
  batch: number;
}

export const deliveryPolicy: DeliveryPolicy = {
  maxAttempts: 5,
  firstRetryMs: 60_000,
  claimMs: 120_000,
  lookBackMs: 7 * 86_400_000,
  batch: 100,
};

/** When the attempt after `failures` failures may start, the last of them made at `last`. */
export const nextAttemptAt = (policy: DeliveryPolicy, last: Date, failures: number): Date =>
  new Date(last.getTime() + policy.firstRetryMs * 2 ** (failures - 1));
