import { Construct } from 'constructs';
import { awardRoutes } from '../../packages/award';
import { complaintRoutes } from '../../packages/complaints';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';
import { TenderLifecycle } from './tender-lifecycle';

/**
 * From the evaluation report (评标报告) through the candidate publicity (中标候选人公示) and its
 * objections to the result notice (中标结果公告), the notices to every bidder, the contract,
 * and the award letter's download; and the challenges and complaints (异议, 质疑, 投诉) that may
 * suspend a tender, served here because they need the same table access and resume its lifecycle.
 */
export class Award extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: ComponentProps & { lifecycle: TenderLifecycle }) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/award/handler.ts',
      description: 'Sunlit award: report, publicity, objections, result, contract, award letter, complaints',
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency)
      .bindBucket(props.documents, 'DOCUMENTS_BUCKET', 'readWrite');
    props.lifecycle.grantResume(this.function);
    props.api.serve([...awardRoutes, ...complaintRoutes], this.function);
    new ComponentAlarm(this, 'Errors', { component: 'Award', functions: [this.function] });
  }
}
