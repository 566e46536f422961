/**
 * Device state ⇄ bytes, for the snapshot capability: JSON in which bytes and maps are tagged, so
 * a snapshot restores to an identical state (the compromise oracle of forward-secrecy games).
 */
const FORMAT = 'sigparity-reference-device/1';

function encode(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [encode(k), encode(v)]) };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const tagged = value as { $bytes?: string; $map?: [unknown, unknown][] };
    if (typeof tagged.$bytes === 'string') return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map.map(([k, v]) => [decode(k), decode(v)]));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export function serializeDeviceState(state: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ format: FORMAT, state: encode(state) }));
}

export function deserializeDeviceState<T>(blob: Uint8Array): T {
  const parsed = JSON.parse(new TextDecoder().decode(blob)) as { format?: unknown; state?: unknown };
  if (parsed.format !== FORMAT) throw new Error('not a reference device snapshot');
  return decode(parsed.state) as T;
}
