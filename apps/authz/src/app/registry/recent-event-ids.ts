/**
 * The ids of the last events applied for one user, to recognise a redelivered event. Bounded:
 * a duplicate arrives soon after its original (a producer's retry, a consumer restarting from
 * its last commit), so the most recent ids are the ones worth keeping. Event ids are not
 * compared by order: two gateway replicas may create them out of order.
 */
export class RecentEventIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(eventId: string): boolean {
    return this.ids.has(eventId);
  }

  add(eventId: string): void {
    this.ids.add(eventId);
    if (this.ids.size > this.capacity) this.ids.delete(this.oldest());
  }

  private oldest(): string {
    // A Set iterates in insertion order, so its first id is the oldest.
    return this.ids.values().next().value as string;
  }
}
