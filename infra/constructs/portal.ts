import { CfnOutput, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  BehaviorOptions,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { allRoutes } from '../../packages/api-catalog';
import { portalConfig } from '../../packages/portal';
import { acknowledge } from '../nag';
import { Api } from './api';
import { Identity } from './identity';

export interface PortalProps {
  api: Api;
  /** The user pool people sign in with, on its hosted pages, coming back to the portal. */
  identity: Identity;
  /** The portal's own domain (`https://…`), when one is set up in front of the distribution. */
  customUrl?: string;
  /** Buckets the browser reads and writes through presigned URLs: they allow the portal's origin alone. */
  browserBuckets: Bucket[];
}

/**
 * The web portal on one origin with the API: CloudFront serves the built portal from a private
 * bucket (origin access control) by default, and every path the API declares goes to the HTTP
 * API, uncached, so the browser never needs CORS for the API and the token never leaves the origin.
 */
export class Portal extends Construct {
  readonly distribution: Distribution;
  /** The portal's origin, `https://…`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);

    const site = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudFront's standard logs are written with ACLs, so they need a bucket that allows them.
    const logs = new Bucket(this, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      site,
      'AwsSolutions-S1',
      'The built portal is public content; CloudFront logs every request for it.',
    );
    acknowledge(
      logs,
      'AwsSolutions-S1',
      'This bucket receives the CDN logs; logging it into itself would loop.',
    );

    // `https://{id}.execute-api.{region}.amazonaws.com` → its host.
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.api.httpApi.apiEndpoint)));
    const toApi: BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Authorization, Idempotency-Key, the query: everything but Host, which must name the API.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    // One behavior per first path segment the API declares (`/tenders*`, `/audit*`…): a new route
    // under a new segment reaches the API without anyone remembering to add it here.
    const segments = [...new Set(allRoutes.map((route) => route.path.split('/')[1]!))].sort();
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Sunlit portal and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      additionalBehaviors: Object.fromEntries(segments.map((segment) => [`/${segment}*`, toApi])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'A public trading platform: notices must be readable from anywhere (法: open, fair, impartial).',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'The API throttles by stage and route; a WAF web ACL is an operator choice with its own cost, left to the deployment.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default CloudFront certificate allows TLS 1.0 viewers; a custom domain with its certificate sets TLS 1.2 at deployment.',
    );

    const origin = `https://${this.distribution.distributionDomainName}`;
    this.url = origin;
    for (const bucket of props.browserBuckets) {
      bucket.addCorsRule({
        allowedOrigins: [origin],
        allowedMethods: [HttpMethods.GET, HttpMethods.PUT, HttpMethods.HEAD],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 600,
      });
    }

    // The built portal is uploaded by the deployment step (README "Deploy to AWS"), not by a CDK
    // custom resource: that one brings a Python function with managed policies and wildcard
    // grants, which this stack refuses everywhere else.
    new CfnOutput(this, 'SiteBucketName', { value: site.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'Url', { value: origin });
    // Written beside the portal at deployment as portal-config.json (README "Deploy to AWS").
    props.identity.allowSignInFrom(origin);
    if (props.customUrl) props.identity.allowSignInFrom(props.customUrl.replace(/\/+$/, ''));
    new CfnOutput(this, 'Config', {
      value: Stack.of(this).toJsonString(
        portalConfig(
          props.identity.userPool.userPoolProviderUrl,
          props.identity.client.userPoolClientId,
          `${props.identity.domain.baseUrl()}/logout`,
        ),
      ),
    });
  }
}
