/**
 * Primitive vectors (vectors/primitives/): X25519, XEdDSA, HKDF, the ratchet KDFs and Kyber1024,
 * through the candidate's primitive hooks. A candidate without the hook gets `unsupported`.
 * Sources: RFC 7748, RFC 5869, libsignal-recorded material, reference-generated material.
 */
import { vectorSuite } from '../../harness/testing/vector-suite.js';

vectorSuite(['primitives']);
