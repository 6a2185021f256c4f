import type { StackProcess } from './stack-process';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { sunlitStack?: StackProcess }).sunlitStack?.stop();
}
