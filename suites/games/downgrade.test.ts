/**
 * Games: no silent fallback from PQXDH to X3DH. The server serves the peer's bundle without its
 * KEM prekey; a PQXDH-profile initiator must refuse it rather than start a session with no KEM
 * secret.
 * Spec: PQXDH §3.3 (the bundle carries a signed KEM prekey); security-properties.md SP-15a
 * (downgrade).
 */
import { expect } from 'vitest';
import { deliver, expectBundleRefused, messageVersion, scenario } from '../../harness/testing/index.js';

scenario(
  {
    id: 'games.downgrade.bundle-without-kem-prekey',
    title: 'refuses a bundle without a KEM prekey instead of falling back to X3DH',
    requirements: ['PQXDH-DOWNGRADE-002'],
    roles: ['candidate-initiates'],
  },
  async ({ candidate, peer, rng }) => {
    await candidate.create();
    await peer.create();
    const bundle = await peer.publishBundle({ oneTimePreKey: true });
    const { kemPreKey: _stripped, ...stripped } = bundle;
    // libsignal answers `other` ("missing KEM prekey", CONTRACT.md §11.5); invalid-key is the precise code.
    await expectBundleRefused(candidate, peer, stripped, ['invalid-key', 'other'], 'a bundle without a KEM prekey');
    // Control: the full bundle gives a PQXDH (version 4) session.
    await candidate.startSession(peer, bundle);
    const first = await deliver(candidate, peer, rng.bytes(32));
    expect(messageVersion(first), 'message version of the session from the full bundle').toBe(4);
  },
);
