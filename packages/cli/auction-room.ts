import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { AcceptedBid, RoomMessage } from '../auctions';

/** A refusal the room sent for a bid: the API's error, with its code, field and rule. */
export class RoomRefusal extends Error {
  constructor(readonly error: { code: string; message: string; field?: string; rule?: string }) {
    super(`${error.code}${error.field ? ` (${error.field})` : ''}: ${error.message}`);
  }
}

/** How long a bid waits for its answer before the client says it does not know. */
const ANSWER_MS = 15_000;

/**
 * A connection to the auction room (竞价大厅) at `url` (`…/live?auction=AU-…`, as
 * `GET /auctions/{id}/room` names it): every message pushed to it goes to `listener`; with a token
 * it bids, each bid's answer matched by its `ref`. A bid that gets no answer is not a refusal:
 * sending the same one again is answered with the bid already taken, if it was.
 */
export const joinAuctionRoom = (
  url: string,
  token?: string,
  listener: (message: RoomMessage) => void = () => {},
  onClose: () => void = () => {},
) =>
  new Promise<{
    bid: (offer: { amountFen: number; sequence: number }) => Promise<AcceptedBid>;
    askState: () => void;
    close: () => void;
  }>((resolve, reject) => {
    const socket = new WebSocket(token ? `${url}&token=${encodeURIComponent(token)}` : url);
    const waiting = new Map<string, (answer: RoomMessage | Error) => void>();
    socket.on('message', (data) => {
      let message: RoomMessage;
      try {
        message = JSON.parse(data.toString()) as RoomMessage;
      } catch {
        return;
      }
      if ('ref' in message && message.ref) waiting.get(message.ref)?.(message);
      else listener(message);
    });
    socket.on('close', () => {
      waiting.forEach((settle) => settle(new Error('the room closed the connection')));
      onClose();
    });
    const bid = (offer: { amountFen: number; sequence: number }) =>
      new Promise<AcceptedBid>((accepted, refused) => {
        if (socket.readyState !== WebSocket.OPEN) return refused(new Error('the room is not connected'));
        const ref = randomUUID();
        const timer = setTimeout(() => settle(new Error(`no answer in ${ANSWER_MS / 1000} s`)), ANSWER_MS);
        const settle = (answer: RoomMessage | Error) => {
          clearTimeout(timer);
          waiting.delete(ref);
          if (answer instanceof Error) refused(answer);
          else if (answer.type === 'bid-accepted') accepted(answer.bid);
          else if (answer.type === 'bid-refused') refused(new RoomRefusal(answer.error));
        };
        waiting.set(ref, settle);
        socket.send(JSON.stringify({ action: 'bid', ref, ...offer }));
      });
    socket.once('open', () =>
      resolve({
        bid,
        askState: () => socket.send(JSON.stringify({ action: 'state' })),
        close: () => socket.close(),
      }),
    );
    socket.once('unexpected-response', (req, res) => {
      req.destroy();
      const why = [401, 403].includes(res.statusCode ?? 0) ? ' (the token was not accepted)' : '';
      reject(new Error(`the room refused the connection: ${res.statusCode}${why}`));
    });
    socket.once('error', reject);
  });
