/**
 * Message vectors (vectors/handshake/, ratchet/, negative/) for the run's profile: the candidate
 * becomes the recipient, from key material in the vector, and must decrypt every valid message to
 * the recorded plaintext and refuse every invalid one with the expected code.
 * Spec: X3DH §3.4, PQXDH §3.4, DR §3.4–3.5; libsignal-facts.md §4–§6.
 */
import { vectorSuite } from '../../harness/testing/vector-suite.js';

vectorSuite(['handshake', 'ratchet', 'negative']);
