/**
 * Why a bond may be kept (不予退还): only for one of these, each with its article. A bond is
 * otherwise refunded, by the rules `withdrawal-bond-refund` (条例35) and `contract-bond-refund`
 * (条例57) of the legal-rules table.
 */
export const forfeitureReasons = {
  'winner-refuses-contract': {
    article: '条例74',
    description:
      'The winner refuses without good reason to sign the contract, or to give the performance bond the documents ask: its bond is not refunded.',
  },
  'withdrawn-after-deadline': {
    article: '条例35',
    description: 'A bidder withdraws its bid after the bid deadline: the tenderer may keep its bond.',
  },
} as const;
