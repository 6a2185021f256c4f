import * as z from 'zod';
import { FileName } from '../kernel';

/**
 * Which generation of the expert pool is current. An import writes a whole new generation and
 * then moves the head to it in one audited, conditional write, so a failed import changes nothing.
 */
export const ExpertPoolHead = z.object({
  /** The import that wrote it: unique, so two imports never write into one generation. */
  generation: z.string(),
  size: z.int().nonnegative(),
  updatedAt: z.iso.datetime(),
  /** Bumped by every change to the pool, so an import that raced an edit is refused, not merged over it. */
  version: z.int().nonnegative(),
});
export type ExpertPoolHead = z.infer<typeof ExpertPoolHead>;

export const ImportFormat = z.enum(['csv', 'json']);

/** What staff send to start an import: the file then goes straight to storage. */
export const StartImport = z.strictObject({
  format: ImportFormat,
  fileName: FileName,
});
export type StartImport = z.infer<typeof StartImport>;

export const RejectedRow = z.object({ row: z.int(), field: z.string(), message: z.string() });

export const ExpertImport = z.object({
  id: z.string(),
  format: ImportFormat,
  fileName: z.string(),
  objectKey: z.string(),
  /** queued: handed to the background; validating and writing: running; the last three are final. */
  status: z.enum(['awaiting-upload', 'queued', 'validating', 'writing', 'imported', 'rejected', 'failed']),
  /** How many times it was queued: each run is one execution of the background work. */
  runs: z.int().nonnegative().default(0),
  /** Who queued the latest run: the staff member the pool's audit entry names. */
  runBy: z.string().optional(),
  /** Rows read so far and in total, for progress while writing. */
  rows: z.int().nonnegative(),
  written: z.int().nonnegative(),
  rejected: z.array(RejectedRow),
  /** How many rejected rows there were when only the first ones are kept. */
  rejectedCount: z.int().nonnegative(),
  sha256: z.string().optional(),
  added: z.int().nonnegative().optional(),
  updated: z.int().nonnegative().optional(),
  generation: z.string().optional(),
  message: z.string().optional(),
  startedBy: z.string(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
});
export type ExpertImport = z.infer<typeof ExpertImport>;
