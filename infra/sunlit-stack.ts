import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Api } from './constructs/api';
import { AuditLog } from './constructs/audit-log';
import { Identity } from './constructs/identity';
import { Storage } from './constructs/storage';
import { SunlitFunction } from './constructs/sunlit-function';

/**
 * The platform, read as the architecture diagram: identity → API → functions → storage.
 */
export class SunlitStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const storage = new Storage(this, 'Storage');
    const identity = new Identity(this, 'Identity');
    const api = new Api(this, 'Api', { identity });

    const health = new SunlitFunction(this, 'Health', {
      entry: 'functions/health/handler.ts',
      description: 'GET /health: is the platform up and its table reachable',
    }).bindTable(storage.table, 'read');
    api.route('GET /health', health, 'public');

    const me = new SunlitFunction(this, 'Me', {
      entry: 'functions/me/handler.ts',
      description: "GET /me: the caller's role, user and organisation from the verified token",
    }).bindTable(storage.table, 'read');
    api.route('GET /me', me, 'token');

    new AuditLog(this, 'AuditLog', {
      api,
      table: storage.table,
      origin: this.node.tryGetContext('auditLogOrigin') ?? 'sunlit.example/audit-log',
    });
  }
}
