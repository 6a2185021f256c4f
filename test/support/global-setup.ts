import { startStackProcess } from './stack-process';

/** One local stack for the whole integration run; tests find it through SUNLIT_STACK. */
export default async function globalSetup(): Promise<void> {
  const stack = await startStackProcess();
  process.env.SUNLIT_STACK = JSON.stringify(stack.info);
  (globalThis as { sunlitStack?: typeof stack }).sunlitStack = stack;
}
