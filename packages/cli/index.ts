/** What other code (the benchmarks) uses of the command line's clients. */
export { joinAuctionRoom, RoomRefusal } from './auction-room';
