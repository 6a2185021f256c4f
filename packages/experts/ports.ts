import { Committer } from '../audit-log';
import { Clock, DocumentStore } from '../kernel';
import { Expert } from './expert';
import { ExpertImport, ExpertPoolHead } from './pool-model';

/** The records this context keeps. */
export type ExpertRecord =
  | { kind: 'expertPool'; value: ExpertPoolHead }
  | { kind: 'expert'; generation: string; value: Expert }
  | { kind: 'expertImport'; value: ExpertImport };

/** The pool as it stands, for the draw that freezes it and the notices that reach its experts. */
export interface PoolReads {
  expertPool(): Promise<ExpertPoolHead | undefined>;
  experts(generation: string): Promise<Expert[]>;
  expert(generation: string, id: string): Promise<Expert | undefined>;
  /** The specialty catalog's codes. */
  specialties(): Promise<string[]>;
}

export interface ExpertStore extends PoolReads, Committer<ExpertRecord> {
  expertImport(id: string): Promise<ExpertImport | undefined>;
  /** Writes without an audit entry: a generation being written and progress reports, which an audited switch then adopts. */
  put(records: ExpertRecord[]): Promise<void>;
}

/** Runs an import in the background: the same run started again is the same execution. */
export interface ImportQueue {
  start(importId: string, run: number): Promise<void>;
}

export interface ExpertDeps {
  store: ExpertStore;
  documents: Pick<DocumentStore, 'uploadUrl' | 'describe' | 'get'>;
  clock: Clock;
  /** Only where a function may queue imports. */
  imports?: ImportQueue;
}
