import * as z from 'zod';
import { DomainError, Identifier, LongText, notFound } from '../kernel';
/** 异议: an objection at the opening (条例44) or during the candidate publicity (条例54). */
export const RaiseObjection = z.strictObject({ text: LongText() });
export const AnswerObjection = z.strictObject({ answer: LongText() });

/** A tender and one of its objections, by number. */
export const ObjectionPath = z.object({
  id: Identifier,
  number: z
    .string()
    .regex(/^[1-9][0-9]{0,3}$/, 'must be an objection number')
    .transform(Number),
});

interface Objection {
  number: number;
  answer?: string;
  answeredAt?: string;
  answeredBy?: string;
}

/**
 * The objections with `number` answered, by `by` where the record keeps who answered; NOT_FOUND or
 * CONFLICT (answered already) otherwise.
 */
export const withAnswer = <T extends Objection>(
  objections: T[],
  number: number,
  answer: string,
  at: Date,
  by?: string,
): T[] => {
  const objection = objections.find((o) => o.number === number);
  if (!objection) throw notFound('objection', String(number), 'number');
  if (objection.answer) {
    throw new DomainError('CONFLICT', `Objection ${number} is already answered.`, { field: 'number' });
  }
  const answered = { answer, answeredAt: at.toISOString(), ...(by ? { answeredBy: by } : {}) };
  return objections.map((o) => (o.number === number ? { ...o, ...answered } : o));
};
