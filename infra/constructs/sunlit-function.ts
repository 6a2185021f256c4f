import * as path from 'node:path';
import { CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export const projectRoot = path.resolve(__dirname, '..', '..');

/** What API Gateway waits for an integration (29 s): no function behind the HTTP API may run longer. */
export const API_TIMEOUT = Duration.seconds(29);

export interface SunlitFunctionProps {
  /** Handler file, relative to the project root (`functions/tenders/handler.ts`). */
  entry: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  /**
   * Files the function reads at run time, shipped beside its bundle rather than inside it:
   * `{ 'NotoSansSC-Regular.ttf': 'node_modules/…/NotoSansSC_400Regular.ttf' }` (paths from the project root).
   */
  files?: Record<string, string>;
}

export type TableAccess = 'read' | 'readWrite';
export type BucketAccess = 'read' | 'write' | 'readWrite';

/**
 * Every Lambda function of the platform: this construct owns the defaults (Node 22 on arm64,
 * minified ESM with source maps, X-Ray tracing, a log group with retention) and the
 * least-privilege bindings that set an environment variable and grant exactly the matching access.
 */
export class SunlitFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: SunlitFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    const files = Object.entries(props.files ?? {});
    super(scope, id, {
      entry: path.join(projectRoot, props.entry),
      handler: 'handler',
      description: props.description.slice(0, 256),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'sunlit',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        // CommonJS dependencies inside an ESM bundle still call require().
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        // The Node 22 runtime ships AWS SDK v3: leaving it out keeps bundles small and cold starts short.
        externalModules: ['@aws-sdk/*'],
        ...(files.length > 0
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  files.map(
                    ([name, from]) => `cp "${path.join(inputDir, from)}" "${path.join(outputDir, name)}"`,
                  ),
              },
            }
          : {}),
      },
    });
    acknowledge(
      this,
      'AwsSolutions-L1',
      'Bundles target Node 22; moving to a newer runtime is a tested upgrade, not a default.',
    );
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray trace segments and telemetry, whose actions take no resource.',
    );
  }

  /** Grants access to the table and tells the function its name in `TABLE_NAME`. */
  bindTable(table: ITableV2, access: TableAccess): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (access === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    if (table instanceof TableV2) {
      const tableId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
      acknowledge(
        this.role!,
        `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        "Queries on this table's own secondary indexes; the wildcard names no other resource.",
      );
    }
    return this;
  }

  /** Lets the function keep each Idempotency-Key's first answer (`IDEMPOTENCY_TABLE`), and nothing more. */
  bindIdempotency(table: ITableV2): this {
    this.addEnvironment('IDEMPOTENCY_TABLE', table.tableName);
    table.grant(this, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
    return this;
  }

  /**
   * Grants exactly the object actions the access needs (no listing, no bucket settings) and
   * tells the function the bucket's name in `envName`. Presigned URLs carry these rights.
   */
  bindBucket(bucket: IBucket, envName: string, access: BucketAccess): this {
    this.addEnvironment(envName, bucket.bucketName);
    const actions = [
      ...(access !== 'write' ? ['s3:GetObject', 's3:GetObjectVersion'] : []),
      ...(access !== 'read' ? ['s3:PutObject'] : []),
    ];
    this.addToRolePolicy(new PolicyStatement({ actions, resources: [bucket.arnForObjects('*')] }));
    const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
    acknowledge(
      this.role!,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      'Objects of this one bucket; their keys are not known in advance.',
    );
    return this;
  }
}
