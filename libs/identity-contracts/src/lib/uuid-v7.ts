import { v7 } from 'uuid';

/** A new event id: a UUID version 7, so ids sort by creation time. */
export function newEventId(): string {
  return v7();
}
