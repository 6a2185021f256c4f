import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/app';
import { tableSchema } from '../../packages/storage/key-scheme';
import { allRoutes } from '../../packages/api-catalog/catalog';
import { routeKey } from '../../packages/api-contract/route';

const { stack } = buildApp(mkdtempSync(path.join(tmpdir(), 'sunlit-synth-')));
const template = Template.fromStack(stack);

const policyOf = (functionId: string) => {
  const roles = template.findResources('AWS::IAM::Role');
  const roleId = Object.keys(roles).find((id) => id.startsWith(`${functionId}Role`))!;
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[],
  );
};

describe('the Sunlit stack', () => {
  describe('storage', () => {
    it('has one table keyed by the key scheme, with point-in-time recovery and deletion protection', () => {
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
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

    it('keeps every bucket private, encrypted and versioned, and refuses plain HTTP', () => {
      const buckets = template.findResources('AWS::S3::Bucket');
      expect(Object.keys(buckets)).toHaveLength(4);
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
      expect(Object.keys(policies)).toHaveLength(4);
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

    it('logs every API request', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      });
    });
  });

  describe('functions', () => {
    it('run Node 22 on arm64 with their own log group', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      expect(functions.length).toBeGreaterThanOrEqual(2);
      for (const fn of functions) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          LoggingConfig: { LogGroup: expect.anything() },
        });
      }
      template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
    });

    it('grant read-only functions read actions only, and no function a wildcard action', () => {
      const actions = policyOf('Health').flatMap((s) => [s.Action].flat());
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'logs:PutLogEvents']));
      expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
      for (const statement of [...policyOf('Health'), ...policyOf('Me')]) {
        expect([statement.Action].flat().some((a) => a.endsWith('*'))).toBe(false);
      }
    });

    it('do not use the AWS managed basic execution policy', () => {
      for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });
  });

  describe('audit log', () => {
    it('signs checkpoints with an Ed25519 KMS key that only the signing functions may use', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeySpec: 'ECC_NIST_EDWARDS25519',
        KeyUsage: 'SIGN_VERIFY',
      });
      const signers = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([, p]) =>
        JSON.stringify(p.Properties.PolicyDocument).includes('kms:Sign'),
      );
      // The checkpoint routes, and the bid routes whose receipts cite a freshly signed checkpoint.
      expect(signers.map(([id]) => id.replace(/Role.*$/, '')).sort()).toEqual([
        'AuditLogcheckpoint',
        'AuditLogpublickey',
        'SealedBidsconfirmBid',
        'SealedBidsgetMyBid',
        'SealedBidswithdrawBid',
      ]);
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

  describe('tender lifecycle', () => {
    const withAction = (action: string) =>
      Object.entries(template.findResources('AWS::IAM::Policy'))
        .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes(`"${action}"`))
        .map(([id]) => id.replace(/Role.*$/, ''))
        .sort();

    it('is one named state machine, traced and logged, whose human waits time out into alerts', () => {
      template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: 'Sunlit-TenderLifecycle',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
      });
    });

    it("lets only the publication start executions, and only the people's steps and the wait resume them", () => {
      expect(withAction('states:StartExecution')).toEqual(['TradingpublishTender']);
      expect(withAction('states:SendTaskSuccess')).toEqual([
        'AwardanswerPublicityObjection',
        'AwardpublishResult',
        'AwardrecordContract',
        'AwardrecordEvaluationReport',
        'AwardstartCandidatePublicity',
        'DrawCeremonyanswerExpertNotice',
        'DrawCeremonyrevealDrawSecret',
        'SealedBidssubmitOpeningKeyShare',
        'TenderLifecycleawaitstep',
      ]);
    });

    it("gives the platform's own steps the table only, and the award letter the documents bucket too", () => {
      const resources = (id: string) =>
        policyOf(id)
          .flatMap((s) => [s.Action].flat())
          .filter((a) => !a.startsWith('logs:'));
      const platform = resources('TenderLifecycleplatformstep');
      expect(platform.every((a) => a.startsWith('dynamodb:'))).toBe(true);
      expect(platform).toContain('dynamodb:PutItem');
      expect(resources('TenderLifecycleissueawardletter')).toEqual(
        expect.arrayContaining(['s3:PutObject', 's3:GetObject']),
      );
      expect(resources('TenderLifecycleissueawardletter').filter((a) => a.startsWith('states:'))).toEqual([]);
    });
  });

  it('serves exactly the declared routes, each with the access its declaration names', () => {
    const served = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => `${r.Properties.RouteKey} ${r.Properties.AuthorizationType}`,
    );
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
