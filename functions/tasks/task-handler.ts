import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { DomainError, validationFailed } from '../../packages/kernel';
import { logger } from '../http/logger';

/**
 * A state-machine task: the event is parsed with the task's schema and handed to one domain
 * function. A domain error keeps its code as the error name, so Retry and Catch match on it.
 */
export const taskHandler = <S extends z.ZodType, R>(schema: S, run: (input: z.infer<S>) => Promise<R>) =>
  middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) throw validationFailed('input', parsed.error.issues);
      try {
        return await run(parsed.data);
      } catch (error) {
        // The task token resumes an execution: it stays out of the logs.
        const { token: _token, ...task } = parsed.data as Record<string, unknown>;
        logger.error('task failed', { error, task });
        if (error instanceof DomainError) throw Object.assign(new Error(error.message), { name: error.code });
        throw error;
      }
    });

/**
 * A function that runs several tasks of one state machine, named by the `task` field: the handler
 * for each is chosen by name, as a context's HTTP function chooses by route.
 */
export const taskRouter = <
  const S extends z.ZodDiscriminatedUnion<z.ZodObject<{ task: z.ZodLiteral<string> }>[], 'task'>,
>(
  schema: S,
  handlers: { [T in z.infer<S>['task']]: (input: Extract<z.infer<S>, { task: T }>) => Promise<object> },
) =>
  taskHandler(schema, (input: z.infer<S>) =>
    (handlers as Record<string, (input: z.infer<S>) => Promise<object>>)[input.task]!(input),
  );
