import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface HistoryEvent {
  id: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

/** Where an execution stands: the last state it entered at the top level of its definition, with that state's input. */
export interface Position {
  state: string;
  input: Json;
}

/**
 * The task or Wait the execution is in, as it began: on the platform's clock, with its token
 * (a task-token wait) or its due time (a Wait). A resumed execution takes them up unchanged.
 */
export interface Progress {
  state: string;
  startedAt: number;
  token?: string;
  dueAt?: number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/** What the local runner keeps of an execution, in memory and in its file. */
export interface SavedExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  /** The input exactly as sent, to recognise a retried start. */
  rawInput: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  position?: Position;
  progress?: Progress;
}

const revive = (saved: SavedExecution): SavedExecution => ({
  ...saved,
  startDate: new Date(saved.startDate),
  stopDate: saved.stopDate ? new Date(saved.stopDate) : undefined,
  history: saved.history.map((event) => ({ ...event, timestamp: new Date(event.timestamp) })),
});

/**
 * Executions kept in the data folder, one file each, rewritten as they move: what AWS keeps for
 * an execution (its status, history and where it stands) survives a restart of the local stack.
 */
export class ExecutionFiles {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private fileOf(executionArn: string): string {
    return path.join(this.dir, `${encodeURIComponent(executionArn)}.json`);
  }

  save(execution: SavedExecution): void {
    const fields: (keyof SavedExecution)[] = [
      'executionArn',
      'stateMachineArn',
      'name',
      'status',
      'startDate',
      'stopDate',
      'input',
      'rawInput',
      'output',
      'error',
      'cause',
      'history',
      'position',
      'progress',
    ];
    const saved = Object.fromEntries(fields.map((field) => [field, execution[field]]));
    // Written aside and renamed over the old file, so a stack killed mid-write keeps the last whole one.
    const file = this.fileOf(execution.executionArn);
    writeFileSync(`${file}.writing`, JSON.stringify(saved));
    renameSync(`${file}.writing`, file);
  }

  /** Every saved execution; a file that does not parse is reported by name and left where it is. */
  load(report: (line: string) => void = () => undefined): SavedExecution[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => {
        try {
          return [revive(JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as SavedExecution)];
        } catch (error) {
          report(
            `execution file ${file} is unreadable (${(error as Error).message}): left as it is, not resumed`,
          );
          return [];
        }
      });
  }

  /**
   * Executions an earlier version of the local stack listed as running, by start request only:
   * they start again from their first state, once, and the list is removed.
   */
  static takeLegacyList(file: string): { stateMachineArn: string; name: string; input: string }[] {
    if (!existsSync(file)) return [];
    const listed = JSON.parse(readFileSync(file, 'utf8')) as {
      stateMachineArn: string;
      name: string;
      input: string;
    }[];
    rmSync(file);
    return listed;
  }
}
