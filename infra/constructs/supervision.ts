import { Construct } from 'constructs';
import { lifecycleRoutes } from '../../packages/lifecycle';
import { openDataRoutes } from '../../packages/open-data';
import { supervisionRoutes } from '../../packages/supervision';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';

/**
 * What regulators watch (电子监察): time limits passed without their step, and each tender's lifecycle;
 * and the open data (OCDS) anyone reads, which needs the same read-only table and nothing more.
 */
export class Supervision extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: Pick<ComponentProps, 'api' | 'table'>) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/supervision/handler.ts',
      description: 'Sunlit supervision: alerts, lifecycles and open data',
    }).bindTable(props.table, 'read');
    props.api.serve([...supervisionRoutes, ...lifecycleRoutes, ...openDataRoutes], this.function);
    new ComponentAlarm(this, 'Errors', { component: 'Supervision', functions: [this.function] });
  }
}
