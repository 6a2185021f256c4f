import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DemoUser, demoUsers } from '../demo-data';
import { ensureLocalSigningKey } from '../storage';
import { createTables, startDynamo } from './dynamodb-local';
import { buildPortal, PORTAL_CONFIG_PATH, portalConfig } from '../portal';
import { clockOffset, createGateway } from './gateway';
import { jwtAuthorizers, LocalIssuer } from './issuer';
import { issuerPaths } from './sign-in';
import { LambdaRuntime } from './lambda-runtime';
import { assertPortFree, freePort, hasJava, PidFile, StartupError } from './processes';
import { routesOf } from './routes';
import { startSchedules } from './schedules';
import { auditTiles } from './tiles';
import { s3rverCredentials, startS3 } from './s3-local';
import { staticSite } from './site';
import { seedDemoCalendars, seedDemoCustodians, seedDemoData } from './seed';
import { createWebSocketGateway, webSocketApisOf } from './websocket';
import { LocalStepFunctions, ServiceError } from './step-functions';
import { LocalTime } from './local-time';
import { provideRuntimeSdk, synthesize } from './synth';
import { localRegion, SynthesizedStack } from './template';

export interface LocalStackOptions {
  /** Where data lives between runs (tables, objects, the issuer's key). */
  dataDir: string;
  /** The gateway's port; 0 picks a free one. */
  port: number;
  /** The CDK app to run, relative to the project root. */
  appEntry?: string;
  /** An already synthesized cloud assembly to run instead of synthesizing the app. */
  assemblyDir?: string;
  stackName?: string;
  /** Real time runs this many times faster (Wait states, task timeouts, the functions' clock). */
  timeScale?: number;
  /** Load demo data on the first start. */
  demoData?: boolean;
  /** Users the local issuer signs tokens for besides the demo users (load tests need many bidders). */
  extraUsers?: DemoUser[];
  /**
   * Lets a request ask to run later than the stack's clock (`x-local-clock-offset-ms`), so a test
   * acts after a deadline without moving anyone else's clock. For test suites only: off by default.
   */
  testControls?: boolean;
  /** Sandboxes per function that reserves no concurrency in the template (default 10). */
  lambdaConcurrency?: number;
  log?: (line: string) => void;
}

/** Where everything of a running stack is: printed at start and written to `<dataDir>/stack.json`. */
export interface StackInfo {
  pid: number;
  api: string;
  issuer: string;
  dynamodb: string;
  s3: string;
  stepFunctions: string;
  /** The WebSocket APIs (the auction room), each at its stage: `ws://127.0.0.1:N/live`. */
  webSockets: string[];
  tables: string[];
  buckets: string[];
  stateMachines: string[];
  users: string[];
  dataDir: string;
  assemblyDir: string;
  timeScale: number;
}

export interface RunningStack {
  info: StackInfo;
  /** Environment that points AWS SDK clients at this stack. */
  clientEnv: Record<string, string>;
  stepFunctions: LocalStepFunctions;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(address && typeof address === 'object' ? address.port : port);
    });
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** Serves the Step Functions JSON protocol, so SDK clients with `AWS_ENDPOINT_URL_SFN` reach the local runner. */
const stepFunctionsServer = (stepFunctions: LocalStepFunctions): Server =>
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const [service, operation = ''] = target.split('.');
      try {
        const request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        const result =
          service === 'SunlitLocal' && operation === 'SetWaitOverrides'
            ? stepFunctions.setWaitOverrides(request.waits as Record<string, number>)
            : await stepFunctions.call(operation, request);
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        // The protocol sends timestamps as epoch seconds; Date's own toJSON runs before a replacer sees it.
        res.end(
          JSON.stringify(result ?? {}, function (this: Record<string, unknown>, key, value: unknown) {
            const raw = this[key];
            return raw instanceof Date ? raw.getTime() / 1000 : value;
          }),
        );
      } catch (error) {
        const type = error instanceof ServiceError ? error.type : 'InternalFailure';
        res.writeHead(error instanceof ServiceError ? 400 : 500, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-errortype': type,
        });
        res.end(JSON.stringify({ __type: type, message: (error as Error).message }));
      }
    });
  });

const formatDuration = (ms: number) => {
  const [unit, size]: [string, number] =
    ms >= 86_400_000 ? ['day', 86_400_000] : ms >= 3_600_000 ? ['hour', 3_600_000] : ['second', 1000];
  const count = Number((ms / size).toFixed(2));
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
};

/**
 * `GET /.local/clock` tells the platform's time; `POST /.local/clock {"advanceMs": n}` moves it
 * forward for everyone (functions and state machines): local only, for tests and the demo. With
 * `offsets`, a GET tells the time a request asking to run later (`x-local-clock-offset-ms`) acts at.
 */
