import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The local stack's account and region: what `AWS::AccountId` and `AWS::Region` resolve to. */
export const localAccount = '000000000000';
export const localRegion = 'us-east-1';

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface Template {
  Resources: Record<string, Resource>;
}

/**
 * A synthesized stack as the local stack sees it: the template, where each Lambda's bundle
 * lives, and a resolver for the intrinsic functions that tie resources together.
 */
export class SynthesizedStack {
  /** Where each API listens on this machine (logical id → `ws://…`), what `ApiEndpoint` resolves to. */
  readonly endpoints = new Map<string, string>();

  constructor(
    readonly template: Template,
    readonly stackName: string,
    /** Asset object key (`<hash>.zip`) → folder holding the bundle. */
    private readonly assetDirs: Map<string, string> = new Map(),
  ) {}

  /** Reads a stack's template and asset manifest from a cloud assembly folder (`cdk.out`). */
  static load(assemblyDir: string, stackName: string): SynthesizedStack {
    const read = (file: string) => JSON.parse(readFileSync(path.join(assemblyDir, file), 'utf8')) as unknown;
    const assets = read(`${stackName}.assets.json`) as {
      files?: Record<
        string,
        { source: { path: string }; destinations: Record<string, { objectKey: string }> }
      >;
    };
    const assetDirs = new Map<string, string>();
    for (const file of Object.values(assets.files ?? {})) {
      for (const destination of Object.values(file.destinations)) {
        assetDirs.set(destination.objectKey, path.join(assemblyDir, file.source.path));
      }
    }
    return new SynthesizedStack(read(`${stackName}.template.json`) as Template, stackName, assetDirs);
  }

  /** The logical ids of the HTTP APIs (WebSocket APIs have their own gateway). */
  httpApiIds(): string[] {
    return this.resourcesOfType('AWS::ApiGatewayV2::Api')
      .filter(([, api]) => api.Properties?.ProtocolType !== 'WEBSOCKET')
      .map(([id]) => id);
  }

  /** Logical ids and resources of one CloudFormation type. */
  resourcesOfType(...types: string[]): [string, Resource][] {
    return Object.entries(this.template.Resources).filter(([, resource]) => types.includes(resource.Type));
  }

  resource(logicalId: string): Resource {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`The template has no resource ${logicalId}.`);
    return resource;
  }

  /** The folder holding a Lambda function's bundle. */
  codeDir(functionId: string): string {
    const code = this.resource(functionId).Properties?.Code as { S3Key?: string } | undefined;
    const dir = code?.S3Key ? this.assetDirs.get(code.S3Key) : undefined;
    if (!dir) throw new Error(`Function ${functionId} has no bundled asset in the cloud assembly.`);
    return dir;
  }

  /** The name a resource has on the local stack (what `Ref` returns). */
  physicalName(logicalId: string): string {
    const resource = this.resource(logicalId);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        // Bucket names must be lowercase DNS labels.
        return logicalId.toLowerCase();
      case 'AWS::StepFunctions::StateMachine':
        return this.arn('states', `stateMachine:${this.stateMachineName(logicalId)}`);
      default:
        return logicalId;
    }
  }

  /** A state machine's name: the one the template gives it, so ARNs built from it in policies match. */
  private stateMachineName(logicalId: string): string {
    const name = this.resource(logicalId).Properties?.StateMachineName;
    return typeof name === 'string' ? name : logicalId;
  }

  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${localRegion}:${localAccount}:${resource}`;
  }

  /** `Fn::GetAtt` for the attributes the platform's resources use. */
  private attribute(logicalId: string, attribute: string): string {
    const { Type } = this.resource(logicalId);
    const name = this.physicalName(logicalId);
    const byType: Record<string, Record<string, () => string>> = {
      'AWS::DynamoDB::Table': { Arn: () => this.arn('dynamodb', `table/${name}`) },
      'AWS::DynamoDB::GlobalTable': { Arn: () => this.arn('dynamodb', `table/${name}`) },
      'AWS::S3::Bucket': { Arn: () => `arn:aws:s3:::${name}` },
      'AWS::Lambda::Function': { Arn: () => this.arn('lambda', `function:${name}`) },
      'AWS::IAM::Role': { Arn: () => `arn:aws:iam::${localAccount}:role/${name}` },
      'AWS::StepFunctions::StateMachine': { Name: () => this.stateMachineName(logicalId), Arn: () => name },
      'AWS::Logs::LogGroup': { Arn: () => this.arn('logs', `log-group:${name}:*`) },
      'AWS::Cognito::UserPool': { Arn: () => this.arn('cognito-idp', `userpool/${name}`) },
      'AWS::SQS::Queue': { Arn: () => this.arn('sqs', name), QueueName: () => name },
      'AWS::SNS::Topic': { TopicArn: () => this.arn('sns', name) },
      // What CloudFront would name it; nothing local reaches it (functions take LOCAL_PORTAL_URL).
      'AWS::CloudFront::Distribution': { DomainName: () => `${name}.cloudfront.net` },
      'AWS::ApiGatewayV2::Api': {
        ApiEndpoint: () =>
          this.endpoints.get(logicalId) ?? `wss://${name}.execute-api.${localRegion}.amazonaws.com`,
      },
    };
    const resolve = byType[Type]?.[attribute];
    if (!resolve)
      throw new Error(`Fn::GetAtt ${logicalId}.${attribute} (${Type}) is not supported by the local stack.`);
    return resolve();
  }

  private pseudo(name: string): string | undefined {
    const values: Record<string, string> = {
      'AWS::AccountId': localAccount,
      'AWS::Region': localRegion,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': this.stackName,
      'AWS::NoValue': '',
    };
    return values[name];
  }

  /** Resolves `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub` and `Fn::Select` anywhere in a value. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [first] = entries;
    if (entries.length === 1 && first) {
      const [key, arg] = first;
      switch (key) {
        case 'Ref': {
          const name = String(arg);
          return this.pseudo(name) ?? this.physicalName(name);
        }
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
          return this.attribute(String(logicalId), String(attribute));
        }
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, unknown[]];
          return parts.map((part) => this.resolve(part)).join(separator);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [number, unknown];
          return (this.resolve(list) as unknown[])[Number(index)];
        }
        case 'Fn::Sub': {
          const [text, variables] = (Array.isArray(arg) ? arg : [arg, {}]) as [
            string,
            Record<string, unknown>,
          ];
          return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
            if (name in variables) return String(this.resolve(variables[name]));
            if (name.includes('.')) {
              const [logicalId, attribute] = name.split('.');
              return this.attribute(String(logicalId), String(attribute));
            }
            return this.pseudo(name) ?? this.physicalName(name);
          });
        }
      }
    }
    return Object.fromEntries(entries.map(([key, inner]) => [key, this.resolve(inner)]));
  }

  /** Resolves a property of a resource to plain JSON. */
  property<T = unknown>(logicalId: string, name: string): T | undefined {
    return this.resolve(this.resource(logicalId).Properties?.[name]) as T | undefined;
  }

  /** The logical id a resolved name or ARN came from. */
  logicalIdOf(nameOrArn: string): string | undefined {
    return Object.keys(this.template.Resources).find(
      (id) =>
        id === nameOrArn ||
        this.physicalName(id) === nameOrArn ||
        (this.resource(id).Type === 'AWS::Lambda::Function' && this.attribute(id, 'Arn') === nameOrArn),
    );
  }
}
