import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import aslValidator from 'asl-validator';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../infra/app';
import { resolveDefinition } from '../../packages/local-stack/step-functions';
import { SynthesizedStack } from '../../packages/local-stack/template';
import { buildProbeApp } from '../fixtures/probe-app';

const synthesized = (app: App, stackName: string) => {
  const assembly = app.synth();
  return SynthesizedStack.load(assembly.directory, stackName);
};

const outdir = () => mkdtempSync(path.join(tmpdir(), 'sunlit-synth-'));
const stacks = [
  synthesized(buildApp(outdir()).app, 'Sunlit'),
  synthesized(buildProbeApp(outdir()).app, 'SunlitProbe'),
];
const machines = stacks.flatMap((stack) =>
  stack
    .resourcesOfType('AWS::StepFunctions::StateMachine')
    .map(([id]) => [`${stack.stackName}/${id}`, stack, id] as const),
);

describe('state machine definitions', () => {
  it('are found in the synthesized templates', () => {
    expect(machines.length).toBeGreaterThanOrEqual(1);
  });

  it.each(machines)('%s is valid Amazon States Language once its intrinsics are resolved', (_, stack, id) => {
    const definition = resolveDefinition(stack, id);
    const { isValid, errorsText } = aslValidator(definition);
    expect(errorsText()).toBe('');
    expect(isValid).toBe(true);
  });

  it('the validator refuses a broken definition, so the check above can fail', () => {
    const { isValid } = aslValidator({ StartAt: 'Missing', States: { Only: { Type: 'Pass', End: true } } });
    expect(isValid).toBe(false);
  });
});
