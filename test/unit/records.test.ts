import { committed, decideOnFreshRecords, DomainError } from '../../packages/kernel';

describe('deciding on fresh records', () => {
  const conflict = () => Promise.reject(new DomainError('CONFLICT', 'changed', { field: 'id' }));

  it('tells a commit refused for a changed record from one refused for anything else', async () => {
    expect(await committed(Promise.resolve())).toBe(true);
    expect(await committed(conflict())).toBe(false);
    await expect(committed(Promise.reject(new DomainError('INTERNAL', 'disk')))).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });

  it('decides again while the records change, a few times at most, then asks for the request again', async () => {
    let calls = 0;
    const settlesOnThird = () => Promise.resolve(++calls < 3 ? undefined : 'decided');
    expect(await decideOnFreshRecords({ name: 'Tender T-1', field: 'tenderId' }, settlesOnThird)).toBe(
      'decided',
    );
    expect(calls).toBe(3);

    calls = 0;
    const neverSettles = () => Promise.resolve((calls++, undefined));
    await expect(
      decideOnFreshRecords({ name: 'Tender T-1', field: 'tenderId' }, neverSettles),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'tenderId' },
      message: 'Tender T-1 kept changing while this request was decided; send it again.',
    });
    expect(calls).toBe(5);
  });
});
