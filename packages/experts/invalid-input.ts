import { DomainError } from '../kernel';

/** A problem with one named field of the input, e.g. `quotas.1.specialty`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** One VALIDATION_FAILED error listing every problem; `details.field` names the first. */
export const invalidInput = (problems: readonly FieldProblem[]): DomainError =>
  new DomainError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    field: problems[0]?.field,
    issues: [...problems],
  });

// Identifiers are ASCII, where JavaScript's default string order is the spec's byte order.
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
