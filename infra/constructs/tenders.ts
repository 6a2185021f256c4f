import { Construct } from 'constructs';
import { tenderRoutes } from '../../packages/tenders';
import { venueRoutes } from '../../packages/venues';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';
import { TenderLifecycle } from './tender-lifecycle';

/**
 * Projects, tenders, documents, registrations, amendments and notices: what staff and bidders do
 * before the bid deadline. Document bytes go straight to the bucket through presigned URLs; the
 * publication starts the tender's lifecycle. The rooms' calendar is served here too: an amendment
 * moves the opening's hall, and booking needs the same table and nothing more.
 */
export class Tenders extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: ComponentProps & { lifecycle: TenderLifecycle }) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/tenders/handler.ts',
      description: 'Sunlit tenders: projects, tenders, documents, registrations, amendments, notices, venues',
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency)
      .bindBucket(props.documents, 'DOCUMENTS_BUCKET', 'readWrite');
    props.lifecycle.grantStart(this.function);
    props.api.serve([...tenderRoutes, ...venueRoutes], this.function);
    new ComponentAlarm(this, 'Errors', { component: 'Tenders', functions: [this.function] });
  }
}
