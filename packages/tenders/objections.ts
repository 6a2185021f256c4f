import { DomainError } from '../kernel/errors';
import { notFound } from '../kernel/records';

interface Objection {
  number: number;
  answer?: string;
  answeredAt?: string;
}

/** The objections with `number` answered; NOT_FOUND or CONFLICT (answered already) otherwise. */
export const withAnswer = <T extends Objection>(
  objections: T[],
  number: number,
  answer: string,
  at: Date,
): T[] => {
  const objection = objections.find((o) => o.number === number);
  if (!objection) throw notFound('objection', String(number), 'number');
  if (objection.answer) {
    throw new DomainError('CONFLICT', `Objection ${number} is already answered.`, { field: 'number' });
  }
  return objections.map((o) => (o.number === number ? { ...o, answer, answeredAt: at.toISOString() } : o));
};
