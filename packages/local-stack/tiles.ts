import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { s3rverCredentials } from './s3-local';
import { localRegion, SynthesizedStack } from './template';

/**
 * The audit log's tiles bucket served at `/audit/tile/…`, as CloudFront serves it on AWS: the
 * objects exactly as the checkpoint's function wrote them. Undefined when the template has none.
 */
export const auditTiles = (stack: SynthesizedStack, endpoint: string) => {
  const [bucketId] =
    stack.resourcesOfType('AWS::S3::Bucket').find(([id]) => id.startsWith('StorageAuditTiles')) ?? [];
  if (!bucketId) return undefined;
  const bucket = stack.physicalName(bucketId);
  const s3 = new S3Client({
    endpoint,
    region: localRegion,
    forcePathStyle: true,
    credentials: s3rverCredentials,
  });
  return {
    prefix: '/audit/tile/',
    async read(key: string): Promise<Uint8Array | undefined> {
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `tile/${key}` }));
        return Body ? await Body.transformToByteArray() : undefined;
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
};
