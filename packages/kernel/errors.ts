/**
 * Errors are values with a stable code and a message a user can act on.
 * Handlers map codes to HTTP statuses in one place (`httpStatusOf`); state-machine
 * `Catch` clauses match the same codes, which is why `name` equals `code`.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RULE_VIOLATED'
  | 'DEADLINE_PASSED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface ErrorDetails {
  /** The input field at fault, as a dotted path (`schedule.bidDeadline`). */
  field?: string;
  /** The legal rule that refuses the request, e.g. `法24`. */
  rule?: string;
  /** Per-field problems when several fields fail at once. */
  issues?: { field: string; message: string }[];
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = code;
  }

  toJSON(): { code: ErrorCode; message: string } & ErrorDetails {
    return { code: this.code, message: this.message, ...this.details };
  }
}

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATED: 422,
  DEADLINE_PASSED: 422,
  // The outcome is not known: the same request, with the same Idempotency-Key, may be sent again.
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const httpStatusOf = (error: DomainError): number => statusByCode[error.code];

/** One VALIDATION_FAILED error naming every field at fault (prefixed with `where`) and its rule. */
export const validationFailed = (
  where: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): DomainError => {
  const named = issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return new DomainError('VALIDATION_FAILED', named.map((i) => `${i.field}: ${i.message}`).join('; '), {
    field: named[0]?.field,
    issues: named,
  });
};
