// Passphrases given on this page for destinations whose passphrase is not kept on the machine:
// held in memory for this session only, never in a store the page renders from, never written.
const given = new Map<string, string>();

export const passphraseFor = (destination: string): string | undefined => given.get(destination);
export const rememberPassphrase = (destination: string, passphrase: string): void => void given.set(destination, passphrase);
export const forgetPassphrase = (destination: string): void => void given.delete(destination);

/** The `destination` and `passphrase` fields of a request (the passphrase only when one was given here). */
export function targetOf(destination: string): { destination: string; passphrase?: string } {
  const p = given.get(destination);
  return p === undefined ? { destination } : { destination, passphrase: p };
}
