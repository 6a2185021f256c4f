import { Construct } from 'constructs';
import { ledgerRoutes } from '../../packages/ledger';
import { DOCUMENT_FONT, DOCUMENT_FONT_FILE } from '../../packages/pdf';
import { ComponentAlarm } from './alarm';
import { ComponentProps } from './component';
import { SunlitFunction } from './sunlit-function';

/**
 * The center's ledger (统一收退): bonds paid into virtual sub-accounts, statements, refunds,
 * service fees and their receipts, and reconciliation. Its own function because it needs the
 * table and nothing more: no bucket, no signing key, no state machine, which every function that
 * served bonds before may touch. A receipt is printed when asked for, so none is stored.
 */
export class Ledger extends Construct {
  readonly function: SunlitFunction;

  constructor(scope: Construct, id: string, props: Pick<ComponentProps, 'api' | 'table' | 'idempotency'>) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/ledger/handler.ts',
      description: 'Sunlit ledger: bond sub-accounts, statements, refunds, service fees, reconciliation',
      // The receipts' font ships as a file beside the bundle; subsetting it wants the award letter's memory.
      files: { [DOCUMENT_FONT_FILE]: `node_modules/${DOCUMENT_FONT}` },
      memorySize: 1024,
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency);
    props.api.serve(ledgerRoutes, this.function);
    new ComponentAlarm(this, 'Errors', { component: 'Ledger', functions: [this.function] });
  }
}
