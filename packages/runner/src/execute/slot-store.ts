/** A measure's value, its values per group key (segment value or bucket start), or why it failed. */
export type SlotValue =
  | { kind: "value"; value: number | null }
  | { kind: "keyed"; values: Map<string | null, number | null> }
  | { kind: "error"; message: string };

/** Where query results land, read by the evaluator. */
export class SlotStore {
  private readonly slots = new Map<string, SlotValue>();

  set(slot: string, value: SlotValue): void {
    this.slots.set(slot, value);
  }

  get(slot: string): SlotValue | undefined {
    return this.slots.get(slot);
  }
}
