/**
 * Measurement family 3: how many calls per second the stdio transport carries when each waits for
 * the one before, as the suites' calls do. The call is `setClock`, whose arguments and value are
 * as small as the contract allows, so what is timed is the pipe, the JSON and the schema checks on
 * both ends, not the candidate.
 */
import { Connection } from '../connect/connection.js';
import { PACKAGE_ROOT } from '../runner/package-info.js';
import { sideBySide, type Sampling } from './measure.js';
import { EXAMPLE_SHIM } from './message-cost.js';
import { openBarePipe } from './pipe-round-trips.js';

export interface ShimRoundTrips {
  shimRoundTripsPerSecond: number;
  /** The same empty call in process, for comparison: what the pipe and the second process add. */
  inProcessCallsPerSecond: number;
  /** Lines echoed by a bare Node child on the same pipe and CPU: the machine's floor for any shim. */
  pipeRoundTripsPerSecond: number;
}

export async function measureShimRoundTrips(sampling: Sampling, callsPerRound: number): Promise<ShimRoundTrips> {
  const shim = await Connection.open(EXAMPLE_SHIM, { cwd: PACKAGE_ROOT });
  const inProcess = await Connection.open('builtin:libsignal');
  const pipe = await openBarePipe();
  try {
    const round = (connection: Connection) => async () => {
      for (let i = 0; i < callsPerRound; i++) {
        const outcome = await connection.call('setClock', { nowMs: 1_700_000_000_000 });
        if (outcome.outcome !== 'ok') throw new Error(`setClock answered '${outcome.outcome}'`);
      }
      return callsPerRound;
    };
    const timings = await sideBySide({ shim: round(shim), inProcess: round(inProcess), pipe: () => pipe.echo(callsPerRound) }, sampling);
    return {
      shimRoundTripsPerSecond: 1e6 / timings.shim.microsPerUnit,
      inProcessCallsPerSecond: 1e6 / timings.inProcess.microsPerUnit,
      pipeRoundTripsPerSecond: 1e6 / timings.pipe.microsPerUnit,
    };
  } finally {
    await Promise.all([shim.close(), inProcess.close(), pipe.close()]);
  }
}
