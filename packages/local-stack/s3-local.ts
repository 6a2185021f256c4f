import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { SynthesizedStack } from './template';

/** s3rver accepts only these credentials; it does not check signatures. */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalS3 {
  endpoint: string;
  buckets: string[];
  stop(): Promise<void>;
}

/**
 * What a browser on the portal may do with presigned URLs: upload (documents, sealed bids) and
 * download (documents, opened bids), from the portal's origin only, as the buckets allow on AWS.
 */
const corsFor = (origins: string[]): string => `<CORSConfiguration>
  <CORSRule>
    ${origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('')}
    <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * Starts an S3-compatible server on `port` with every bucket the template declares, open to
 * browsers from `portalOrigins`.
 * Paginated listings need the process to run with `--openssl-legacy-provider`
 * (s3rver's continuation token uses DES); `npm start` sets it.
 */
export const startS3 = async (
  dataDir: string,
  port: number,
  stack: SynthesizedStack,
  portalOrigins: string[] = [],
): Promise<LocalS3> => {
  mkdirSync(dataDir, { recursive: true });
  const buckets = stack
    .resourcesOfType('AWS::S3::Bucket')
    .map(([logicalId]) => stack.physicalName(logicalId));
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory: dataDir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({
      name,
      configs: portalOrigins.length ? [corsFor(portalOrigins)] : [],
    })),
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, buckets, stop: () => server.close() };
};
