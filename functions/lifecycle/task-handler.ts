import * as z from 'zod';
import { DomainError, validationFailed } from '../../packages/kernel/errors';
import { logger } from '../http/logger';

/**
 * A state-machine task: the event is parsed with the task's schema and handed to one domain
 * function. A domain error keeps its code as the error name, so Retry and Catch match on it.
 */
export const taskHandler =
  <S extends z.ZodType, R>(schema: S, run: (input: z.infer<S>) => Promise<R>) =>
  async (event: unknown): Promise<R> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw validationFailed('input', parsed.error.issues);
    try {
      return await run(parsed.data);
    } catch (error) {
      // The task token resumes an execution: it stays out of the logs.
      const { token: _token, ...event } = parsed.data as Record<string, unknown>;
      logger.error('lifecycle task failed', { error, event });
      if (error instanceof DomainError) throw Object.assign(new Error(error.message), { name: error.code });
      throw error;
    }
  };
