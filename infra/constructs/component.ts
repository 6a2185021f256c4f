import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Api } from './api';

/** What the stateless components are built on: the API, and the stateful resources they are granted. */
export interface ComponentProps {
  api: Api;
  table: TableV2;
  /** Where the functions that change things keep each Idempotency-Key's first answer. */
  idempotency: TableV2;
  documents: IBucket;
  bids: IBucket;
}
