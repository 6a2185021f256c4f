// Runs one Lambda function's bundle in its own worker thread, as a Lambda sandbox would:
// its own environment, its module-scope initialisation once, then one handler call per message.
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { entry, handlerName, functionName, memorySize, timeoutMs } = workerData;
const module = await import(pathToFileURL(entry).href);
const handler = module[handlerName];

// A request may run at a later time than the machine's (the gateway's clock-offset header), so a
// test can act after a deadline without moving anyone else's clock. The platform's clock asks here.
const clockOffset = new AsyncLocalStorage();
globalThis.sunlitLocalClockOffsetMs = () => clockOffset.getStore() ?? 0;

parentPort.on('message', ({ id, event, clockOffsetMs }) =>
  clockOffset.run(clockOffsetMs ?? 0, () => invoke(id, event)),
);

const invoke = async (id, event) => {
  const deadline = Date.now() + timeoutMs;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    awsRequestId: id,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    if (typeof handler !== 'function')
      throw new Error(`The bundle exports no function named ${handlerName}.`);
    const result = await handler(event, context);
    parentPort.postMessage({ id, result: result === undefined ? null : result });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: {
        errorType: error?.name ?? 'Error',
        errorMessage: error?.message ?? String(error),
        trace: String(error?.stack ?? '').split('\n'),
      },
    });
  }
};
parentPort.postMessage({ ready: true });
