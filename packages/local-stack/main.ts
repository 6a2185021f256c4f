// Lambda runs Node 22; this machine's Node 20 is only the local host, so the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY } from './lambda-runtime';
import { StartupError } from './processes';
import { startLocalStack } from './stack';
import { projectRoot } from './synth';

const usage = `Usage: npm start -- [--port 3000] [--data .local] [--time-scale 1]

Runs the whole platform on this machine from the synthesized CDK template.
  --port        the API's port (env PORT, default 3000)
  --data        where data is kept between runs (env SUNLIT_DATA_DIR, default .local)
  --time-scale  run the clock N times faster, e.g. 1440 makes a day pass in a minute
  --app, --stack  another CDK app and stack to run (tests)
  --assembly    run an already synthesized cloud assembly (skips synthesis)
  --no-demo-data  do not load the demo organisations, users and experts
  --lambda-concurrency  sandboxes per function (env SUNLIT_LAMBDA_CONCURRENCY, default 10), unless
                  the template reserves concurrency for it
  --test-controls let a request run later than the stack's clock (header x-local-clock-offset-ms),
                  for test suites only: never on a stack people use`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    'time-scale': { type: 'string' },
    app: { type: 'string' },
    assembly: { type: 'string' },
    stack: { type: 'string' },
    'exit-with-parent': { type: 'boolean' },
    'no-demo-data': { type: 'boolean' },
    'test-controls': { type: 'boolean' },
    'lambda-concurrency': { type: 'string' },
    help: { type: 'boolean' },
  },
});

const main = async () => {
  if (values.help) return console.log(usage);
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const timeScale = Number(values['time-scale'] ?? process.env.SUNLIT_TIME_SCALE ?? 1);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new StartupError(`--port must be a port number; got ${values.port}.`);
  if (!(timeScale > 0))
    throw new StartupError(`--time-scale must be a positive number; got ${values['time-scale']}.`);
  const concurrency = Number(
    values['lambda-concurrency'] ?? process.env.SUNLIT_LAMBDA_CONCURRENCY ?? DEFAULT_CONCURRENCY,
  );
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new StartupError(
      `--lambda-concurrency must be a whole number of sandboxes, at least 1; got ${values['lambda-concurrency'] ?? process.env.SUNLIT_LAMBDA_CONCURRENCY}.`,
    );
  const dataDir = path.resolve(projectRoot, values.data ?? process.env.SUNLIT_DATA_DIR ?? '.local');
  const started = Date.now();
  const stack = await startLocalStack({
    dataDir,
    port,
    timeScale,
    appEntry: values.app,
    assemblyDir: values.assembly,
    stackName: values.stack,
    demoData: !values['no-demo-data'],
    testControls: Boolean(values['test-controls']),
    lambdaConcurrency: concurrency,
    log: (line) => console.log(`[sunlit] ${line}`),
  });

  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[sunlit] ${why}: stopping…`);
    await stack.stop();
    console.log('[sunlit] stopped; data kept in', dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('interrupted'));
  process.on('SIGTERM', () => void shutdown('terminated'));
  if (values['exit-with-parent']) {
    // A test run that dies without cleaning up takes the stack (and Java) with it.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('parent process gone');
    }, 500).unref();
  }

  const { info } = stack;
  // The hints work as printed: they name this stack's port and data folder when not the defaults.
  const flags = [
    ...(info.api.endsWith(':3000') ? [] : [`--url ${info.api}`]),
    ...(dataDir === path.resolve(projectRoot, '.local') ? [] : [`--data ${dataDir}`]),
  ]
    .map((flag) => ` ${flag}`)
    .join('');
  console.log(`
Sunlit is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).

  Portal         ${info.api}/           open it in a browser and sign in as a demo user
  API            ${info.api}            try: curl ${info.api}/health
  DynamoDB Local ${info.dynamodb}
  S3 (s3rver)    ${info.s3}
  Step Functions ${info.stepFunctions}${info.webSockets.map((ws) => `\n  Auction room   ${ws}?auction=AU-…   live prices (WebSocket)`).join('')}
  Data folder    ${info.dataDir}${info.timeScale !== 1 ? `\n  Time scale     ×${info.timeScale}` : ''}

Demo users: ${info.users.join(', ')}
A whole tender, step by step: npx sunlit demo${flags}
A token for one of them:   npx sunlit token --user staff1${flags}
Then:                      curl -H "Authorization: Bearer $(npx sunlit token --user bidder1${flags})" ${info.api}/me

Ctrl-C stops everything; the data stays for the next start.`);
};

main().catch((error: unknown) => {
  if (error instanceof StartupError) console.error(`\n[sunlit] cannot start: ${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
