/**
 * The documents bucket: tender documents, reports, frozen draw inputs, imports, letters. Uploads
 * and downloads go straight to it through presigned URLs; each context uses the methods it needs.
 */
export interface DocumentStore {
  uploadUrl(objectKey: string, contentType: string, expiresInSeconds: number): Promise<string>;
  /** Pinned to the stored version that was hashed, when storage versions objects. */
  downloadUrl(objectKey: string, expiresInSeconds: number, versionId?: string): Promise<string>;
  /** Hashes the stored bytes: the platform's own record of what was uploaded. */
  describe(objectKey: string): Promise<{ sha256: string; size: number; versionId?: string } | undefined>;
  /** Stores bytes the platform itself produced (a draw's frozen inputs, an award letter). */
  put(objectKey: string, body: Uint8Array | string, contentType: string): Promise<void>;
  get(objectKey: string): Promise<Uint8Array | undefined>;
}
