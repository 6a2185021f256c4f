import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { Booking, BookingView, Room } from '../../../venues';
import { ApiError, api, Session } from '../api';
import { addDays, beijing, dayLabel, dayOf, instantOfLocal, mondayOf, startOfDay, timeOf } from '../format';
import { Card, Field, RefusalBox, useAction, useLoad } from '../ui';
import type { TenderView } from './tender';

const HOUR = 3_600_000;

const kindNames: Record<Room['kind'], string> = { 'opening-hall': '开标室', 'evaluation-room': '评标室' };
const purposeNames: Record<Booking['purpose'], string> = { opening: '开标', evaluation: '评标' };
const equipmentNames: Record<string, string> = {
  projector: '投影',
  recording: '录音录像',
  livestream: '网络直播',
  'decryption-terminals': '解密终端',
  'isolated-network': '隔离网络',
  'evaluation-terminals': '评标终端',
  'phone-lockers': '通讯工具存放柜',
};

const isFull = (b: BookingView): b is Booking => !('status' in b);

/** "09:00–11:00", with the end's date when it ends on another day. */
const span = (b: { start: string; end: string }) =>
  `${timeOf(b.start)}–${dayOf(b.end) === dayOf(b.start) ? '' : `${dayLabel(dayOf(b.end)).date} `}${timeOf(b.end)}`;

type Calendar = { room: Room; bookings: BookingView[] }[];

