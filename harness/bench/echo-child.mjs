// The other end of the bare pipe the bench measures (pipe-round-trips.ts): writes back every line
// it reads, with no JSON, schema or candidate, so a round trip through it is the floor that any
// stdio shim on this machine starts from.
process.stdin.on('data', (chunk) => process.stdout.write(chunk));