const clockPaths = (time: LocalTime, log: (line: string) => void, offsets: boolean) => {
  const state = (laterMs = 0) => ({
    now: new Date(time.now() + laterMs).toISOString(),
    offsetMs: time.offsetMs,
    timeScale: time.timeScale,
  });
  return {
    'GET /.local/clock': async (req: IncomingMessage) => ({
      status: 200,
      body: state(offsets ? clockOffset(req.headers as Record<string, string | undefined>) : 0),
    }),
    'POST /.local/clock': async (_req: unknown, body: Buffer) => {
      let advanceMs: unknown;
      try {
        advanceMs = (JSON.parse(body.toString('utf8') || '{}') as { advanceMs?: unknown }).advanceMs;
      } catch {
        advanceMs = undefined;
      }
      if (typeof advanceMs !== 'number' || !Number.isSafeInteger(advanceMs) || advanceMs <= 0) {
        return {
          status: 400,
          body: {
            error: {
              code: 'VALIDATION_FAILED',
              field: 'advanceMs',
              message:
                'advanceMs: must be a positive whole number of milliseconds; the clock only moves forward.',
            },
          },
        };
      }
      time.advance(advanceMs);
      log(`clock moved forward ${formatDuration(advanceMs)}; now ${state().now}`);
      return { status: 200, body: state() };
    },
  };
};

/**
 * Runs what the synthesized template describes on this machine: DynamoDB Local, an
 * S3-compatible server, the HTTP API's routes and the state machines, all from the template.
 */
