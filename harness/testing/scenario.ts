/**
 * `scenario()`: how a suite declares a test. One declaration becomes one vitest test per role
 * (the candidate initiates; the peer initiates), each with a stable string ID, its requirement
 * IDs, fresh devices, a seeded RNG, and the translation of "unsupported" and faults into results.
 */
import { createHash } from 'node:crypto';
import { test, type TestContext } from 'vitest';
import type { Address, Profile } from '../contract/index.js';
import { candidateConnection, peerConnection, runContext } from './connections.js';
import { onSide, recordOutcome, type Side } from './outcomes.js';
import { Party } from './party.js';
import { requirementCatalogue } from './requirements.js';
import type { ResultMeta } from './run-context.js';
import { SeededRng } from './seeded-rng.js';
import { Transcript } from './transcript.js';
import { leaveOut, runTier } from './leave-out.js';
import { tierRuns, type Tier } from './tiers.js';

export const ROLES = ['candidate-initiates', 'peer-initiates'] as const;
export type Role = (typeof ROLES)[number];

export interface ScenarioContext {
  initiator: Party;
  responder: Party;
  candidate: Party;
  peer: Party;
  role: Role;
  profile: Profile;
  rng: SeededRng;
  /**
   * A further device on one side (not yet created), removed with the others when the test ends.
   * It gets a fresh UUID address unless `address` is given (a reinstall, or a clone's address).
   * `name` labels the handle and must be unique within the test.
   */
  addParty(side: Side, name: string, address?: Address): Party;
}

export interface ScenarioDeclaration {
  /** Stable, path-like ID without the role suffix, e.g. `session.setup.one-time-prekey`. */
  id: string;
  /** Verb-first statement of what is observed. */
  title: string;
  /** Requirement IDs from suites/requirements.json; those that do not apply to the run's profile are dropped. */
  requirements: string[];
  /** Profiles the scenario applies to (default: every profile of its requirements). */
  profiles?: Profile[];
  /** The roles the scenario is meaningful in (default: both); no test is registered for the others. */
  roles?: readonly Role[];
  timeoutMs?: number;
  /** The lowest tier that runs it (default smoke: every tier). Lower tiers report it skipped; say why beside it. */
  tier?: Tier;
}

const ID_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/**
 * The suffix of a test's device handles (`alice-3f9a1c07`): taken from the test's ID, not from a
 * counter of the tests that ran before it, so a failure reads the same in a full run, in a shard
 * and in its one-test rerun; and distinct between tests, so devices a faulted test left on an
 * in-process candidate never clash with the next test's.
 */
function deviceTag(testId: string): string {
  return createHash('sha256').update(testId).digest('hex').slice(0, 8);
}

/** Declares a scenario; `body` runs once per role. */
export function scenario(declaration: ScenarioDeclaration, body: (context: ScenarioContext) => Promise<void>): void {
  const catalogue = requirementCatalogue();
  if (!ID_PATTERN.test(declaration.id)) throw new Error(`scenario id '${declaration.id}' is not a stable kebab/dot id`);
  for (const id of declaration.requirements) {
    if (!catalogue.has(id)) throw new Error(`scenario ${declaration.id} names unknown requirement ${id}`);
  }
  const { profile } = runContext();
  const requirements = declaration.requirements.filter((id) => catalogue.get(id)!.profiles.includes(profile));
  const profiles = declaration.profiles ?? [...new Set(declaration.requirements.flatMap((id) => catalogue.get(id)!.profiles))];
  if (!profiles.includes(profile) || requirements.length === 0) return; // not part of this profile's suite

  for (const role of declaration.roles ?? ROLES) {
    const id = `${declaration.id}/${role}`;
    // The meta travels with the declaration, so collecting the suites (without running them) is
    // enough to know which test checks which requirement (`sigparity requirements`).
    const declared: ResultMeta = { id, title: declaration.title, requirements };
    test(`${id}: ${declaration.title}`, { timeout: declaration.timeoutMs ?? 120_000, meta: { sigparity: declared } }, async (testContext) => {
      const meta: ResultMeta = { ...declared };
      testContext.task.meta.sigparity = meta;
      if (!tierRuns(runTier(), declaration.tier ?? 'smoke')) return leaveOut(testContext, meta, 'a slow scenario');
      await runRole(testContext, meta, role, body);
    });
  }
}

async function runRole(
  testContext: TestContext,
  meta: ResultMeta,
  role: Role,
  body: (context: ScenarioContext) => Promise<void>,
): Promise<void> {
  const { profile, seed } = runContext();
  const parties: Party[] = [];
  const transcript = new Transcript();
  const faulted = await recordOutcome(testContext, meta, async () => {
    const candidateConn = await onSide('candidate', candidateConnection);
    const peerConn = await onSide('peer', peerConnection);
    const tag = deviceTag(meta.id);
    // Account names are UUIDs, as Signal's are, so libsignal fills in the addresses field (libsignal-facts.md §5.5).
    const names = new SeededRng(seed, `${meta.id}/addresses`);
    const make = (side: Side, name: string, address?: Address) => {
      const party = new Party(side, side === 'candidate' ? candidateConn : peerConn, `${name}-${tag}`, address ?? { name: names.uuid(), deviceId: 1 }, profile, transcript);
      parties.push(party);
      return party;
    };
    const [initiatorSide, responderSide] = role === 'candidate-initiates' ? (['candidate', 'peer'] as const) : (['peer', 'candidate'] as const);
    const initiator = make(initiatorSide, 'alice');
    const responder = make(responderSide, 'bob');
    const candidate = initiatorSide === 'candidate' ? initiator : responder;
    const peer = initiatorSide === 'candidate' ? responder : initiator;
    const addParty = (side: Side, name: string, address?: Address) => make(side, name, address);
    await body({ initiator, responder, candidate, peer, role, profile, rng: new SeededRng(seed, meta.id), addParty });
  }, transcript);
  if (!faulted) await Promise.all(parties.map((p) => p.remove()));
}
