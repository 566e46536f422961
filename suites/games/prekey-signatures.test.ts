/**
 * Games: signed-prekey and KEM-prekey signatures. The server (the harness) serves the peer's
 * bundle with a bad signature; the candidate, as initiator, must refuse it at session start with
 * invalid-signature and create no session.
 * Spec: X3DH §3.3 (Alice verifies the prekey signature), §4.5; PQXDH §3.3 (and the KEM prekey's);
 * security-properties.md SP-08, SP-15b (swapped signatures).
 */
import { expect } from 'vitest';
import { deliver, expectBundleRefused, scenario, type Bundle } from '../../harness/testing/index.js';

type SignedField = 'signedPreKey' | 'kemPreKey';

interface Forgery {
  name: string;
  title: string;
  requirements: string[];
  /** Builds the bad bundle from the genuine one and, where needed, a bundle of another identity. */
  forge: (bundle: Bundle, foreign: () => Promise<Bundle>) => Promise<Bundle>;
}

const LABEL: Record<SignedField, string> = { signedPreKey: 'signed-prekey', kemPreKey: 'KEM-prekey' };
const REQUIREMENT: Record<SignedField, string> = { signedPreKey: 'X3DH-SIG-001', kemPreKey: 'PQXDH-SIG-001' };

function field(bundle: Bundle, name: SignedField) {
  const key = bundle[name];
  if (!key) throw new Error(`the peer's bundle has no ${LABEL[name]}`);
  return key;
}

function withSignature(bundle: Bundle, name: SignedField, signature: Uint8Array): Bundle {
  return { ...bundle, [name]: { ...field(bundle, name), signature } };
}

const FORGERIES: Forgery[] = (['signedPreKey', 'kemPreKey'] as const).flatMap((name): Forgery[] => [
  {
    name: `${LABEL[name].toLowerCase()}-corrupted`,
    title: `refuses a bundle whose ${LABEL[name]} signature has one bit flipped`,
    requirements: [REQUIREMENT[name]],
    forge: async (bundle) => {
      const signature = field(bundle, name).signature.slice();
      signature[7]! ^= 0x10;
      return withSignature(bundle, name, signature);
    },
  },
  {
    name: `${LABEL[name].toLowerCase()}-zero`,
    title: `refuses a bundle whose ${LABEL[name]} signature is all zero`,
    requirements: [REQUIREMENT[name]],
    forge: async (bundle) => withSignature(bundle, name, new Uint8Array(field(bundle, name).signature.length)),
  },
  {
    name: `${LABEL[name].toLowerCase()}-foreign`,
    title: `refuses a bundle whose ${LABEL[name]} (key and signature) was signed by another identity`,
    requirements: [REQUIREMENT[name]],
    forge: async (bundle, foreign) => ({ ...bundle, [name]: field(await foreign(), name) }),
  },
]);

FORGERIES.push({
  name: 'swapped',
  title: 'refuses a bundle whose signed-prekey and KEM-prekey signatures are swapped',
  requirements: ['X3DH-SIG-001', 'PQXDH-SIG-001'],
  forge: async (bundle) => {
    const swapped = withSignature(bundle, 'signedPreKey', field(bundle, 'kemPreKey').signature);
    return withSignature(swapped, 'kemPreKey', field(bundle, 'signedPreKey').signature);
  },
});

for (const forgery of FORGERIES) {
  scenario(
    {
      id: `games.prekey-signatures.${forgery.name}`,
      title: forgery.title,
      requirements: forgery.requirements,
      // The swap needs a KEM prekey, which classic bundles lack.
      ...(forgery.name === 'swapped' ? { profiles: ['pqxdh', 'signal-2026'] as const } : {}),
      // The initiator checks the signatures: the candidate must be the one starting the session.
      roles: ['candidate-initiates'],
    },
    async ({ candidate, peer, rng, addParty }) => {
      await candidate.create();
      await peer.create();
      const bundle = await peer.publishBundle({ oneTimePreKey: true });
      const foreign = async () => {
        const other = addParty('peer', 'mallory');
        await other.create();
        return other.publishBundle({ oneTimePreKey: true });
      };
      const forged = await forgery.forge(bundle, foreign);
      await expectBundleRefused(candidate, peer, forged, ['invalid-signature'], 'the forged bundle');
      // Control: the untouched bundle starts a session and its first message decrypts at the peer.
      await candidate.startSession(peer, bundle);
      const first = await deliver(candidate, peer, rng.bytes(32));
      expect(first.type).toBe('prekey');
    },
  );
}