export const startLocalStack = async (options: LocalStackOptions): Promise<RunningStack> => {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const timeScale = options.timeScale ?? 1;
  const timeOrigin = Date.now();
  if (!hasJava()) {
    throw new StartupError(
      'DynamoDB Local needs a Java runtime and `java` is not on the PATH. On Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  rmSync(path.join(dataDir, 'stack.json'), { force: true });
  const pidFile = new PidFile(path.join(dataDir, 'children.pid'));
  const reaped = pidFile.reapLeftovers();
  if (reaped) log(`stopped ${reaped} process(es) a previous run left behind`);
  if (options.port) await assertPortFree(options.port, 'the API gateway');

  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
    stops.length = 0;
    pidFile.clear();
    rmSync(path.join(dataDir, 'stack.json'), { force: true });
  };

  try {
    const assemblyDir = options.assemblyDir
      ? path.resolve(options.assemblyDir)
      : path.join(dataDir, 'cdk.out');
    if (!options.assemblyDir) {
      log('synthesizing the CDK app…');
      await synthesize(options.appEntry ?? 'infra/app.ts', assemblyDir);
    }
    provideRuntimeSdk(assemblyDir);
    const stack = SynthesizedStack.load(assemblyDir, options.stackName ?? 'Sunlit');

    log('starting DynamoDB Local…');
    const dynamo = await startDynamo(path.join(dataDir, 'dynamodb'), await freePort());
    pidFile.record([dynamo.process.pid ?? 0]);
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          if (dynamo.process.exitCode !== null) return resolve();
          dynamo.process.once('exit', () => resolve());
          dynamo.process.kill('SIGTERM');
          setTimeout(() => dynamo.process.kill('SIGKILL'), 5000).unref();
        }),
    );
    const tables = await createTables(dynamo.client, stack);

    // The portal is on the API's port, known only once the gateway listens (port 0 picks one then):
    // the buckets allow pages of this machine, as they allow the distribution's origin on AWS.
    const portalOrigins = ['http://127.0.0.1:*', 'http://localhost:*'];
    log('starting S3…');
    const s3 = await startS3(path.join(dataDir, 's3'), await freePort(), stack, portalOrigins);
    stops.push(() => s3.stop());

    const sfnPort = await freePort();
    const clientEnv: Record<string, string> = {
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${sfnPort}`,
      // Nothing else may reach AWS from the local stack: other services point at a closed port.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    };
    // KMS has no local emulator: the audit log signs with a key generated once in the data folder.
    const auditSigningKey = path.join(dataDir, 'audit-signing-key.pem');
    ensureLocalSigningKey(auditSigningKey);
    // The experts' answer links have a key of their own, as on AWS.
    const expertLinkKey = path.join(dataDir, 'expert-link-key.pem');
    ensureLocalSigningKey(expertLinkKey);
    // The gateway's port is chosen now: the relay writes links to the portal it serves before it listens.
    const apiPort = options.port || (await freePort());
    const time = new LocalTime(path.join(dataDir, 'clock.json'), timeScale, timeOrigin);
    if (time.offsetMs > 0)
      log(`the clock runs ${formatDuration(time.offsetMs)} ahead of the machine's, as it was left`);
    stops.push(() => time.save());
    const runtime = new LambdaRuntime(
      stack,
      {
        ...clientEnv,
        AUDIT_SIGNING_KEY_FILE: auditSigningKey,
        EXPERT_LINK_KEY_FILE: expertLinkKey,
        // No CloudFront locally: the gateway serves the portal, and answer links point at it.
        LOCAL_PORTAL_URL: `http://127.0.0.1:${apiPort}`,
        // No user pool locally: its stand-in's signing keys, for the auction room's door.
        LOCAL_ISSUER_JWKS_URL: `http://127.0.0.1:${apiPort}/.local/issuer/jwks.json`,
        // SNS and SES have no local emulator: the relay delivers into files that tests read.
        NOTIFICATIONS_SINK_DIR: path.join(dataDir, 'outbox-sink'),
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
        TZ: 'UTC',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        SUNLIT_TIME_SCALE: String(timeScale),
        SUNLIT_TIME_ORIGIN: String(timeOrigin),
        POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      },
      () => time.offsetMs,
      options.lambdaConcurrency,
    );
    stops.push(() => runtime.stop());

    const stepFunctions = new LocalStepFunctions(stack, runtime, {
      time,
      log,
      executionsDir: path.join(dataDir, 'executions'),
      legacyRunningFile: path.join(dataDir, 'executions.json'),
    });
    const sfnServer = stepFunctionsServer(stepFunctions);
    await listen(sfnServer, sfnPort);
    stops.push(() => stepFunctions.stop());
    stops.push(() => close(sfnServer));

    const mainTable = tables[0];
    if (options.demoData !== false && mainTable) {
      const db = DynamoDBDocumentClient.from(dynamo.client);
      const seeded = await seedDemoData(db, mainTable);
      log(seeded === 'loaded' ? 'demo data loaded' : 'demo data already present');
      const custodians = await seedDemoCustodians(db, mainTable, path.join(dataDir, 'custodians'));
      if (custodians > 0) log(`${custodians} demo custodian keys made`);
      const years = await seedDemoCalendars(db, mainTable);
      if (years.length > 0) log(`demo holiday calendars set for ${years.join(', ')}`);
    }

    const schedules = startSchedules(stack, runtime, time, log);
    stops.push(() => schedules.stop());

    const resumed = await stepFunctions.resumeSaved();
    if (resumed > 0) log(`${resumed} execution(s) left running by the last run resumed where they stood`);

    const [authorizer] = jwtAuthorizers(stack).values();
    const users = [...demoUsers(), ...(options.extraUsers ?? [])];
    const issuer = authorizer
      ? await LocalIssuer.open(path.join(dataDir, 'issuer-key.json'), authorizer, users)
      : undefined;
    const portalDir = path.join(dataDir, 'portal');
    const site = staticSite(portalDir, buildPortal(portalDir));
    const [apiId = 'local'] = stack.httpApiIds();
    // The WebSocket APIs first: functions read their endpoints (ApiEndpoint) from the template when they start.
    const rooms: string[] = [];
    for (const webSocketApi of webSocketApisOf(stack)) {
      const server = createWebSocketGateway(webSocketApi, runtime, {
        clockOffsets: options.testControls ?? false,
      });
      const port = await listen(server, 0);
      stack.endpoints.set(webSocketApi.apiId, `ws://127.0.0.1:${port}`);
      rooms.push(`ws://127.0.0.1:${port}/${webSocketApi.stage}`);
      stops.push(() => close(server));
    }
    const api = `http://127.0.0.1:${apiPort}`;
    const gateway = createGateway({
      routes: routesOf(stack),
      runtime,
      issuer,
      apiId,
      site,
      log: process.env.SUNLIT_LOG_REQUESTS ? log : undefined,
      clockOffsets: options.testControls ?? false,
      objects: auditTiles(stack, s3.endpoint),
      localPaths: {
        ...clockPaths(time, log, options.testControls ?? false),
        ...(issuer
          ? {
              ...issuerPaths(issuer, api, Date.now),
              // Where the portal signs in, as the deployment writes it beside the portal on AWS.
              [`GET ${PORTAL_CONFIG_PATH}`]: async () => ({
                status: 200,
                body: portalConfig(`${api}/.local/issuer`, issuer.clientId),
              }),
            }
          : {}),
      },
    });
    await listen(gateway, apiPort);
    stops.push(() => close(gateway));

    const info: StackInfo = {
      pid: process.pid,
      api,
      issuer: `${api}/.local/issuer`,
      dynamodb: dynamo.endpoint,
      s3: s3.endpoint,
      stepFunctions: clientEnv.AWS_ENDPOINT_URL_SFN as string,
      webSockets: rooms,
      tables,
      buckets: s3.buckets,
      stateMachines: stepFunctions.stateMachineArns(),
      users: (issuer ? users : []).map((u) => `${u.username} (${u.role}${u.org ? `, ${u.org}` : ''})`),
      dataDir,
      assemblyDir,
      timeScale,
    };
    // Written whole, then renamed into place: a reader polling for the file never reads half of it.
    writeFileSync(path.join(dataDir, 'stack.json.partial'), JSON.stringify(info, null, 2));
    renameSync(path.join(dataDir, 'stack.json.partial'), path.join(dataDir, 'stack.json'));
    return { info, clientEnv, stepFunctions, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
