import { Construct } from 'constructs';
import { lifecycleRoutes } from '../../packages/lifecycle';
import { openDataRoutes } from '../../packages/open-data';
import { supervisionRoutes } from '../../packages/supervision';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';

/**
 * What regulators watch (电子监察): time limits passed without their step, red flags and the
 * monitoring cases opened on them, each tender's lifecycle; and the open data (OCDS) anyone reads.
 */
export class Supervision extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: Pick<ComponentProps, 'api' | 'table' | 'idempotency'>) {
    super(scope, id);
    // Writes only the regulators' monitoring cases, each with its audit entry.
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/supervision/handler.ts',
      description: 'Sunlit supervision: alerts, red flags, monitoring cases, lifecycles and open data',
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency);
    props.api.serve([...supervisionRoutes, ...lifecycleRoutes, ...openDataRoutes], this.function);
    new ComponentAlarm(this, 'Errors', { component: 'Supervision', functions: [this.function] });
  }
}
