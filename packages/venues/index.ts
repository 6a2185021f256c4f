/** The center's rooms (场地统一安排): opening halls and evaluation rooms, their bookings and calendar. */
export {
  claimCommitteeSeats,
  bookRoom,
  cancelBooking,
  listRooms,
  moveOpening,
  roomCalendar,
} from './bookings';
export { Booking, BookingView, BookRoom, Room, RoomKind } from './model';
export type { CommitteeSeats, RoomSchedule } from './model';
export type { VenueDeps, VenueRecord, VenueStore } from './ports';
export { rooms } from './rooms';
export { venueRoutes } from './routes';
