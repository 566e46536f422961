/** Every vector generator, by name. Each returns the files it produces. */
import { generate as handshake } from './handshake.js';
import { generate as negative } from './negative.js';
import { generate as primitivesAesCbcHmac } from './primitives-aes-cbc-hmac.js';
import { generate as primitivesHkdf } from './primitives-hkdf.js';
import { generate as primitivesKdfChains } from './primitives-kdf-chains.js';
import { generate as primitivesKyber1024 } from './primitives-kyber1024.js';
import { generate as primitivesMessageKeys } from './primitives-message-keys.js';
import { generate as primitivesX25519 } from './primitives-x25519.js';
import { generate as primitivesXeddsa } from './primitives-xeddsa.js';
import { generate as ratchet } from './ratchet.js';
import type { GeneratedFile } from './vector-file.js';

export const GENERATORS: Record<string, () => Promise<GeneratedFile[]>> = {
  'primitives-x25519': primitivesX25519,
  'primitives-xeddsa': primitivesXeddsa,
  'primitives-hkdf': primitivesHkdf,
  'primitives-kdf-chains': primitivesKdfChains,
  'primitives-message-keys': primitivesMessageKeys,
  'primitives-kyber1024': primitivesKyber1024,
  'primitives-aes-cbc-hmac': primitivesAesCbcHmac,
  handshake,
  ratchet,
  negative,
};
