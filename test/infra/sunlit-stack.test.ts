import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/app';
import { tableSchema } from '../../packages/storage/key-scheme';
import { allRoutes, platformRoutes } from '../../packages/api-catalog/catalog';
import { AnyRoute, routeKey } from '../../packages/api-contract/route';
import { auditReadRoutes, checkpointRoutes } from '../../packages/audit-log/routes';
import { auctionDocumentRoutes, auctionRoutes } from '../../packages/auctions/routes';
import { awardRoutes } from '../../packages/award/routes';
import { complaintRoutes } from '../../packages/complaints/routes';
import { ledgerRoutes } from '../../packages/ledger/routes';
import { biddingRoutes } from '../../packages/bidding/routes';
import { custodyRoutes } from '../../packages/custody/routes';
import { drawRoutes } from '../../packages/draw-ceremony/routes';
import { expertRoutes } from '../../packages/experts/routes';
import { lifecycleRoutes } from '../../packages/lifecycle/routes';
import { openDataRoutes } from '../../packages/open-data/routes';
import { supervisionRoutes } from '../../packages/supervision/routes';
import { tenderRoutes } from '../../packages/tenders/routes';
import { venueRoutes } from '../../packages/venues/routes';

const { stack } = buildApp(mkdtempSync(path.join(tmpdir(), 'sunlit-synth-')));
const template = Template.fromStack(stack);

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

const functions = template.findResources('AWS::Lambda::Function');
/** A function's logical id without the hash CDK appends: `SealedBidsFunction`. */
const functionName = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, '');
const functionIds = () => Object.keys(functions).map(functionName).sort();

const statementsOf = (name: string): Statement[] => {
  const [, fn] = Object.entries(functions).find(([id]) => functionName(id) === name)!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
};

/** Which resource a statement is about, by the logical id it names. */
const resourceOf = (statement: Statement): string => {
  const text = JSON.stringify(statement.Resource);
  if (text.includes('StorageTable')) return 'table';
  if (text.includes('StorageIdempotency')) return 'idempotency';
  if (text.includes('StorageDocuments')) return 'documents';
  if (text.includes('StorageBids')) return 'bids';
  if (text.includes('StorageAuditTiles')) return 'tiles';
  if (text.includes('CheckpointKey')) return 'key';
  if (text.includes('AnswerLinkKey')) return 'linkKey';
  if (text.includes(':identity/')) return 'emailIdentity';
  if (text === '"*"') return 'anything';
  if (text.includes('TenderLifecycle')) return 'lifecycle';
  if (text.includes('BackgroundWork')) return 'work';
  if (text.includes('BiddingClock')) return 'biddingClock';
  if (text.includes('AuctionsRoom')) return 'room';
  return text;
};

/**
 * What a function may do, in the platform's words: `table:write` for DynamoDB writes, `bids:read`
 * for reading sealed bids, `lifecycle:resume` for SendTaskSuccess… Logs and X-Ray are every
 * function's and left out.
 */
const grantsOf = (name: string): string[] => {
  const grants = new Set<string>();
  for (const statement of statementsOf(name)) {
    for (const action of [statement.Action].flat()) {
      const [service, verb = ''] = action.split(':');
      if (service === 'logs' || service === 'xray') continue;
      const kind =
        service === 'dynamodb'
          ? /^(Put|Update|Delete|BatchWrite)/.test(verb)
            ? 'write'
            : 'read'
          : service === 's3'
            ? verb.startsWith('Put')
              ? 'write'
              : 'read'
            : service === 'kms'
              ? verb === 'Sign'
                ? 'sign'
                : 'read'
              : verb === 'StartExecution'
                ? 'start'
                : verb === 'SendTaskSuccess'
                  ? 'resume'
                  : verb;
      grants.add(`${resourceOf(statement)}:${kind}`);
    }
  }
  return [...grants].sort();
};

