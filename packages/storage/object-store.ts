import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface StoredObject {
  bucket: string;
  key: string;
  size: number;
  sha256: string;
  versionId?: string;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Objects in S3, always with their SHA-256 computed from the bytes actually stored,
 * never from what a client claims.
 */
export const objectStore = (s3: S3Client) => {
  const read = async (bucket: string, key: string, versionId?: string) => {
    const { Body, VersionId } = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }),
    );
    if (!Body) throw new Error(`s3://${bucket}/${key} has no body.`);
    return { bytes: await Body.transformToByteArray(), versionId: VersionId };
  };
  return {
    async put(
      bucket: string,
      key: string,
      body: Uint8Array,
      contentType = 'application/octet-stream',
    ): Promise<StoredObject> {
      const { VersionId } = await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
      return { bucket, key, size: body.byteLength, sha256: sha256Hex(body), versionId: VersionId };
    },

    get: async (bucket: string, key: string, versionId?: string): Promise<Uint8Array> =>
      (await read(bucket, key, versionId)).bytes,

    /** Reads the stored object and hashes it: the platform's own record of what was uploaded. */
    async describe(bucket: string, key: string): Promise<StoredObject> {
      const { bytes, versionId } = await read(bucket, key);
      return { bucket, key, size: bytes.byteLength, sha256: sha256Hex(bytes), versionId };
    },

    /** A URL that lets its holder PUT one object until it expires. */
    presignPut: (
      bucket: string,
      key: string,
      expiresInSeconds: number,
      contentType = 'application/octet-stream',
    ) =>
      getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }), {
        expiresIn: expiresInSeconds,
      }),

    /**
     * A URL for one PUT of exactly `size` bytes whose SHA-256 storage checks on arrival; the
     * returned headers must be sent with it.
     */
    async presignExactPut(
      bucket: string,
      key: string,
      expiresInSeconds: number,
      declared: { size: number; sha256: string },
    ): Promise<{ url: string; headers: Record<string, string> }> {
      const checksum = Buffer.from(declared.sha256, 'hex').toString('base64');
      const url = await getSignedUrl(
        s3,
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          ContentLength: declared.size,
          ContentType: 'application/octet-stream',
          ChecksumSHA256: checksum,
        }),
        {
          expiresIn: expiresInSeconds,
          signableHeaders: new Set(['content-length', 'content-type', 'x-amz-checksum-sha256']),
          unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
        },
      );
      return {
        url,
        headers: { 'content-type': 'application/octet-stream', 'x-amz-checksum-sha256': checksum },
      };
    },

    /** A URL that lets its holder GET one object until it expires. */
    /** Pinned to `versionId` when given, so later writes to the key cannot change what is served. */
    presignGet: (bucket: string, key: string, expiresInSeconds: number, versionId?: string) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), {
        expiresIn: expiresInSeconds,
      }),
  };
};
