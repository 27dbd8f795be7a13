// Which line of a kill-test child's output to kill it on: "line N" is line number N, "KIND N" the
// Nth line of a kind ("commit 2": the second commit about to be made durable). The child and the
// test read the same choice the same way. A matcher counts, so it sees each line once, in order.
export interface KillAt {
  /** A line by number, or the Nth line whose second word is this ("commit", "put", ...). */
  kind: 'line' | 'commit' | 'committed' | 'put' | 'delete';
  n: number;
}

export function killLine(at: KillAt): (line: string) => boolean {
  let seen = 0;
  return (line) => {
    const [number, kind] = line.split(' ');
    return at.kind === 'line' ? Number(number) === at.n : kind === at.kind && ++seen === at.n;
  };
}