const readWriteTable = ['table:read', 'table:write'];
/** Functions that change things keep each Idempotency-Key's first answer. */
const keyed = ['idempotency:read', 'idempotency:write'];
/** Every function and exactly what it may touch: a grant added or lost fails here. */
const expectedGrants: Record<string, string[]> = {
  // It also starts each auction's bidding clock, and is the clock's one task.
  AuctionsFunction: [
    'biddingClock:start',
    ...keyed,
    'key:read',
    'key:sign',
    'room:ManageConnections',
    ...readWriteTable,
  ],
  // It prints the sale confirmation from the result, and changes nothing.
  AuctionsDocuments: ['table:read'],
  AuctionsRoomAuthorizer: [],
  AuditLogCheckpoint: ['key:read', 'key:sign', ...readWriteTable, 'tiles:write'],
  AuditLogRead: ['key:read', 'table:read'],
  AuditLogSequencer: ['key:read', 'key:sign', ...readWriteTable],
  AwardFunction: ['documents:read', 'documents:write', ...keyed, 'lifecycle:resume', ...readWriteTable],
  // It verifies answer links with the links' public key, and can sign nothing.
  DrawCeremonyFunction: [
    'documents:read',
    'documents:write',
    ...keyed,
    'lifecycle:resume',
    'linkKey:read',
    ...readWriteTable,
  ],
  ExpertPoolFunction: ['documents:read', 'documents:write', ...keyed, ...readWriteTable, 'work:start'],
  ExpertPoolImportWorker: ['documents:read', ...readWriteTable],
  LedgerFunction: [...keyed, ...readWriteTable],
  // SMS straight to a phone number names no resource: sns:Publish on "*", and nothing else of SNS.
  NotificationsRelay: [
    'anything:Publish',
    'emailIdentity:SendEmail',
    'linkKey:read',
    'linkKey:sign',
    ...readWriteTable,
  ],
  PlatformFunction: ['table:read'],
  SealedBidsDecryptionWorker: ['bids:read', 'lifecycle:resume', ...readWriteTable],
  SealedBidsFunction: [
    'bids:read',
    'bids:write',
    ...keyed,
    'key:read',
    'key:sign',
    ...readWriteTable,
    'work:start',
  ],
  SupervisionFunction: [...keyed, ...readWriteTable],
  TenderLifecycleawaitstep: ['lifecycle:resume', ...readWriteTable],
  TenderLifecycleissueawardletter: ['documents:read', 'documents:write', ...readWriteTable],
  TenderLifecycleplatformstep: ['key:read', 'key:sign', 'lifecycle:start', ...readWriteTable],
  TendersFunction: ['documents:read', 'documents:write', ...keyed, 'lifecycle:start', ...readWriteTable],
};

/** Each context's routes and the function that serves them. */
const contextRoutes: Record<string, readonly AnyRoute[]> = {
  PlatformFunction: platformRoutes,
  AuditLogRead: auditReadRoutes,
  AuditLogCheckpoint: checkpointRoutes,
  TendersFunction: [...tenderRoutes, ...venueRoutes],
  ExpertPoolFunction: expertRoutes,
  DrawCeremonyFunction: drawRoutes,
  SealedBidsFunction: [...custodyRoutes, ...biddingRoutes],
  AwardFunction: [...awardRoutes, ...complaintRoutes],
  LedgerFunction: ledgerRoutes,
  SupervisionFunction: [...supervisionRoutes, ...lifecycleRoutes, ...openDataRoutes],
  AuctionsFunction: auctionRoutes,
  AuctionsDocuments: auctionDocumentRoutes,
};