/** One booking in its day's cell: an opening is public; an evaluation room shows only 占用 to whom the API says so. */
const Slot = ({
  booking,
  room,
  onCancel,
  cancelling,
}: {
  booking: BookingView;
  room: Room;
  onCancel?: (b: Booking) => void;
  cancelling: boolean;
}) =>
  isFull(booking)
    ? html`<div class=${`slot ${booking.purpose}`}>
        <span class="slot-time">${span(booking)}</span>
        ${`${purposeNames[booking.purpose]} `}<a href=${`#/tenders/${booking.tenderId}`}
          ><code>${booking.tenderId}</code></a
        >
        ${
          onCancel &&
          html`<button
            type="button"
            class="secondary small"
            disabled=${cancelling}
            aria-label=${`取消${room.name} ${beijing(booking.start)} 的预约`}
            onClick=${() => onCancel(booking)}
          >
            取消
          </button>`
        }
      </div>`
    : html`<div class="slot occupied"><span class="slot-time">${span(booking)}</span> 占用</div>`;

/** The week's bookings, a row per room and a column per day (on a phone, a block per room). */
const WeekTable = ({
  monday,
  calendar,
  onCancel,
  cancelling,
}: {
  monday: string;
  calendar: Calendar;
  onCancel?: (b: Booking) => void;
  cancelling: boolean;
}) => {
  const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(monday, n));
  return html`<table class="calendar" aria-label=${`${monday} 至 ${days[6]} 场地预约`}>
    <thead>
      <tr>
        <th scope="col">场地</th>
        ${days.map((day) => {
          const { date, weekday } = dayLabel(day);
          return html`<th scope="col">${weekday}<br />${date}</th>`;
        })}
      </tr>
    </thead>
    <tbody>
      ${calendar.map(({ room, bookings }) => {
        const count = bookings.length;
        return html`<tr key=${room.id}>
          <th scope="row">
            ${room.name}
            <small>${kindNames[room.kind]} · ${room.capacity} 座 · 本周 ${count} 项</small>
          </th>
          ${days.map((day) => {
            const from = Date.parse(startOfDay(day));
            const that = bookings.filter(
              (b) => Date.parse(b.start) < from + 24 * HOUR && from < Date.parse(b.end),
            );
            const { date, weekday } = dayLabel(day);
            return html`<td class=${that.length ? undefined : 'free'} data-label=${`${weekday} ${date}`}>
              ${that.map(
                (b) =>
                  html`<${Slot} booking=${b} room=${room} onCancel=${onCancel} cancelling=${cancelling} />`,
              )}
            </td>`;
          })}
        </tr>`;
      })}
    </tbody>
  </table>`;
};

interface BookingRequest {
  roomId: string;
  purpose: Booking['purpose'];
  tenderId: string;
  start: string;
  end: string;
}

/**
 * Staff book a room for a tender: an opening hall at the tender's bid deadline itself (法34), taken
 * from the tender as stored, since a typed time could miss it by seconds; an evaluation room from
 * a time typed in Beijing time. A clash is refused by the API (409); the page then shows the
 * bookings it clashes with.
 */
const BookingForm = ({
  rooms,
  initialTender,
  onBooked,
}: {
  rooms: Room[];
  initialTender: string;
  onBooked: (booking: Booking) => void;
}) => {
  const [roomId, setRoomId] = useState(rooms[0]?.id ?? '');
  const [tenderId, setTenderId] = useState(initialTender);
  const [lookup, setLookup] = useState(initialTender);
  const [evaluationStart, setEvaluationStart] = useState('');
  const [hours, setHours] = useState('2');
  const [clashes, setClashes] = useState<BookingView[]>([]);
  const room = rooms.find((r) => r.id === roomId);
  const purpose: Booking['purpose'] = room?.kind === 'evaluation-room' ? 'evaluation' : 'opening';
  const tender = useLoad(
    () =>
      lookup
        ? api<TenderView>('GET', `/tenders/${encodeURIComponent(lookup)}/manage`)
        : Promise.resolve(undefined),
    [lookup],
  );
  const found = tender.data?.id === tenderId.trim() ? tender.data : undefined;
  const start =
    purpose === 'opening' ? found?.schedule.bidDeadline : (instantOfLocal(evaluationStart) ?? undefined);
  const request: BookingRequest | undefined =
    start && Number(hours) > 0
      ? {
          roomId,
          purpose,
          tenderId: tenderId.trim(),
          start,
          end: new Date(Date.parse(start) + Number(hours) * HOUR).toISOString(),
        }
      : undefined;
  const book = useAction(async (key, { roomId: id, ...body }: BookingRequest) => {
    setClashes([]);
    try {
      const booking = await api<Booking>('POST', `/venues/${id}/bookings`, { key, body });
      onBooked(booking);
      return booking;
    } catch (error) {
      if (error instanceof ApiError && error.refusal.status === 409 && error.refusal.field === 'body.start') {
        const during = new URLSearchParams({ from: body.start, to: body.end });
        const taken = await api<{ bookings: BookingView[] }>('GET', `/venues/${id}/bookings?${during}`);
        setClashes(taken.bookings);
      }
      throw error;
    }
  });
  const booked = book.result;
  return html`<${Card} title="预约场地">
    <form
      class="grid-form"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        if (request) void book.run(request);
      }}
    >
      <div class="field">
        <label for="bookingRoom">场地</label>
        <select
          id="bookingRoom"
          value=${roomId}
          onChange=${(e: Event) => setRoomId((e.target as HTMLSelectElement).value)}
        >
          ${rooms.map(
            (r) => html`<option value=${r.id}>${r.name}（${kindNames[r.kind]}，${r.capacity} 座）</option>`,
          )}
        </select>
        <small>用途：${purposeNames[purpose]}</small>
      </div>
      <div class="field">
        <label for="bookingTender">标段编号</label>
        <div class="inline">
          <input
            id="bookingTender"
            value=${tenderId}
            onInput=${(e: Event) => setTenderId((e.target as HTMLInputElement).value)}
            aria-describedby="bookingTender-hint"
          />
          <button type="button" class="secondary" onClick=${() => setLookup(tenderId.trim())}>查询</button>
        </div>
        <small id="bookingTender-hint">
          ${
            found
              ? `${found.name}：投标截止（开标）时间 ${beijing(found.schedule.bidDeadline)}`
              : '输入标段编号后点「查询」'
          }
        </small>
      </div>
      ${
        purpose === 'opening'
          ? html`<div class="field">
              <span class="label">开始时间</span>
              <span>${found ? beijing(found.schedule.bidDeadline) : '—'}</span>
              <small>开标在投标截止时间的同一时间进行（法34）</small>
            </div>`
          : html`<${Field}
              label="开始时间（北京时间）"
              name="bookingStart"
              type="datetime-local"
              value=${evaluationStart}
              onInput=${setEvaluationStart}
              hint=${found ? `不早于投标截止时间 ${beijing(found.schedule.bidDeadline)}` : undefined}
            />`
      }
      <${Field}
        label="时长（小时）"
        name="bookingHours"
        type="number"
        min="1"
        max="24"
        value=${hours}
        onInput=${setHours}
      />
      <button type="submit" disabled=${book.busy || !request}>预约</button>
    </form>
    <${RefusalBox} error=${tender.error} />
    <${RefusalBox} error=${book.error} />
    ${
      clashes.length > 0 &&
      html`<div class="refusal">
        <p class="refusal-message">与${room?.name ?? ''}的以下预约时间重叠：</p>
        <ul>
          ${clashes.map(
            (c) =>
              html`<li>
                ${beijing(c.start)} 至 ${beijing(c.end)}
                ${isFull(c) ? html`${purposeNames[c.purpose]} <code>${c.tenderId}</code>` : '占用'}
              </li>`,
          )}
        </ul>
        <p>请选择其他场地或时间。</p>
      </div>`
    }
    ${
      booked &&
      html`<p class="verified" role="status">
        ${`✔ 已预约 ${rooms.find((r) => r.id === booked.roomId)?.name}：${beijing(booked.start)} 至 ${beijing(booked.end)}，${purposeNames[booked.purpose]} `}<code>${booked.tenderId}</code>。
      </p>`
    }
  <//>`;
};

