import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { absentAs, api } from '../api';
import { Field, RefusalBox, useAction, useLoad } from '../ui';

/**
 * The evaluation committee (评标委员会) as staff form it: they request the draw (the regulator then
 * commits and reveals, below), and record each drawn expert's answer to the summons; a decline or
 * an absence seats the next reserve (条例46).
 */

interface QuotaRow {
  specialty: string;
  count: string;
  reserves: string;
}

/** A whole number typed, or NaN, which the API refuses naming the field. */
const whole = (typed: string) => (/^\d+$/.test(typed.trim()) ? Number(typed) : Number.NaN);

/**
 * Staff request a draw: how many experts of each specialty, with reserves, and the tenderer's own
 * representatives. Once the committee exists, a supplementary draw (补抽) fills its open seats
 * only: one row per specialty that lacks members, at most that many.
 */
export const DrawRequestForm = ({
  tenderId,
  vacancies,
  onRequested,
}: {
  tenderId: string;
  vacancies?: Record<string, number>;
  onRequested: (drawId: string) => void;
}) => {
  const catalog = useLoad(() => api<{ specialties: string[] }>('GET', '/specialties'), []);
  const open = Object.entries(vacancies ?? {}).filter(([, n]) => n > 0);
  const [rows, setRows] = useState<QuotaRow[]>(
    vacancies
      ? open.map(([specialty, n]) => ({ specialty, count: String(n), reserves: '1' }))
      : [{ specialty: '', count: '5', reserves: '2' }],
  );
  const [representatives, setRepresentatives] = useState('0');
  const specialties = vacancies ? open.map(([specialty]) => specialty) : (catalog.data?.specialties ?? []);
  const unused = () => specialties.find((code) => !rows.some((row) => row.specialty === code)) ?? '';
  const request = useAction(async (key, body: Record<string, unknown>) => {
    const draw = await api<{ id: string }>('POST', `/tenders/${tenderId}/draws`, { key, body });
    onRequested(draw.id);
  });
  const edit = (i: number, change: Partial<QuotaRow>) =>
    setRows(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const body = {
    quotas: rows.map((row) => ({
      specialty: row.specialty || specialties[0] || '',
      count: whole(row.count),
      reserves: whole(row.reserves),
    })),
    // The tenderer's representatives sit from the first draw; a supplementary one adds experts only.
    tendererRepresentatives: vacancies ? 0 : whole(representatives),
  };
  return html`<form onSubmit=${(event: Event) => (event.preventDefault(), void request.run(body))}>
    <h3>申请抽取评标专家</h3>
    <${RefusalBox} error=${catalog.error} />
    ${rows.map(
      (row, i) =>
        html`<fieldset class="quota">
          <legend>第 ${i + 1} 个专业</legend>
          <div class="field">
            <label for=${`quota-${i}-specialty`}>评标专业</label>
            <select
              id=${`quota-${i}-specialty`}
              value=${row.specialty || specialties[0]}
              onChange=${(e: Event) => edit(i, { specialty: (e.target as HTMLSelectElement).value })}
            >
              ${specialties.map((code) => html`<option value=${code}>${code}</option>`)}
            </select>
          </div>
          <${Field}
            label="人数"
            name=${`quota-${i}-count`}
            type="number"
            min="1"
            value=${row.count}
            onInput=${(count: string) => edit(i, { count })}
          />
          <${Field}
            label="候补人数"
            name=${`quota-${i}-reserves`}
            type="number"
            min="0"
            value=${row.reserves}
            onInput=${(reserves: string) => edit(i, { reserves })}
          />
          ${
            rows.length > 1 &&
            html`<button
              type="button"
              class="secondary"
              onClick=${() => setRows(rows.filter((_, j) => j !== i))}
            >
              删除第 ${i + 1} 个专业
            </button>`
          }
        </fieldset>`,
    )}
    ${
      unused() !== '' &&
      html`<button
        type="button"
        class="secondary"
        onClick=${() => setRows([...rows, { specialty: unused(), count: '1', reserves: '1' }])}
      >
        增加专业
      </button>`
    }
    ${
      vacancies
        ? html`<p>补充抽取：只为尚缺的席位抽取（条例46）。</p>`
        : html`<${Field}
            label="招标人代表人数"
            name="tenderer-representatives"
            type="number"
            min="0"
            value=${representatives}
            onInput=${setRepresentatives}
            hint="评标委员会五人以上单数，技术、经济等方面的专家不少于成员总数的三分之二（法37）"
          />`
    }
    <button type="submit" disabled=${request.busy}>申请抽取</button>
    <${RefusalBox} error=${request.error} />
  </form>`;
};

interface Seat {
  specialty: string;
  expertId: string;
  status: 'notified' | 'confirmed' | 'declined' | 'absent';
  replaces?: string;
}

const seatStatusNames: Record<Seat['status'], string> = {
  notified: '已通知，待答复',
  confirmed: '已确认出席',
  declined: '谢绝',
  absent: '缺席',
};

/** One answer to a summons, as staff record it (the expert may also answer by the link of their summons). */
const SeatAnswer = ({
  tenderId,
  seat,
  onAnswered,
}: {
  tenderId: string;
  seat: Seat;
  onAnswered: () => void;
}) => {
  const answer = useAction(
    async (key, body: { expertId: string; response: 'confirmed' | 'declined' | 'absent' }) => {
      try {
        await api('POST', `/tenders/${tenderId}/committee/answers`, { key, body });
      } finally {
        // Even a refusal may mean the answer was taken before (its reply lost): show the seat as it stands.
        onAnswered();
      }
    },
  );
  const run = (response: 'confirmed' | 'declined' | 'absent') =>
    answer.run({ expertId: seat.expertId, response });
  // A confirmed expert may still not come (缺席): the seat then goes to the next reserve too.
  if (seat.status === 'confirmed')
    return html`<span class="actions">
      <button type="button" class="secondary" disabled=${answer.busy} onClick=${() => run('absent')}>
        ${seat.expertId} 缺席
      </button>
      <${RefusalBox} error=${answer.error} />
    </span>`;
  return html`<span class="actions">
    <button type="button" disabled=${answer.busy} onClick=${() => run('confirmed')}>
      ${seat.expertId} 确认出席
    </button>
    <button type="button" class="secondary" disabled=${answer.busy} onClick=${() => run('declined')}>
      ${seat.expertId} 谢绝
    </button>
    <button type="button" class="secondary" disabled=${answer.busy} onClick=${() => run('absent')}>
      ${seat.expertId} 缺席
    </button>
    <${RefusalBox} error=${answer.error} />
  </span>`;
};

/** The committee as staff and regulators read it: the seats each specialty still lacks, and every seat. */
export interface CommitteeView {
  open: Record<string, number>;
  seats: Seat[];
}

export const loadCommittee = (tenderId: string) =>
  absentAs(api<CommitteeView>('GET', `/tenders/${tenderId}/committee`));

/** The committee's seats, each expert's answer, and the seats still open; staff record the answers. */
export const CommitteeSeats = ({
  tenderId,
  committee,
  answering,
  onChange,
}: {
  tenderId: string;
  committee: CommitteeView;
  answering: boolean;
  onChange: () => void;
}) => {
  const open = Object.entries(committee.open).filter(([, n]) => n > 0);
  return html`<h3>评标委员会</h3>
    <table>
      <caption>
        ${open.length ? `尚缺：${open.map(([s, n]) => `${s} ${n} 人`).join('；')}` : '席位已满'}
      </caption>
      <thead>
        <tr>
          <th>专业</th>
          <th>专家</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        ${committee.seats.map(
          (seat) =>
            html`<tr>
              <td>${seat.specialty}</td>
              <td>${seat.expertId}${seat.replaces ? `（替补 ${seat.replaces}）` : ''}</td>
              <td>
                ${seatStatusNames[seat.status]}
                ${
                  answering &&
                  (seat.status === 'notified' || seat.status === 'confirmed') &&
                  html`<${SeatAnswer} tenderId=${tenderId} seat=${seat} onAnswered=${onChange} />`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
};
