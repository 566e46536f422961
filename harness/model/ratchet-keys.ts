/**
 * The ratchet public keys of a conversation, as a tree: each key was derived against the key it
 * answers (its parent), and the root chain runs through that ancestry. A receiver can open a chain
 * for an unknown key only if the key answers the receiver's own current ratchet key; any other
 * unknown key (a chain dropped long ago, or a branch a restored copy never saw) gives it the wrong
 * root key, so the MAC fails (DR §3.5; libsignal-facts.md §4 "DH ratchet step").
 */
export class RatchetKeys {
  private readonly parents: (number | undefined)[] = [];
  private readonly labels: string[] = [];
  private readonly countPerOwner = new Map<string, number>();

  /** Adds a key owned by `owner` (a short tag such as `A`, `B` or `R1`) and returns its id. */
  add(owner: string, parent: number | undefined): number {
    const n = this.countPerOwner.get(owner) ?? 0;
    this.countPerOwner.set(owner, n + 1);
    this.parents.push(parent);
    this.labels.push(`${owner}${n}`);
    return this.parents.length - 1;
  }

  parentOf(key: number): number | undefined {
    return this.parents[key];
  }

  /** `A1`, `B0`, …: the owner's tag and how many keys it had before this one. */
  label(key: number): string {
    return this.labels[key] ?? `?${key}`;
  }
}
