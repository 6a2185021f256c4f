import { Construct } from 'constructs';
import { auctionRoutes } from '../../packages/auctions';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';

/**
 * Listings and auctions (挂牌, 拍卖, 网络竞价) of land, mining rights and state property: the
 * announcement with its sealed reserve, applications and qualification, live bids as conditional
 * writes on the auction's sequence, and the result. It touches the table only.
 */
export class Auctions extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: Pick<ComponentProps, 'api' | 'table' | 'idempotency'>) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/auctions/handler.ts',
      description: 'Sunlit auctions: listings, applications, live bids, results',
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency);
    props.api.serve(auctionRoutes, this.function);
    new ComponentAlarm(this, 'Errors', { component: 'Auctions', functions: [this.function] });
  }
}
