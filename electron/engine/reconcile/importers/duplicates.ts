// Remembering where a key was first seen, so a duplicate can name both places.

export class FirstSeen<At> {
  private readonly seen = new Map<string, At>();

  /** Where `key` was seen before (a duplicate), or undefined after recording it here. */
  check(key: string, at: At): At | undefined {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, at);
    return first;
  }
}