/**
 * The center's rooms and, for a chosen week, each room's bookings. Anyone sees the rooms; a
 * signed-in user their calendar, as the API shows it to them; staff book and cancel.
 */
export const VenuesPage = ({ session, tender = '' }: { session?: Session; tender?: string }) => {
  const [monday, setMonday] = useState(() => mondayOf(dayOf(Date.now())));
  const rooms = useLoad(() => api<{ rooms: Room[] }>('GET', '/venues').then((r) => r.rooms), []);
  const week = new URLSearchParams({ from: startOfDay(monday), to: startOfDay(addDays(monday, 7)) });
  const calendar = useLoad(
    (): Promise<Calendar | undefined> =>
      session && rooms.data
        ? Promise.all(
            rooms.data.map((room) =>
              api<{ room: Room; bookings: BookingView[] }>('GET', `/venues/${room.id}/bookings?${week}`),
            ),
          )
        : Promise.resolve(undefined),
    [session?.token, rooms.data, monday],
  );
  const staff = session?.role === 'staff';
  const cancel = useAction(async (key, booking: Booking) => {
    const cancelled = await api<Booking>('DELETE', `/venues/${booking.roomId}/bookings/${booking.id}`, {
      key,
    });
    calendar.reload();
    return cancelled;
  });
  return html`<div>
    ${
      staff &&
      rooms.data &&
      html`<${BookingForm}
        rooms=${rooms.data}
        initialTender=${tender}
        onBooked=${(b: Booking) => {
          setMonday(mondayOf(dayOf(b.start)));
          calendar.reload();
        }}
      />`
    }
    <${Card} title="场地预约日历">
      <div class="filters">
        <button type="button" class="secondary" onClick=${() => setMonday(addDays(monday, -7))}>
          上一周
        </button>
        <button type="button" class="secondary" onClick=${() => setMonday(mondayOf(dayOf(Date.now())))}>
          本周
        </button>
        <button type="button" class="secondary" onClick=${() => setMonday(addDays(monday, 7))}>下一周</button>
        <label
          >跳到日期
          <input
            type="date"
            value=${monday}
            onInput=${(e: Event) => {
              const day = (e.target as HTMLInputElement).value;
              if (/^\d{4}-\d{2}-\d{2}$/.test(day)) setMonday(mondayOf(day));
            }}
        /></label>
      </div>
      <p>
        ${`${monday} 至 ${addDays(monday, 6)}（北京时间）。`}评标室的预约对交易中心和监管部门以外的人只显示「占用」：评标委员会保密。
      </p>
      <${RefusalBox} error=${rooms.error} />
      <${RefusalBox} error=${calendar.error} />
      <${RefusalBox} error=${cancel.error} />
      ${
        cancel.result &&
        html`<p role="status">
          ✔ 已取消 ${beijing(cancel.result.start)} 的预约 <code>${cancel.result.id}</code>。
        </p>`
      }
      ${!session && html`<p>登录后可查看各场地的预约情况。</p>`}
      ${
        calendar.data &&
        html`<${WeekTable}
          monday=${monday}
          calendar=${calendar.data}
          onCancel=${staff ? (b: Booking) => cancel.run(b) : undefined}
          cancelling=${cancel.busy}
        />`
      }
      <h3>场地</h3>
      <ul>
        ${(rooms.data ?? []).map(
          (room) =>
            html`<li>
              <strong>${room.name}</strong>（${kindNames[room.kind]}，${room.capacity}
              座）：${room.equipment.map((e) => equipmentNames[e] ?? e).join('、')}
            </li>`,
        )}
      </ul>
    <//>
  </div>`;
};
