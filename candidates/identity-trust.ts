/**
 * Trust on first use, as Signal clients decide it: a peer's first identity key is trusted; a
 * different key is untrusted until the user approves exactly that key (the contract's
 * trustIdentity). Shared by the built-in candidates so they decide alike.
 */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function isTrustedIdentity(key: Uint8Array, stored: Uint8Array | undefined, approved: Uint8Array | undefined): boolean {
  if (!stored || same(stored, key)) return true;
  return approved !== undefined && same(approved, key);
}

/** Whether saving `key` replaces a different stored key (an identity-changed event). */
export function replacesIdentity(key: Uint8Array, stored: Uint8Array | undefined): boolean {
  return stored !== undefined && !same(stored, key);
}
