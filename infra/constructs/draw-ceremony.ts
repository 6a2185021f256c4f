import { Construct } from 'constructs';
import { drawRoutes } from '../../packages/draw-ceremony';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { API_TIMEOUT, SunlitFunction } from './sunlit-function';
import { TenderLifecycle } from './tender-lifecycle';

/**
 * The expert draw ceremony (专家抽取): frozen inputs, the platform's and the regulator's
 * commitments and reveals, the draw itself, the committee and its replacements. Freezing and
 * drawing read the whole pool: the function has the API's whole time and the memory for it.
 */
export class DrawCeremony extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: ComponentProps & { lifecycle: TenderLifecycle }) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/draws/handler.ts',
      description: 'Sunlit draw ceremony: draws, commitments, reveals, the committee',
      timeout: API_TIMEOUT,
      memorySize: 2048,
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency)
      .bindBucket(props.documents, 'DOCUMENTS_BUCKET', 'readWrite');
    props.lifecycle.grantResume(this.function);
    props.api.serve(drawRoutes, this.function);
    new ComponentAlarm(this, 'Errors', { component: 'DrawCeremony', functions: [this.function] });
  }
}
