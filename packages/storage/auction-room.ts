import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { AuctionRoom } from '../auctions';
import { requiredEnv } from './clients';

/**
 * The auction room's `@connections` endpoint: the WebSocket API's endpoint (`wss://…`, or the local
 * stack's `ws://…`) as HTTP, with the stage as the first path segment.
 */
export const roomEndpoint = (apiEndpoint: string, stage: string): string =>
  `${apiEndpoint.replace(/^ws(s?):/, 'http$1:')}/${stage}`;

/** Pushes messages to the room's connections through API Gateway's management API. */
export const apiGatewayRoom = (): AuctionRoom => {
  const client = new ApiGatewayManagementApiClient({
    endpoint: roomEndpoint(requiredEnv('AUCTION_ROOM_ENDPOINT'), requiredEnv('AUCTION_ROOM_STAGE')),
  });
  return {
    async push(connectionId, message) {
      try {
        await client.send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }),
        );
        return true;
      } catch (error) {
        if (error instanceof GoneException || (error as Error).name === 'GoneException') return false;
        throw error;
      }
    },
  };
};
