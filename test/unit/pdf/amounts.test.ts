import { capitalYuan, formatYuan } from '../../../packages/pdf/amounts';

describe('amounts on a document', () => {
  it.each([
    [112_500_000, '¥112,500,000.00', '人民币壹亿壹仟贰佰伍拾万元整'],
    [100_010_000, '¥100,010,000.00', '人民币壹亿零壹万元整'],
    [100_000_000, '¥100,000,000.00', '人民币壹亿元整'],
    [1_000_500, '¥1,000,500.00', '人民币壹佰万零伍佰元整'],
    [10_005, '¥10,005.00', '人民币壹万零伍元整'],
    [10, '¥10.00', '人民币壹拾元整'],
    [1_000.5, '¥1,000.50', '人民币壹仟元伍角'],
    [1_000.05, '¥1,000.05', '人民币壹仟元零伍分'],
    [3.27, '¥3.27', '人民币叁元贰角柒分'],
    [0.05, '¥0.05', '人民币伍分'],
    [0, '¥0.00', '人民币零元整'],
  ])('states %d yuan as %s, %s', (yuan, figures, words) => {
    expect(formatYuan(yuan)).toBe(figures);
    expect(capitalYuan(yuan)).toBe(words);
  });

  it('refuses an amount it cannot state', () => {
    for (const yuan of [-1, Number.NaN, 1e12]) expect(() => formatYuan(yuan)).toThrow(RangeError);
  });
});