describe('the Sunlit stack', () => {
  describe('storage', () => {
    it('has the platform table keyed by the key scheme, with point-in-time recovery and deletion protection', () => {
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          KeySchema: [
            { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: tableSchema.indexes.map((index) =>
            Match.objectLike({
              IndexName: index.indexName,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
            }),
          ),
          Replicas: [
            Match.objectLike({
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            }),
          ],
        }),
      });
    });

    it('keeps idempotency records in a table of their own, which expires them', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      });
    });

    it('keeps every bucket private, encrypted and versioned, and refuses plain HTTP', () => {
      const buckets = template.findResources('AWS::S3::Bucket');
      // Access logs, documents, bids, the audit log's tiles; the portal's site and its CDN logs.
      expect(Object.keys(buckets)).toHaveLength(6);
      for (const bucket of Object.values(buckets)) {
        expect(
          bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
            .ServerSideEncryptionByDefault.SSEAlgorithm,
        ).toBe('AES256');
        expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
        expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        expect(bucket.DeletionPolicy).toBe('Retain');
      }
      const policies = template.findResources('AWS::S3::BucketPolicy');
      expect(Object.keys(policies)).toHaveLength(6);
      for (const policy of Object.values(policies)) {
        expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
      }
    });

    it('write-protects sealed bids with object lock in compliance mode', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: Match.objectLike({ Mode: 'COMPLIANCE' }) },
        },
      });
    });
  });

  describe('identity and API', () => {
    it('has a user pool with one group per role', () => {
      const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
        (g) => g.Properties.GroupName,
      );
      expect(groups.sort()).toEqual(['bidder', 'regulator', 'staff']);
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        Schema: Match.arrayWith([Match.objectLike({ Name: 'org', AttributeDataType: 'String' })]),
        MfaConfiguration: 'ON',
      });
    });

    it('does not let users write their own organisation claim', () => {
      const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
      expect(clients).toHaveLength(1);
      expect(clients[0]!.Properties.WriteAttributes).toEqual(expect.arrayContaining(['email']));
      expect(clients[0]!.Properties.WriteAttributes).not.toContain('custom:org');
    });

    it("signs people in on the pool's hosted pages by the code flow, returning only to the portal, which is told where", () => {
      template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
      const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
      const portalOrigin = {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^PortalDistribution/), 'DomainName'] }, '/'],
        ],
      };
      expect(client!.Properties).toMatchObject({
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: expect.arrayContaining(['openid']),
        CallbackURLs: [portalOrigin],
        LogoutURLs: [portalOrigin],
      });
      // A public client: the browser holds no secret, so PKCE protects the code.
      expect(client!.Properties.GenerateSecret).toBeFalsy();
      const [config] = Object.entries(template.toJSON().Outputs as Record<string, { Value: unknown }>).filter(
        ([id]) => id.startsWith('PortalConfig'),
      );
      const value = JSON.stringify(config?.[1].Value);
      expect(value).toContain('ProviderURL');
      expect(value).toMatch(/"Ref":"IdentityUsersApiClient/);
      // Signing out ends the hosted pages' session too, on the pool's domain.
      expect(value).toMatch(/"Ref":"IdentityUsersSignIn[^"]*"\},"\.auth\.".*\/logout/);
    });

    it('verifies JWTs from the user pool for its app client', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: Match.stringLikeRegexp('^IdentityUsersApiClient') }],
          Issuer: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        },
      });
    });

    it('requires a token on /me and none on /health', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'GET /me',
        AuthorizationType: 'JWT',
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'GET /health',
        AuthorizationType: 'NONE',
      });
    });

    it('throttles the stage, and tighter the routes whose every call is a permanent public record or anyone may write', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 },
        RouteSettings: {
          'POST /tenders/{id}/opening/objections': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
          'POST /tenders/{id}/publicity/objections': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
          'POST /experts/answers': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        },
      });
    });

    it('logs every API request', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      });
    });
  });

  describe('functions', () => {
    it('let the relay send SMS by SNS, email as one SES identity, and sign answer links with a key of their own', () => {
      const relay = statementsOf('NotificationsRelay');
      const sns = relay.filter((st) => JSON.stringify(st.Action).includes('sns:'));
      expect(sns).toEqual([expect.objectContaining({ Action: 'sns:Publish', Resource: '*' })]);
      const ses = relay.find((st) => st.Action === 'ses:SendEmail')!;
      expect(JSON.stringify(ses.Resource)).toContain(':identity/sunlit.example');
      template.hasResourceProperties('AWS::KMS::Key', {
        Description: Match.stringLikeRegexp('experts answer'),
        KeySpec: 'ECC_NIST_EDWARDS25519',
        KeyUsage: 'SIGN_VERIFY',
      });
      const [, fn] = Object.entries(functions).find(([id]) => functionName(id) === 'NotificationsRelay')!;
      expect(fn.Properties.Environment.Variables).toMatchObject({
        EMAIL_FROM: 'notices@sunlit.example',
        PORTAL_URL: expect.anything(),
        EXPERT_LINK_KEY_ID: expect.anything(),
      });
    });

    it('run Node 22 on arm64, traced, with their own log group', () => {
      const all = Object.values(functions);
      expect(all.length).toBeGreaterThanOrEqual(2);
      for (const fn of all) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          LoggingConfig: { LogGroup: expect.anything() },
          TracingConfig: { Mode: 'Active' },
        });
      }
      template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
    });

    it('do not use the AWS managed basic execution policy', () => {
      for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });

    it('let the auctions documents function get the auction and organisation items by key, and nothing else of the table', () => {
      const onTable = statementsOf('AuctionsDocuments').filter((s) => resourceOf(s) === 'table');
      expect(onTable).toEqual([
        expect.objectContaining({
          Action: 'dynamodb:GetItem',
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUCTION#*', 'ORG#*'] } },
        }),
      ]);
    });

    it('are granted exactly what their context touches, and no wildcard action', () => {
      expect(Object.fromEntries(functionIds().map((id) => [id, grantsOf(id)]))).toEqual(expectedGrants);
      for (const id of functionIds()) {
        for (const statement of statementsOf(id)) {
          expect([statement.Action].flat().filter((a) => a.endsWith('*'))).toEqual([]);
        }
      }
    });
  });

  describe('the portal', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution!.Properties.DistributionConfig;
    const originOf = (id: string) => config.Origins.find((o: { Id: string }) => o.Id === id);

    it('serves the built portal from its private bucket by default, through origin access control', () => {
      expect(config.DefaultRootObject).toBe('index.html');
      const site = originOf(config.DefaultCacheBehavior.TargetOriginId);
      expect(site.S3OriginConfig).toBeDefined();
      expect(site.OriginAccessControlId).toBeDefined();
      expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(config.Logging).toBeDefined();
    });

    it('sends every path the API declares to the HTTP API on the same origin, uncached', () => {
      const toApi = config.CacheBehaviors.filter(
        (b: { TargetOriginId: string }) => originOf(b.TargetOriginId).CustomOriginConfig,
      );
      const patterns = toApi.map((b: { PathPattern: string }) => b.PathPattern.replace(/\*$/, ''));
      for (const route of allRoutes) {
        expect(patterns.some((prefix: string) => route.path.startsWith(prefix))).toBe(true);
      }
      for (const behavior of toApi) {
        // CachingDisabled, and every viewer header but Host (Authorization, Idempotency-Key).
        expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
        expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
        expect(behavior.AllowedMethods).toContain('POST');
      }
      expect(toApi.length).toBeLessThanOrEqual(25);
    });

    it('lets browsers use presigned URLs on documents and bids from the portal origin alone', () => {
      const withCors = Object.entries(template.findResources('AWS::S3::Bucket')).filter(
        ([, bucket]) => bucket.Properties.CorsConfiguration,
      );
      expect(withCors.map(([id]) => id).sort()).toEqual(['StorageBids663AE830', 'StorageDocumentsCD3FCE94']);
      for (const [, bucket] of withCors) {
        const [rule] = bucket.Properties.CorsConfiguration.CorsRules;
        expect(rule.AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'PUT']);
        expect(rule.AllowedOrigins).toEqual([
          {
            'Fn::Join': [
              '',
              ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^PortalDistribution/), 'DomainName'] }],
            ],
          },
        ]);
      }
    });
  });

  /** The HTTP API's routes, and the auction room's (a WebSocket API of its own). */
  const routesOf = (api: RegExp) =>
    Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter((r) =>
      api.test(String(r.Properties.ApiId.Ref)),
    );
  const httpRoutes = routesOf(/^ApiHttpApi/);

  describe('the API', () => {
    const routes = httpRoutes;
    const integrations = Object.fromEntries(
      Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).filter(([, i]) =>
        String(i.Properties.ApiId.Ref).startsWith('ApiHttpApi'),
      ),
    );
    /** The function that serves `route`, as the template wires it: route → integration → function. */
    const functionOf = (route: (typeof routes)[number]) => {
      const integrationId = String(route.Properties.Target['Fn::Join'][1][1].Ref);
      return functionName(String(integrations[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0]));
    };

    it("serves each context's routes with that context's own function", () => {
      const served = Object.fromEntries(routes.map((r) => [r.Properties.RouteKey, functionOf(r)]));
      const expected = Object.fromEntries(
        Object.entries(contextRoutes).flatMap(([fn, list]) => list.map((route) => [routeKey(route), fn])),
      );
      expect(served).toEqual(expected);
    });

    it('integrates each function once and lets the API invoke it by one permission, not one per route', () => {
      const served = [...new Set(routes.map(functionOf))].sort();
      expect(Object.keys(integrations)).toHaveLength(served.length);
      const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter(
        (p) =>
          p.Properties.Principal !== 'events.amazonaws.com' && !JSON.stringify(p).includes('AuctionsRoom'),
      );
      expect(
        permissions.map((p) => functionName(String(p.Properties.FunctionName['Fn::GetAtt'][0]))).sort(),
      ).toEqual(served);
      for (const permission of permissions) {
        expect(permission.Properties.Principal).toBe('apigateway.amazonaws.com');
      }
    });

    it('gives no function behind it more time than API Gateway waits (29 s)', () => {
      const behind = new Set(routes.map(functionOf));
      const timeouts = Object.entries(functions)
        .filter(([id]) => behind.has(functionName(id)))
        .map(([id, fn]) => [functionName(id), fn.Properties.Timeout as number] as const);
      expect(timeouts).toHaveLength(behind.size);
      expect(timeouts.filter(([, seconds]) => seconds > 29)).toEqual([]);
    });
  });

  describe('audit log', () => {
    it('signs checkpoints with an Ed25519 KMS key that only the signing functions may use', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeySpec: 'ECC_NIST_EDWARDS25519',
        KeyUsage: 'SIGN_VERIFY',
      });
      // The checkpoint route; sealed bids, whose receipts are signed promises; the sequencer, which
      // anchors the process logs' signed checkpoints; the lifecycle's own steps, whose close of the
      // bidding writes the final anchor, and auctions, whose result writes its applications' final
      // anchor. The public-key route reads the key and never signs.
      expect(functionIds().filter((id) => grantsOf(id).includes('key:sign'))).toEqual([
        'AuctionsFunction',
        'AuditLogCheckpoint',
        'AuditLogSequencer',
        'SealedBidsFunction',
        'TenderLifecycleplatformstep',
      ]);
      expect(grantsOf('AuditLogRead')).toContain('key:read');
    });

    it('serves the log and its proofs publicly, and confidential records only with a token', () => {
      for (const routeKey of [
        'GET /audit/checkpoint',
        'GET /audit/public-key',
        'GET /audit/entries',
        'GET /audit/proofs/inclusion',
        'GET /audit/proofs/consistency',
      ]) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: routeKey,
          AuthorizationType: 'NONE',
        });
      }
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'GET /audit/records/{index}',
        AuthorizationType: 'JWT',
      });
    });
  });

  describe('state machines', () => {
    const withGrant = (grant: string) => functionIds().filter((id) => grantsOf(id).includes(grant));

    it("are the tender lifecycle, the background work and the auctions' bidding clock, named, traced and logged", () => {
      const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
      expect(machines.map((m) => m.Properties.StateMachineName).sort()).toEqual([
        'Sunlit-BackgroundWork',
        'Sunlit-BiddingClock',
        'Sunlit-TenderLifecycle',
      ]);
      template.allResourcesProperties('AWS::StepFunctions::StateMachine', {
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
      });
    });

    it("lets only the tenders start lifecycles (and the lifecycle continue its own), and only the people's steps and the wait resume them", () => {
      expect(withGrant('lifecycle:start')).toEqual(['TenderLifecycleplatformstep', 'TendersFunction']);
      expect(withGrant('lifecycle:resume')).toEqual([
        'AwardFunction',
        'DrawCeremonyFunction',
        'SealedBidsDecryptionWorker',
        'TenderLifecycleawaitstep',
      ]);
    });

    it('lets only the routes that queue work start background work', () => {
      expect(withGrant('work:start')).toEqual(['ExpertPoolFunction', 'SealedBidsFunction']);
    });

    it("lets only the auctions' function start a bidding clock, which steps by invoking that function and waits until the time the step read", () => {
      expect(withGrant('biddingClock:start')).toEqual(['AuctionsFunction']);
      const [clock] = Object.values(
        template.findResources('AWS::StepFunctions::StateMachine', {
          Properties: { StateMachineName: 'Sunlit-BiddingClock' },
        }),
      );
      // The definition as Step Functions reads it, the ARNs' tokens put as their logical ids.
      const [, parts] = clock!.Properties.DefinitionString['Fn::Join'] as [string, unknown[]];
      const definition = JSON.parse(
        parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p).replace(/"/g, ''))).join(''),
      ) as { States: Record<string, Record<string, unknown>> };
      const step = definition.States.StepBiddingClock!;
      expect(JSON.stringify(step.Parameters)).toContain('AuctionsFunction');
      expect(definition.States.UntilBiddingMayChange).toMatchObject({
        Type: 'Wait',
        TimestampPath: '$.nextAt',
      });
      // A step failed beyond its retries pauses and steps again, rather than end the clock.
      expect(step.Catch).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'AfterAFailedStep' },
      ]);
      // It counts as a step, and a clock failing for hours ends, failed, for the alarm to hear.
      expect(definition.States.AfterAFailedStep).toMatchObject({ Type: 'Wait', Next: 'CountTheFailedStep' });
      expect(definition.States.CountTheFailedStep).toMatchObject({
        Parameters: { 'steps.$': 'States.MathAdd($.steps, 1)' },
      });
      expect(definition.States.FailingTooLong).toMatchObject({
        Choices: [{ Variable: '$.steps', NumericGreaterThanEquals: 1200, Next: 'ClockFailed' }],
        Default: 'StepBiddingClock',
      });
    });
  });

  describe('observability', () => {
    it('has one alarm per component on the errors and throttles of its functions and state machines', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
      const components = alarms.map((a) => String(a.Properties.AlarmDescription).split(':')[0]).sort();
      expect(components).toEqual([
        'Auctions',
        'AuditLog',
        'Award',
        'BackgroundWork',
        'DrawCeremony',
        'ExpertPool',
        'Ledger',
        'Notifications',
        'Platform',
        'SealedBids',
        'Supervision',
        'TenderLifecycle',
        'Tenders',
      ]);
      for (const alarm of alarms) {
        const [sum, ...metrics] = alarm.Properties.Metrics as {
          Expression?: string;
          MetricStat?: { Metric: { MetricName: string } };
        }[];
        expect(sum!.Expression).toMatch(/^SUM\(\[/);
        const names = new Set(metrics.map((m) => m.MetricStat!.Metric.MetricName));
        expect(
          [...names].filter(
            (n) =>
              ![
                'Errors',
                'Throttles',
                'ExecutionsFailed',
                'ExecutionThrottled',
                'ExecutionsTimedOut',
              ].includes(n),
          ),
        ).toEqual([]);
      }
    });
  });

  it('runs the audit sequencer and the outbox relay every minute from rules, the only things EventBridge may invoke', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual(['rate(1 minute)', 'rate(1 minute)']);
    const targets = rules.flatMap(
      (r) => r.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[],
    );
    expect(targets.map((t) => functionName(t.Arn['Fn::GetAtt'][0])).sort()).toEqual([
      'AuditLogSequencer',
      'NotificationsRelay',
    ]);
    const fromEvents = Object.values(template.findResources('AWS::Lambda::Permission')).filter(
      (p) => p.Properties.Principal === 'events.amazonaws.com',
    );
    expect(
      fromEvents.map((p) => functionName(String(p.Properties.FunctionName['Fn::GetAtt'][0]))).sort(),
    ).toEqual(['AuditLogSequencer', 'NotificationsRelay']);
  });

  // A route costs one resource, a component about six (function, role, policy, log group, alarm,
  // integration); the ceiling leaves room for this year's contexts, far below CloudFormation's 500:
  // 250 with the notifications relay, 254 with the venues' four routes on the Tenders function,
  // 258 with the negotiation's four on the Award function, 260 with the experts' answer route and
  // the key that signs their links, 262 with the service fee's two routes on the Ledger function,
  // 263 with the published process log's route, 266 with the witnesses' three, 267 with the
  // auctions' process log, 268 with the auction room's address, 275 with the auctions' documents
  // function and its sale confirmation, 276 with the termination's route on the Award function, 280
  // with the monitoring cases' four routes on the Supervision function, 281 with its monthly report,
  // 282 with the user pool's hosted sign-in domain, 290 with the auction room's door (its
  // authorizer, function, role, policy, logs and permission) and its bid route with its permission,
  // 294 with the auctions' bidding clock (its state machine, role, policy and logs).
  it('holds at most 294 resources, with every current route', () => {
    const count = Object.keys(template.toJSON().Resources).length;
    console.log(`The stack holds ${count} resources for ${allRoutes.length} routes.`);
    expect(count).toBeLessThanOrEqual(294);
  });

  it('opens the auction room on one stage behind a door on $connect, its four routes served by the auctions function', () => {
    const room = routesOf(/^AuctionsRoom/);
    expect(room.map((r) => `${r.Properties.RouteKey} ${r.Properties.AuthorizationType}`).sort()).toEqual([
      '$connect CUSTOM',
      '$default NONE',
      '$disconnect NONE',
      'bid NONE',
    ]);
    // The door: a Lambda authorizer run on every connection (each names its auction), by a
    // function that knows the user pool and client and may touch nothing.
    const [door] = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer')).filter(
      (a) => a.Properties.AuthorizerType === 'REQUEST',
    );
    expect(door?.Properties.IdentitySource).toEqual(['route.request.querystring.auction']);
    expect(JSON.stringify(door?.Properties.AuthorizerUri)).toContain('AuctionsRoomAuthorizer');
    const [authorizerFunction] = Object.entries(functions).filter(([id]) =>
      id.startsWith('AuctionsRoomAuthorizer'),
    );
    expect(Object.keys(authorizerFunction![1].Properties.Environment.Variables).sort()).toEqual(
      expect.arrayContaining(['CLIENT_ID', 'ISSUER']),
    );
    expect(JSON.stringify(authorizerFunction![1].Properties.Environment.Variables)).not.toContain('TABLE');
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'live',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const served = new Set(
      room.map((r) => {
        const id = String(r.Properties.Target['Fn::Join'][1][1].Ref);
        const parts = integrations[id]!.Properties.IntegrationUri['Fn::Join'][1] as {
          'Fn::GetAtt'?: string[];
        }[];
        return functionName(String(parts.find((part) => part['Fn::GetAtt'])!['Fn::GetAtt']![0]));
      }),
    );
    expect([...served]).toEqual(['AuctionsFunction']);
  });

  it('serves exactly the declared routes, each with the access its declaration names', () => {
    const served = httpRoutes.map((r) => `${r.Properties.RouteKey} ${r.Properties.AuthorizationType}`);
    const declared = allRoutes.map(
      (route) => `${routeKey(route)} ${route.access === 'public' ? 'NONE' : 'JWT'}`,
    );
    expect(served.sort()).toEqual(declared.sort());
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    const report = new AwsSolutionsChecks(stack).validateScope(stack);
    expect(
      report.violations.map(
        (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`,
      ),
    ).toEqual([]);
  });
});
