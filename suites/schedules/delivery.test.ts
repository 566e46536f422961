/**
 * Schedules: delivery under a hostile network, model-based. fast-check draws schedules of sends in
 * both directions, deliveries in any order, losses and replays (and, with the `snapshot`
 * capability, restored replicas receiving copies); a small model predicts every outcome, and the
 * candidate's device and the peer's must match it. A failure shrinks to a minimal schedule and
 * prints the line that replays it.
 * Spec: DR §2.6, §3.5; security-properties.md SP-16 (test 3); libsignal's limits (facts §6.1).
 */
import { checkDeliverySchedules } from '../../harness/model/index.js';
import { scenario } from '../../harness/testing/index.js';

/**
 * fast-check cases per role and profile, by tier: at standard the four tests take about 4 s
 * against builtin:reference; time grows linearly with the count (docs/performance.md).
 */
const SCHEDULE_RUNS = { smoke: 5, standard: 25, deep: 1_000 } as const;

const REORDER = 'schedules.delivery.reorder';
scenario(
  {
    id: REORDER,
    title: 'decrypts every message once whatever the order, losses and replays, as the model predicts',
    requirements: ['DR-ORDER-001', 'DR-REPLAY-001', 'DR-SKIP-003', 'WIRE-PREKEY-001', 'WIRE-PN-001'],
    timeoutMs: 300_000,
  },
  (context) => checkDeliverySchedules(context, { id: REORDER, runs: SCHEDULE_RUNS, restore: false }),
);

const RESTORE = 'schedules.delivery.restore';
scenario(
  {
    id: RESTORE,
    title: 'decrypts in restored replicas exactly what the device could decrypt at the snapshot',
    requirements: ['DR-ORDER-002', 'DR-FS-001', 'DR-ORDER-001', 'DR-REPLAY-001'],
    timeoutMs: 300_000,
  },
  (context) => checkDeliverySchedules(context, { id: RESTORE, runs: SCHEDULE_RUNS, restore: true }),
);
