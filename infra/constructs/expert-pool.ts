import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { expertRoutes } from '../../packages/experts';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';

/**
 * The expert pool (评标专家库): one expert's changes and the catalog behind the API; an import
 * is queued there and runs in its own worker, which has the time and memory a city's pool needs.
 */
export class ExpertPool extends Construct {
  readonly function: SunlitFunction;
  readonly importWorker: SunlitFunction;

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/experts/handler.ts',
      description: 'Sunlit expert pool: imports queued, experts, the specialty catalog',
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency)
      .bindBucket(props.documents, 'DOCUMENTS_BUCKET', 'readWrite');
    props.api.serve(expertRoutes, this.function);

    this.importWorker = new SunlitFunction(this, 'ImportWorker', {
      entry: 'functions/experts/import-worker.ts',
      description: 'Sunlit expert pool: runs an import in the background',
      timeout: Duration.minutes(10),
      memorySize: 2048,
    })
      .bindTable(props.table, 'readWrite')
      .bindBucket(props.documents, 'DOCUMENTS_BUCKET', 'read');

    new ComponentAlarm(this, 'Errors', {
      component: 'ExpertPool',
      functions: [this.function, this.importWorker],
    });
  }
}
