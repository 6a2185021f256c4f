import { notFound } from '../kernel';
import { Room } from './model';

/** The center's rooms (场地), as data: a room is added here, and the calendar shows it at once. */
export const rooms: readonly Room[] = [
  {
    id: 'HALL-1',
    name: '第一开标室',
    kind: 'opening-hall',
    capacity: 60,
    equipment: ['projector', 'recording', 'livestream', 'decryption-terminals'],
  },
  {
    id: 'HALL-2',
    name: '第二开标室',
    kind: 'opening-hall',
    capacity: 30,
    equipment: ['projector', 'recording', 'decryption-terminals'],
  },
  {
    id: 'EVAL-1',
    name: '第一评标室',
    kind: 'evaluation-room',
    capacity: 9,
    equipment: ['isolated-network', 'recording', 'evaluation-terminals', 'phone-lockers'],
  },
  {
    id: 'EVAL-2',
    name: '第二评标室',
    kind: 'evaluation-room',
    capacity: 13,
    equipment: ['isolated-network', 'recording', 'evaluation-terminals', 'phone-lockers'],
  },
];

export const roomOf = (id: string): Room => {
  const room = rooms.find((r) => r.id === id);
  if (!room) throw notFound('room', id);
  return room;
};
