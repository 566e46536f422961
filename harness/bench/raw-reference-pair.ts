/**
 * The floor for the reference implementation: two reference devices (candidates/reference) of the
 * signal-2026 profile calling each other's methods directly, with no contract in between. Wire
 * messages cross as the bytes the devices produce.
 */
import { Device, newDeviceState } from '../../candidates/reference/device.js';
import { NO_FLAWS } from '../../candidates/reference/flaws.js';
import { generateKeyPair } from '../../candidates/reference/primitives/curve25519.js';
import { systemRandom } from '../../candidates/reference/primitives/random.js';
import { assertSamePlaintext, benchPlaintext, type MessagePair } from './message-pair.js';

const environment = { rng: systemRandom, nowMs: () => Date.now(), flaws: NO_FLAWS };

function referenceDevice(name: string, registrationId: number): Device {
  const address = { name, deviceId: 1 };
  return new Device(newDeviceState(address, 'signal-2026', generateKeyPair(systemRandom), registrationId), environment);
}

/** Two reference devices with an acknowledged session (one message each way already sent). */
export async function openRawReferencePair(): Promise<MessagePair> {
  const alice = referenceDevice('00000000-0000-4000-8000-00000000000a', 1001);
  const bob = referenceDevice('00000000-0000-4000-8000-00000000000b', 1002);
  alice.startSession(bob.state.address, bob.publishBundle(true));
  const parties = [alice, bob] as const;
  let sent = 0;
  const exchange = async (count: number) => {
    for (let i = 0; i < count; i++, sent++) {
      const from = parties[sent % 2]!;
      const to = parties[(sent + 1) % 2]!;
      const plaintext = benchPlaintext(sent);
      const received = to.decrypt(from.state.address, from.encrypt(to.state.address, plaintext));
      assertSamePlaintext(received, plaintext, 'raw reference');
    }
  };
  await exchange(2);
  return { exchange, close: async () => undefined };
}
