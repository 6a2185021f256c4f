import * as z from 'zod';
import { DomainError } from '../kernel';

/** One VALIDATION_FAILED error naming every field at fault and why. */
export const invalid = (issues: readonly { field: string; message: string }[]): DomainError =>
  new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), {
    field: issues[0]?.field,
    issues: [...issues],
  });

export const invalidField = (field: string, message: string): DomainError => invalid([{ field, message }]);

/** Well-formed input that the sealing rules refuse: a wrong share, an envelope that does not open. */
export const violated = (field: string, message: string): DomainError =>
  new DomainError('RULE_VIOLATED', message, { field });

/** Parses `input`, or throws VALIDATION_FAILED naming fields by their dotted path (`custodians.2.id`). */
export const parseFields = <T extends z.ZodType>(schema: T, input: unknown): z.infer<T> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const named = (path: readonly PropertyKey[]) => path.map(String).join('.') || 'input';
  throw invalid(
    result.error.issues.flatMap((issue) =>
      // A strict object's unknown keys are named each, not their parent.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ field: named([...issue.path, key]), message: 'is not a known field' }))
        : [{ field: named(issue.path), message: issue.message }],
    ),
  );
};

/** Raw bytes of an exact length, such as an X25519 key. */
export const bytesOf = (length: number, what: string) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, `must be ${what} as bytes`)
    .refine((bytes) => bytes.length === length, `must be ${what}: ${length} bytes`);
