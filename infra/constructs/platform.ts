import { Construct } from 'constructs';
import { platformRoutes } from '../../packages/api-catalog';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';

/** The platform itself: `/health`, `/me`, the OpenAPI document and `/procedures`; it reads the table only. */
export class Platform extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: Pick<ComponentProps, 'api' | 'table'>) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/platform/handler.ts',
      description: 'Sunlit platform: health, the caller, the OpenAPI document, the procedures',
    }).bindTable(props.table, 'read');
    props.api.serve(platformRoutes, this.function);
    new ComponentAlarm(this, 'Errors', { component: 'Platform', functions: [this.function] });
  }
}
