import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ExecutionFiles, SavedExecution } from '../../../packages/local-stack/execution-files';

const execution = (name: string): SavedExecution => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:Machine:${name}`,
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Machine',
  name,
  status: 'RUNNING',
  startDate: new Date('2026-12-01T00:00:00Z'),
  input: '{}',
  rawInput: '{}',
  history: [],
});

describe('the local runner keeping executions in files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-executions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each saved execution whole, and skips, naming it, a file a killed stack left half-written', () => {
    const files = new ExecutionFiles(dir);
    files.save(execution('kept'));
    files.save({ ...execution('kept'), status: 'SUCCEEDED' });
    writeFileSync(path.join(dir, 'half-written.json'), '{"executionArn":"arn:aws:states:');
    const reported: string[] = [];
    const loaded = files.load((line) => reported.push(line));
    expect(loaded.map(({ name, status }) => [name, status])).toEqual([['kept', 'SUCCEEDED']]);
    expect(loaded[0]!.startDate).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(reported).toEqual([expect.stringContaining('half-written.json is unreadable')]);
    // Nothing is left aside from a write.
    expect(readdirSync(dir).filter((file) => file.endsWith('.writing'))).toEqual([]);
  });
});
