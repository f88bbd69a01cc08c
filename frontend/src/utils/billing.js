/**
 * The server's billing rule, previewed while a car is parked (the server's cost is the truth):
 * price per hour x started hours, at least one hour; a started minute counts as a whole one.
 */
import { fromPaise, toPaise } from './money.js';

/** Whole minutes from `start` to `end`, a started minute counting as one (never negative). */
export function elapsedMinutes(start, end) {
  const ms = new Date(end).getTime() - new Date(start).getTime();
  return Math.max(0, Math.ceil(ms / 60000));
}

/** 1 min -> 1, 60 -> 1, 61 -> 2, 0 -> 1 */
export function billedHours(minutes) {
  return Math.max(1, Math.ceil(minutes / 60));
}

/** What releasing at `now` would cost, as a two-decimal string: ("40.00", 10:00, 11:01) -> "80.00" */
export function runningCost(pricePerHour, parkedAt, now = new Date()) {
  return fromPaise(toPaise(pricePerHour) * billedHours(elapsedMinutes(parkedAt, now)));
}
