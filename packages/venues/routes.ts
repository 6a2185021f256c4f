import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { Identifier, IdPath } from '../kernel';
import { Booking, BookingView, BookRoom, CalendarQuery, Room } from './model';

/** The center's rooms and their calendar (场地统一安排), declared once for the handler, the stack and OpenAPI. */

const BookingPath = z.object({ id: Identifier, bookingId: Identifier });

export const listVenuesRoute = defineRoute({
  operationId: 'listVenues',
  method: 'GET',
  path: '/venues',
  summary: 'The opening halls (开标室) and evaluation rooms (评标室), with their capacities and equipment',
  tags: ['venues'],
  access: 'public',
  responses: { 200: { description: 'The rooms', schema: z.object({ rooms: z.array(Room) }) } },
});

export const venueCalendarRoute = defineRoute({
  operationId: 'listVenueBookings',
  method: 'GET',
  path: '/venues/{id}/bookings',
  summary:
    "A room's bookings between from and to; anyone but staff and regulators sees an evaluation room's booking only as occupied (the committee stays confidential)",
  tags: ['venues'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: IdPath, query: CalendarQuery },
  responses: {
    200: {
      description: 'The calendar',
      schema: z.object({ room: Room, bookings: z.array(BookingView) }),
    },
  },
});

export const bookVenueRoute = defineRoute({
  operationId: 'bookVenue',
  method: 'POST',
  path: '/venues/{id}/bookings',
  summary:
    "Book a room: an opening hall for a tender's opening at its bid deadline (法34), an evaluation room for its committee's sitting; an overlapping booking is refused (409)",
  tags: ['venues'],
  access: ['staff'],
  request: { path: IdPath, body: BookRoom },
  responses: {
    201: { description: 'Booked', schema: Booking },
    200: { description: "The tender's opening, already booked so", schema: Booking },
  },
});

export const cancelVenueBookingRoute = defineRoute({
  operationId: 'cancelVenueBooking',
  method: 'DELETE',
  path: '/venues/{id}/bookings/{bookingId}',
  summary: 'Cancel a booking; cancelling it again answers the same',
  tags: ['venues'],
  access: ['staff'],
  request: { path: BookingPath },
  responses: { 200: { description: 'Cancelled', schema: Booking } },
});

export const venueRoutes = [
  listVenuesRoute,
  venueCalendarRoute,
  bookVenueRoute,
  cancelVenueBookingRoute,
] as const;
